# ruff: noqa: RUF001  (natural-language text: full-width punctuation and letters of other alphabets)
"""The Aurora 14 board: questions, tips and setups, several with product cards."""

from devdata.demo.content import R, T

THREADS = [
    T(
        "Night photography: my settings for city lights on the Aurora 14",
        "yuki_t",
        "Night mode is good, but highlights bloom around street lamps. What works for me in Pro mode:\n\n"
        "- ISO 800, 1/4 s, handheld with the phone braced on a railing\n- White balance 3900 K for sodium lamps\n"
        "- Exposure -0.7 so the lamps keep their shape\n\nThe 3x telephoto is noticeably worse in the dark, "
        "stay on the main camera.",
        [
            R("mei_ling", "The -0.7 trick is what I was missing. My shots of the harbour finally keep the sky blue."),
            R("emre_y", "Do you shoot RAW? The JPEG noise reduction smears the brick textures for me."),
            R("yuki_t", "{prev} RAW for anything I'll edit, yes. The JPEG pipeline is tuned for faces, not walls.", reply_to=3),
            R("amara", "Tried this last night in Lagos traffic, the tail lights no longer turn into orange blobs. Thanks {op}."),
            R("lin_xiao", "补充一下：长曝光的时候关掉防抖效果反而更好（用三脚架的话）。"),
            R("hiro.n", "Pinning this. Would love a preset slot in Pro mode so we don't have to dial it in every time."),
            R("mira", "{hiro.n} preset slots for Pro mode are in the suggestions board with 40+ votes, we're looking at them for 14.1."),
        ],
        days_ago=33,
        votes=14,
    ),
    T(
        "Battery after three months: 6 h 40 min screen-on on V14.0.4.0",
        "priya.k",
        "My daily log since launch, same usage (maps on the commute, messaging, an hour of video):\n\n"
        "- V14.0.2.0: 5 h 55 min\n- V14.0.3.0: 6 h 10 min\n- V14.0.4.0: 6 h 40 min\n\nStandby drain went "
        "from 1.2 % to 0.6 % per hour. Whatever the team changed, it worked.",
        [
            R("leo", "Matches my numbers within ten minutes. The standby fix in 14.0.4 was the big one."),
            R("marco_r", "120 Hz on or adaptive? I get an hour less with it forced to 120."),
            R("priya.k", "{prev} adaptive. Forced 120 costs me about 50 minutes too.", reply_to=3),
            R("nguyen_an", "With two SIMs active I'm around 5 h 30. The second radio costs more than I thought."),
            R("raj_p", "Is there a way to see battery health? After three months I'd like to know if it's degrading."),
            R("mira", "{raj_p} battery health in Settings is planned, the report is on the feedback board if you want to vote."),
        ],
        days_ago=9,
        votes=11,
    ),
    T(
        "Show your home screen (minimal edition)",
        "chloe_m",
        "Monochrome icons, one calendar widget, nothing else on the first page. The dock has four apps. "
        "Yours?",
        [
            R("minji", "Mine is the opposite: three pages of widgets, games folder on the dock. 120 Hz makes scrolling them a joy."),
            R("sara.l", "Forest green phone, dark green wallpaper, white icons. Matches the case."),
            R("pierre.d", "I hide all app names. Muscle memory does the rest."),
            R("kenji", "Clock widget and the weather. That's it. The drawer for everything else."),
            R(None, "Is there an icon pack with the monochrome style for third-party apps?"),
            R("chloe_m", "{prev} themed icons in Settings > Home screen cover the system apps since 14.0.3; third-party ones are promised for the next update.", reply_to=6),
        ],
        days_ago=26,
        votes=5,
    ),
    T(
        "eSIM plus physical SIM while travelling: what worked for me",
        "nguyen_an",
        "Back from six weeks across four countries with a local eSIM next to my home SIM. Tips:\n\n"
        "1. Install the eSIM before you leave, activate on arrival\n2. Turn off data roaming on the home line\n"
        "3. Label the lines (Settings > SIMs) so you know which one calls\n\nWorked flawlessly on V14.0.2.0.",
        [
            R("noor_a", "Step 3 saved me a very expensive call last year. Great list."),
            R("tariq", "Can you keep WhatsApp on the home number while data runs on the eSIM?"),
            R("nguyen_an", "{prev} yes, messaging apps stay on the number they were registered with, data line doesn't matter.", reply_to=3),
            R("olga_v", "Does the phone hold two eSIMs at once or only one plus physical?"),
            R("wei_zhang", "{prev} it stores up to eight eSIM profiles, two active at a time.", reply_to=5),
        ],
        days_ago=40,
        votes=8,
    ),
    T(
        "Gaming at 120 Hz: which titles actually run at 120?",
        "minji",
        "The frame counter says 120 in some games and 60 in others with the same settings. My list so far:\n\n"
        "- 120: the racing one, most puzzle games, the rhythm game\n- 60 only: the big open-world one, "
        "the shooter (it caps itself)\n\nAdd yours and I'll keep this post updated.",
        [
            R("arjun_m", "The shooter unlocks 120 if you switch graphics to 'smooth'. Costs texture quality though."),
            R("minji", "{prev} confirmed, updated the list. Thanks!", reply_to=2),
            R("raj_p", "How hot does it get after half an hour at 120?"),
            R("minji", "{prev} 41 °C on the back after 30 min of the racing game, no throttling that I could see.", reply_to=4),
            R("gabriel_o", "Game turbo mode keeps it at 120 but the battery goes fast, about 20 % an hour."),
        ],
        days_ago=14,
        votes=7,
    ),
    T(
        "Buying my first Aurora: 256 or 512 GB?",
        "fatima_z",
        "I take a lot of video (4K, maybe 20 minutes a week) and keep everything on the phone. There's no "
        "card slot. Is 256 enough for two or three years?\n\n[[product:aurora-14]]",
        [
            R("leo", "4K 30 fps is around 350 MB a minute. 20 minutes a week is 7 GB a week, so 256 fills up in under a year unless you offload."),
            R("isabel_c", "Get 512 if you don't want to think about it. I regret 256."),
            R("tomasz", "Or 256 and a habit of copying to a laptop every month. The price difference buys a lot of cloud storage."),
            R("fatima_z", "Thanks {leo}, that number decided it. 512 it is, green if they get it back in stock."),
            R("mira", "{op} Forest Green 512 GB is back next week. You can watch the product page to be told."),
        ],
        days_ago=6,
        votes=4,
    ),
    T(
        "Accessories I actually use after six months",
        "raj_p",
        "Not sponsored, just what stayed in my bag:\n\n- The silicone case: [[product:aurora-14-case]]\n"
        "- The 65 W charger, also charges my laptop: [[product:usb-c-charger-65w]]\n- A cheap screen "
        "protector that I replace every few months",
        [
            R("hannah.b", "Same two. The charger replaced three bricks in my drawer."),
            R("lars_v", "Which screen protector fits with the case? Mine lifts at the corners."),
            R("raj_p", "{prev} get the ones with a 0.5 mm margin, full-edge ones fight the case.", reply_to=3),
            R(None, "I'd add the Buds Pro to that list, multipoint with the laptop is great."),
        ],
        days_ago=12,
        votes=6,
    ),
    T(
        "How long do you keep a phone these days?",
        "jake_t",
        "With monthly updates and a replaceable battery kit, I think four years is realistic for the "
        "Aurora 14. What made you upgrade last time?",
        [
            R("tomasz", "Battery. Always the battery. Replaced mine on the last phone and kept it another two years."),
            R("minji", "Honestly, the screen. Once you've used 120 Hz you can't go back."),
            R("sara.l", "Software support ending. That's why the update promise mattered when I bought this one."),
            R("kwame_a", "Dropped it in a lake. Not a choice."),
            R("jonas", "Four years of updates is what I'd want in writing. {mira} is that the plan?"),
            R("mira", "{jonas} four years of Android updates and five of security patches for the Aurora 14, it's on the product page."),
        ],
        days_ago=30,
        votes=8,
    ),
]

# Threads about the accessories and the limited edition, in those products' boards
CASE = [
    T(
        "Which case survives a drop on tiles? Silicone case after three months",
        "diego.s",
        "Three months with the official silicone case in sage: two drops on kitchen tiles, one down the "
        "stairs, not a scratch on the phone. The raised lip around the camera island does its job.\n\n"
        "[[product:aurora-14-case]]\n\nThe only downside: lint collects inside the camera cut-out.",
        [
            R("tomasz", "Same case in sand here. The colour picks up jeans dye after a while, sage hides it better."),
            R("anna_k", "Does it make the side buttons harder to press? I need them for the accessibility shortcut."),
            R("diego.s", "{prev} no, the buttons are moulded, they click the same as bare. Easier to find by touch actually.", reply_to=3),
            R("jake_t", "Lint trick: a bit of tape wrapped sticky side out around a finger, once a week."),
            R(None, "Ordered the sage one after this thread. Stock said only a few sand ones left, so hurry if you want that colour."),
            R("mira", "Thanks {op}! The lip is 1.2 mm above the lenses. A clear version is on the accessories roadmap, no date yet."),
        ],
        days_ago=21,
        votes=9,
    ),
    T(
        "Screen protector recommendations for the curved edges",
        "lars_v",
        "Tempered glass keeps lifting at the edges, and the fingerprint reader misses half the time with it. "
        "Anyone found a film that works with the case?",
        [
            R("anna_k", "TPU film instead of glass. Looks a bit orange-peel but the reader works."),
            R("jake_t", "Re-register your fingerprint after putting the protector on. Fixed the misses for me."),
            R("lars_v", "{prev} that helped a lot, thanks. Going from 50 % misses to maybe one in ten.", reply_to=3),
            R("sophie.w", "Case-friendly glass with a margin, as raj said in the accessories thread."),
        ],
        days_ago=19,
        votes=3,
    ),
]
CHARGER = [
    T(
        "Is the 65 W charger worth it, or is my old 45 W brick enough?",
        "priya.k",
        "I log charging with an app. From 10 % on the 45 W laptop brick: 50 % at 19 min, 80 % at 38 min, full "
        "at 71 min. The phone is rated for 90 W, so I'm wondering what the official 65 W changes in practice.\n\n"
        "[[product:usb-c-charger-65w]]",
        [
            R("wei_zhang", "With the 65 W: 50 % at 14 min, 80 % at 29 min here. The last 20 % is slow on any charger, the phone tapers to protect the cell."),
            R("jake_t", "If you charge overnight it makes no difference at all. It matters on days you forgot."),
            R("priya.k", "{prev} fair. I mostly top up at my desk, so 15 minutes saved on a half charge is the real number.", reply_to=3),
            R("omar.h", "The braided cable alone is worth it, mine survived a year in a backpack."),
            R(None, "One charger for laptop, phone and buds when travelling. That's why I bought it."),
        ],
        days_ago=17,
        votes=6,
    ),
]
ULTRA = [
    T(
        "Aurora 14 Ultra: anyone got a purchase-right code?",
        "gabriel_o",
        "The limited drop opens in a few days and needs a code. How were codes given out? I've been active "
        "here for a year.\n\n[[product:aurora-14-ultra]]",
        [
            R("leo", "I got one. The email said it was for top contributors on the feedback boards over the last six months."),
            R("gabriel_o", "{prev} makes sense. Time to file better bug reports then.", reply_to=2),
            R("kenji", "Got one too. 100 phones for the whole community, I'm not sure I should use it."),
            R("mira", "Codes went to the most helpful reporters and beta testers. There'll be a second round for the next drop, based on the same boards."),
            R("elena_p", "Titanium and a periscope camera. My wallet is scared."),
        ],
        days_ago=2,
        votes=10,
    ),
]
