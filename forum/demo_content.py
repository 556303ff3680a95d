"""Demo threads: written like real members write, combined from per-product topics so a few hundred
threads read differently. Deterministic (a fixed random seed) and idempotent (a thread whose title
already exists in its board is skipped)."""

import random

from django.db import transaction

from community.models import User
from forum.actions.polls import vote_in_poll
from forum.actions.posts import reply
from forum.actions.threads import start_thread
from forum.actions.votes import toggle_vote
from forum.limits import limits_off
from forum.models import Thread
from forum.permissions import readers_among

MEMBERS = ["leo", "amara", "jonas", "sofia", "kenji"]

PHONE_VERSIONS = ["V14.0.1.0", "V14.0.2.0", "V14.0.2.1", "V14.0.3.0", "V14.0.4.0", "V14.0.4.2", "V14.0.5.0"]
BUDS_VERSIONS = ["1.3.8", "1.3.9", "1.4.0", "1.4.1", "1.4.2", "1.4.3", "1.5.0"]
HUB_VERSIONS = ["2.2.4", "2.3.0", "2.3.1", "2.3.2", "2.4.0", "2.4.1", "2.4.2"]

# (title template, body template) per product board; {v} is a version, {p} the product name.
PRODUCT_TOPICS = {
    "aurora-14": {
        "versions": PHONE_VERSIONS,
        "discussion": [
            (
                "Battery life on {v}: what are you getting?",
                "After a full day with maps, music and around two hours of video I end with about 30 % left on {v}. Curious how it compares for everyone else. Brightness on auto, 120 Hz on.",
            ),
            (
                "Best camera settings for night shots on {v}",
                "Night mode is decent, but I get better results with the tripod mode and ISO locked around 800. Anyone found a combination that keeps the city lights from blooming?",
            ),
            (
                "Is 90 W charging worth it with a third-party brick on {v}?",
                "My old 65 W charger gets it to 80 % in about 35 minutes. Is the official one noticeably faster in daily use, or only on paper?",
            ),
            (
                "Show your home screen ({v} edition)",
                "Minimal layout, monochrome icons, two widgets. I'll go first: calendar on top, weather below, nothing else. Yours?",
            ),
            (
                "Screen protector recommendations for the curved edges",
                "Tempered glass keeps lifting at the edges for me. Has anyone found a film that works with the case and the fingerprint reader on {v}?",
            ),
            (
                "Gaming at 120 Hz: which titles actually use it on {v}?",
                "The frame-rate counter shows 120 in some games and 60 in others with the same settings. Is there a list somewhere?",
            ),
            (
                "Dual SIM while travelling: eSIM tips",
                "Just got back from a trip with a local eSIM next to my home SIM. Worked fine on {v} once I turned off data roaming on the main line. Happy to answer questions.",
            ),
            (
                "How long do you keep a phone these days?",
                "With monthly updates like {v} I'm thinking four years is realistic for the Aurora 14. What made you upgrade last time?",
            ),
        ],
        "feedback": [
            (
                "Bluetooth drops in the car after updating to {v}",
                "Steps: pair with the car, start navigation, play music. Expected: audio keeps playing. Actual: it disconnects after 5-10 minutes and reconnects on its own. Started right after {v}.",
            ),
            (
                "Suggestion: per-app refresh rate in {v}",
                "Let us pin 60 Hz for reading apps and 120 Hz for games. Saves battery without giving up smooth scrolling where it matters.",
            ),
            (
                "Alarm does not ring when Do Not Disturb is on ({v})",
                "Set an alarm for 07:00, DND scheduled 23:00-07:30. Expected the alarm to ring. It only vibrates once. Reproducible every night on {v}.",
            ),
            (
                "Wi-Fi calling toggle resets after a reboot on {v}",
                "Turn on Wi-Fi calling, reboot the phone, check the setting: it is off again. Carrier profile unchanged.",
            ),
            (
                "Idea: show charging time estimate on the lock screen",
                "Something like 'Full in 23 min' under the battery icon while charging. Small thing, but I check it every morning.",
            ),
            (
                "Keyboard lag when typing fast since {v}",
                "Typing quickly in any messenger drops letters now and then. Did not happen on the previous build. Default keyboard, haptics on.",
            ),
            (
                "Camera app crashes switching to 5x zoom on {v}",
                "Open camera, pinch to 5x quickly. The app closes about one time in three. Slow zoom works fine.",
            ),
            (
                "Request: battery health percentage in settings",
                "Plenty of phones show it now. It would help people decide when to replace the battery instead of the phone.",
            ),
        ],
    },
    "aurora-buds-pro": {
        "versions": BUDS_VERSIONS,
        "discussion": [
            (
                "Noise cancelling on the train: firmware {v} impressions",
                "Commute is 40 minutes on a loud regional train. With {v} the low rumble is nearly gone, voices still come through a bit.",
            ),
            (
                "Which ear tips fit you best?",
                "Medium was too loose for me, large seals well but gets sore after an hour. Anyone tried foam tips with the Buds Pro?",
            ),
            (
                "Battery life with ANC on, firmware {v}",
                "I get roughly 5 h 20 min with ANC on and volume at 60 %. Case gives three more charges. Matches the spec sheet for once.",
            ),
            (
                "Using the Buds Pro for calls in windy weather",
                "The wind noise reduction in {v} works better than I expected on a bike. The other person said I sounded a bit muffled but clear.",
            ),
            (
                "Multipoint between laptop and phone: your experience",
                "Switching from a video call on the laptop to a phone call works, but music on the phone does not pause the laptop. Is that how it is meant to work on {v}?",
            ),
        ],
        "feedback": [
            (
                "Left bud disconnects randomly on {v}",
                "Steps: wear both buds, play music for 20 minutes. Expected: stable audio. Actual: the left bud cuts out for 2-3 seconds every so often. Reset did not help.",
            ),
            (
                "Suggestion: adjustable ANC strength",
                "A slider with three levels would be great. Full strength feels like pressure in quiet offices.",
            ),
            (
                "Case lid wakes the phone even when buds are in my ears ({v})",
                "Opening the empty case shows the pairing pop-up on the phone every time. A bit annoying on {v}.",
            ),
            (
                "Transparency mode sounds tinny after {v}",
                "Voices in transparency mode became thin and metallic after the update. Before {v} it sounded natural.",
            ),
            (
                "Request: find my buds with last known location",
                "Lost one bud on a bus last week. Even the last place it was connected would have helped.",
            ),
        ],
    },
    "home-hub": {
        "versions": HUB_VERSIONS,
        "discussion": [
            (
                "Automations you actually use every day ({v})",
                "Mine: lights to 30 % at sunset, heating down when the last phone leaves home, hallway light on for motion after 22:00. What's yours?",
            ),
            (
                "Zigbee range: where did you put the hub?",
                "Moved mine from the cupboard to the top of the bookshelf and the garage sensor finally stays connected on {v}.",
            ),
            (
                "Local control only: how far can you go?",
                "I blocked the hub's internet access to see what still works on {v}. Automations and the app on Wi-Fi: yes. Voice assistants: no, as expected.",
            ),
            (
                "Energy dashboard: worth setting up?",
                "With a smart plug on the washing machine I found out the old dryer uses more than the fridge. Dashboard on {v} made it obvious.",
            ),
        ],
        "feedback": [
            (
                "Scenes run twice after upgrading to {v}",
                "Steps: create a scene with a 'when I arrive home' trigger. Expected: it runs once. Actual: it fires twice within a few seconds since {v}.",
            ),
            (
                "Suggestion: conditions based on weather forecast",
                "Close the blinds when the forecast says above 28 °C, for example. Today only current temperature is available.",
            ),
            (
                "Thermostat schedule ignored on daylight saving change ({v})",
                "After the clock change the heating followed the old times for a whole day. Reboot fixed it.",
            ),
            (
                "Request: export automations as a file",
                "Backing up and sharing automations with friends would be much easier with an export and import.",
            ),
        ],
    },
}

LOUNGE_TOPICS = [
    (
        "Hello from Lisbon!",
        "Long-time reader, first post. I use the Aurora 14 and the Buds Pro daily and came here after my first bug report got fixed in two weeks. Nice to meet you all.",
    ),
    (
        "What got you into this community?",
        "For me it was watching a feature request go from 'new' to 'shipped' with my name in the changelog. Yours?",
    ),
    (
        "Desk setup thread",
        "Post your desk! Mine: an old oak table, the Home Hub behind the monitor, the Aurora on a stand for video calls.",
    ),
    (
        "Podcasts for the commute",
        "Looking for recommendations, ideally 30-45 minute episodes. Tech, history or science welcome.",
    ),
    (
        "Weekend photo challenge: reflections",
        "Take a photo of a reflection this weekend (puddles, windows, anything) and post it here with the phone and settings you used.",
    ),
    (
        "Tips for new members",
        "Search before posting, vote for existing reports instead of opening duplicates, and add your version number to bug reports. It really speeds things up.",
    ),
    (
        "Favourite small feature nobody talks about",
        "Mine is the double-tap on the back of the phone to take a screenshot. I use it ten times a day.",
    ),
    (
        "Offline maps: which app do you trust?",
        "Going hiking where there's no signal. Which offline map app worked for you, and how big were the downloads?",
    ),
    (
        "Repairing instead of replacing",
        "Replaced my battery myself with the official kit last month. Took 40 minutes and the phone feels new. Anyone else tried?",
    ),
    (
        "Monthly meetup in Berlin?",
        "A few of us met for coffee last month and talked about the roadmap for two hours. Anyone interested in making it regular?",
    ),
]

ANNOUNCEMENTS = [
    (
        "Welcome to the Canopy community forum",
        "This is the place to talk about our products, report bugs and suggest features. The product team reads every feedback board and answers in the threads. Please be kind, stay on topic and vote for reports you share instead of posting duplicates.",
    ),
    (
        "Aurora 14 update V14.0.5.0 is rolling out",
        "The update fixes the Bluetooth reconnect issue many of you reported, improves standby battery drain and adds the per-app refresh rate setting from the feedback board. Thank you for the detailed reports!",
    ),
    (
        "Buds Pro firmware 1.5.0: adjustable noise cancelling",
        "Three ANC levels are now available in the app. The feature came straight from your votes on the feedback board.",
    ),
    (
        "Community guidelines, updated",
        "We clarified what counts as spam and how reports are handled. Moderators now always leave a reason when they hide a post, and you get notified.",
    ),
]

REPLIES = [
    "Same here on {v}. Happens to me mostly in the morning.",
    "Thanks for the detailed steps, I can reproduce it exactly like that.",
    "Have you tried clearing the cache? It helped me with something similar, not sure it applies here.",
    "+1, this would make a real difference for me.",
    "Can confirm on {v}. Added my vote.",
    "I don't see this on {v}. Might be related to the region or the carrier?",
    "Good tip, I didn't know that. Trying it tonight.",
    "Mine behaves the same. Reported it through the app too, with logs.",
    "For what it's worth, a full reset did not fix it for me.",
    "Interesting. Does it happen with the battery saver on or off?",
    "Thanks, this worked for me!",
    "I'd rather have this as an option than a default, but I'm for it.",
    "Same experience. It got better after the second reboot, oddly enough.",
    "Could you post a screenshot? Curious what it looks like on your side.",
    "Agree with everything above. Hope the team picks it up soon.",
]

TEAM_REPLIES = [
    "Thanks for the report. We can reproduce this and a fix is planned for the next update.",
    "Good idea. We're collecting votes on this one; keep them coming.",
    "Could you send us the build number from Settings > About? That will help us narrow it down.",
]


def _people() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=[*MEMBERS, "mira", "admin"])}


def _make(board, author, title, body, rng, people, *, replies=None, poll=None) -> bool:
    if Thread.objects.filter(board=board, title=title).exists():
        return False
    tags = []
    if board.kind == board.Kind.FEEDBACK:
        tags = ["idea"] if title.startswith(("Suggestion", "Request", "Idea")) else ["bug"]
    thread = start_thread(actor=author, board=board, title=title, body=body, tags=tags, **(poll or {}))
    readers = readers_among(board.pk, [p.pk for p in people.values()])
    others = [p for name, p in people.items() if name in MEMBERS and p.pk != author.pk and p.pk in readers]
    count = (rng.randint(0, 6) if replies is None else replies) if others else 0
    versions = ["the latest build"]
    posts = [thread.first_post]
    for i in range(count):
        replier = rng.choice(others)
        text = rng.choice(REPLIES).format(v=rng.choice(versions))
        if board.kind == board.Kind.FEEDBACK and i == count - 1 and "mira" in people and rng.random() < 0.4:
            replier, text = people["mira"], rng.choice(TEAM_REPLIES)
        target = rng.choice(posts) if rng.random() < 0.3 else None
        posts.append(reply(actor=replier, thread=thread, body=text, reply_to=target))
    for voter in rng.sample(others, k=rng.randint(0, len(others))):
        toggle_vote(actor=voter, post=thread.first_post)
    if poll:
        for voter in others[: rng.randint(1, len(others))]:
            vote_in_poll(
                actor=voter,
                poll=thread.poll,
                choice_ids=[rng.choice(list(thread.poll.choices.values_list("pk", flat=True)))],
            )
    return True


def seed_threads(boards) -> int:
    people = _people()
    members = [people[name] for name in MEMBERS if name in people]
    if not members:
        return 0
    rng = random.Random(20261122)
    created = 0
    with limits_off(), transaction.atomic():
        team = people.get("mira") or people.get("admin")
        if team and "announcements" in boards:
            for title, body in ANNOUNCEMENTS:
                created += _make(
                    boards["announcements"], team, title, body, rng, people, replies=rng.randint(1, 4)
                )
        if "lounge" in boards:
            for title, body in LOUNGE_TOPICS:
                created += _make(boards["lounge"], rng.choice(members), title, body, rng, people)
            created += _make(
                boards["lounge"],
                members[0],
                "Poll: which product do you use most?",
                "Curious what people here use every day. Vote and tell us why in a reply.",
                rng,
                people,
                poll={
                    "poll_question": "Which do you use most?",
                    "poll_choices": ["Aurora 14", "Aurora Buds Pro", "Canopy Home Hub"],
                },
            )
        for slug, spec in PRODUCT_TOPICS.items():
            for kind in ("discussion", "feedback"):
                board = boards.get(slug if kind == "discussion" else f"{slug}-feedback")
                if board is None:
                    continue
                for title, body in spec[kind]:
                    for version in spec["versions"]:
                        created += _make(
                            board,
                            rng.choice(members),
                            title.format(v=version) if "{v}" in title else f"{title} (on {version})",
                            body.format(v=version),
                            rng,
                            people,
                        )
        if "beta" in boards and team:
            for title, body in [
                (
                    "Beta V14.1.0.0: first impressions",
                    "The new gesture navigation is much smoother. Battery standby looks slightly worse, I'll measure over the weekend.",
                ),
                (
                    "Beta Home Hub 2.5.0: Matter pairing",
                    "Paired three Matter plugs without problems. One older Zigbee bulb vanished from the list after the update.",
                ),
            ]:
                created += _make(boards["beta"], team, title, body, rng, people)
    return created
