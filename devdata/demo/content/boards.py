# ruff: noqa: RUF001  (natural-language text: full-width punctuation and letters of other alphabets)
"""The other boards: the buds, the hub, the lounge, announcements and the beta lab."""

from devdata.demo.content import R, T

BUDS = [
    T(
        "Noise cancelling on a loud regional train: 1.4.2 impressions",
        "marco_r",
        "40-minute commute on a diesel train. With firmware 1.4.2 on the strongest ANC level the engine "
        "rumble is nearly gone; voices still come through a little.\n\n[[product:aurora-buds-pro]]",
        [
            R("kwame_a", "The medium level is my sweet spot, strongest gives me that ear-pressure feeling."),
            R("huang_jing", "Same on the metro in Guangzhou. The announcements still come through, which I actually want."),
            R("marco_r", "{prev} transparency on one bud only is a trick for that, hold the left stem for two seconds.", reply_to=3),
            R("sara.l", "Did 1.4.2 fix the hiss at low volume? 1.4.0 had a faint one in quiet rooms."),
            R("amara", "{prev} gone for me since 1.4.2.", reply_to=5),
        ],
        days_ago=11,
        votes=7,
    ),
    T(
        "Which ear tips fit you best?",
        "sara.l",
        "Medium was too loose, large seals well but gets sore after an hour. Anyone tried foam tips with the "
        "Buds Pro? Do they still fit in the case?",
        [
            R("kwame_a", "Foam tips for running, they don't fall out. They fit in the case if you get the short ones."),
            R("chloe_m", "Run the fit test in the app after changing tips. It told me my left ear needs a size up."),
            R("sara.l", "{prev} didn't know that existed. Left large, right medium now, and it passes.", reply_to=3),
            R(None, "Different sizes per ear is surprisingly common. Mine too."),
        ],
        days_ago=24,
        votes=4,
    ),
    T(
        "Multipoint between laptop and phone: how it behaves",
        "wei_zhang",
        "Video call on the laptop, phone rings: the buds switch to the phone and back after the call. Music "
        "on the phone does not pause the laptop, though. Intended?",
        [
            R("mira", "{op} intended for now: calls take priority, media doesn't interrupt media. A setting for it is planned."),
            R("elena_p", "Would love 'last one that played wins' as an option."),
            R("omar.h", "Works with a Linux laptop too, for anyone wondering. PipeWire picks the right codec."),
        ],
        days_ago=15,
        votes=5,
    ),
    T(
        "Running with the Buds Pro: sweat, wind and staying in",
        "kwame_a",
        "Six months of running five times a week. Sweat has not been a problem, wind noise on the ANC "
        "microphones is. Wind reduction in the app helps at the cost of some ANC.",
        [
            R("hannah.b", "Transparency mode on roads, always. Safety first."),
            R("kwame_a", "{prev} agreed, I use ANC only on the treadmill.", reply_to=2),
            R("lucia.f", "Do the touch controls misfire when you're sweaty?"),
            R("kwame_a", "{prev} sometimes a pause when I wipe my face. I turned off single tap for that reason.", reply_to=4),
        ],
        days_ago=35,
        votes=3,
    ),
]

HUB = [
    T(
        "Automations you actually use every day",
        "ingrid",
        "Mine:\n\n- Lights to 30 % at sunset\n- Heating down when the last phone leaves home\n- Hallway light "
        "on for motion after 22:00, at 10 %\n\nWhat's yours?\n\n[[product:home-hub]]",
        [
            R("hannah.b", "Washing machine plug drops under 5 W for two minutes: announcement on the hub's speaker."),
            R("zhou_tao", "Bathroom fan runs until humidity is under 60 %. Simple and I never think about it."),
            R("jonas", "Morning: blinds up 15 minutes before the alarm. Only on weekdays."),
            R("ingrid", "{prev} how do you read the alarm time? Mine only has fixed times.", reply_to=4),
            R("jonas", "{prev} the phone shares the next alarm with the hub since 2.3.0, it's a trigger in the list.", reply_to=5),
            R("lars_v", "Stealing every one of these."),
        ],
        days_ago=20,
        votes=9,
    ),
    T(
        "Zigbee range: where did you put the hub?",
        "hannah.b",
        "Moved mine from the cupboard to the top of the bookshelf and the garage door sensor finally stays "
        "connected. Metal cupboards are not a hub's friend.",
        [
            R("zhou_tao", "Mains-powered plugs act as repeaters. One in the hallway fixed my far bedroom."),
            R("ingrid", "Also keep it away from the Wi-Fi router, channel 11 and Zigbee 15 overlap."),
            R("hannah.b", "{prev} that explains the evenings when everyone streams. Moved it a metre away.", reply_to=3),
        ],
        days_ago=28,
        votes=5,
    ),
    T(
        "Local control only: how far can you go?",
        "omar.h",
        "I blocked the hub's internet access for a week to see what still works. Automations, the app on "
        "the home Wi-Fi, Matter devices: all fine. Voice assistants and remote access: no, as expected.",
        [
            R("wang.hao", "Firmware updates too, obviously. You can sideload them from the app though."),
            R("ingrid", "This is why I bought it. Good to have it confirmed."),
            R("mira", "Thanks {op}, that's the design: everything that can run locally does. We'll write it up in the help pages."),
        ],
        days_ago=8,
        votes=6,
    ),
]

LOUNGE = [
    T(
        "Hello from Lisbon!",
        "diego.s",
        "Long-time reader, first post. I use the Aurora 14 and the Buds Pro daily and came here after my "
        "first bug report got fixed in two weeks. Nice to meet you all.",
        [
            R("sofia", "Welcome! That feeling when your report says 'fixed in' is why I stay."),
            R("isabel_c", "Olá vizinho! Welcome."),
            R("leo", "Welcome {op}. Tip: follow the weekly beta thread in the Aurora board, that's where things happen."),
        ],
        days_ago=44,
        votes=6,
    ),
    T(
        "Desk setup thread",
        "hannah.b",
        "Post your desk! Mine: an old oak table, the Home Hub behind the monitor, the phone on a stand for "
        "video calls, charger hidden under the desk.",
        [
            R("wei_zhang", "Two monitors, a mechanical keyboard, and the phone as a webcam. The Aurora's camera beats my old webcam."),
            R("lucia.f", "Standing desk, plants, the buds on a hook. Nothing else."),
            R("lin_xiao", "桌面很简单：一台笔记本，一部手机，一杯茶。"),
            R("pierre.d", "Mine is the kitchen table. Every day."),
        ],
        days_ago=18,
        votes=4,
        screenshot=("My desk, seen from the phone", ["Monitor: 27 inch, arm mount", "Home Hub: behind the screen", "Phone: on a stand", "Charger: under the desk"]),
    ),
    T(
        "Podcasts for the commute",
        "marco_r",
        "Looking for recommendations, ideally 30-45 minute episodes. Tech, history or science welcome.",
        [
            R("sophie.w", "Any history podcast that does one story per season. Long commutes fly by."),
            R("raj_p", "I listen to release notes read aloud. Joking. Mostly."),
            R("aisha_b", "Science ones in Hausa exist and they're great, if anyone here speaks it."),
        ],
        days_ago=22,
        votes=2,
    ),
    T(
        "Poll: which product do you use most?",
        "leo",
        "Curious what people here use every day. Vote and tell us why in a reply.",
        [
            R("kwame_a", "Buds Pro. I wear them more hours than I look at my phone."),
            R("zhou_tao", "Home Hub, it runs my whole flat."),
            R("minji", "The phone, obviously. Games."),
        ],
        days_ago=16,
        votes=5,
        poll={"poll_question": "Which do you use most?", "poll_choices": ["Aurora 14", "Aurora Buds Pro", "Canopy Home Hub"]},
    ),
    T(
        "Repairing instead of replacing: battery kit experience",
        "tomasz",
        "Replaced the battery of my previous Aurora with the official kit. 40 minutes, one heat pad, no "
        "broken clips. The phone feels new. Anyone else tried?",
        [
            R("jake_t", "Did two this year, mine and my dad's. The guide is excellent."),
            R("anna_k", "Is the kit available for the 14 yet?"),
            R("mira", "{prev} the Aurora 14 battery kit comes in spring, with the same guide.", reply_to=3),
        ],
        days_ago=38,
        votes=7,
    ),
]

ANNOUNCEMENTS = [
    T(
        "Welcome to the Canopy community forum",
        "mira",
        "This is the place to talk about our products, report bugs and suggest features. The product team "
        "reads every feedback board and answers in the threads. Please be kind, stay on topic and vote for "
        "reports you share instead of posting duplicates.",
        [R("leo", "Glad to have a proper forum again. The feedback boards are a great idea."), R("amara", "Thanks, team!")],
        days_ago=45,
        votes=12,
    ),
    T(
        "Aurora 14 update V14.0.4.0 is rolling out",
        "mira",
        "The update fixes the Bluetooth reconnect issue many of you reported, halves standby battery drain "
        "and adds themed icons for third-party apps. Thank you for the detailed reports!\n\n[[product:aurora-14]]",
        [
            R("priya.k", "Standby drain really is half. My overnight loss went from 9 % to 4 %."),
            R("jonas", "Car Bluetooth has been stable all week. Thank you."),
            R("kenji", "Installed. Everything fine so far."),
        ],
        days_ago=12,
        votes=15,
    ),
    T(
        "Buds Pro firmware 1.4.2: three noise-cancelling levels",
        "mira",
        "Three ANC levels are now in the app. The feature came straight from your votes on the feedback board.",
        [R("sara.l", "The medium level is perfect for the office."), R("kwame_a", "Great, thanks for listening.")],
        days_ago=10,
        votes=9,
    ),
]

BETA = [
    T(
        "Beta V14.1.0.3: first impressions of the new gestures",
        "leo",
        "The new gesture navigation is much smoother and the back gesture no longer fights the drawer. "
        "Standby looks slightly worse, I'll measure over the weekend.",
        [
            R("kenji", "Same here. Back gesture is perfect now. One crash in the camera when switching to video."),
            R("mira", "Thanks both. {kenji} can you file the camera crash with the time it happened? We'll pull the log."),
            R("kenji", "Filed, with the time and the steps.", reply_to=3),
        ],
        days_ago=3,
        votes=2,
    ),
    T(
        "Beta Home Hub 2.5.0: Matter pairing",
        "kenji",
        "Paired three Matter plugs without problems. One older Zigbee bulb vanished from the list after the update.",
        [R("leo", "My old bulbs survived. Which brand is yours?"), R("kenji", "{prev} an unbranded one from 2019, probably its own fault.", reply_to=2)],
        days_ago=5,
        votes=1,
    ),
]
