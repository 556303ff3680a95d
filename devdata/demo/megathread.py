"""The weekly beta megathread (the MIUI-style one): "Weekly beta 14.0.5 — changelog and feedback",
300+ posts over five days. Posts are composed from fragments with varying details (device, region,
numbers, apps), so no two posts read the same; some quote an earlier post, and the team answers
questions. Written on the demo's bulk path (devdata.demo.bulk): every counter is then set by the
forum's own recount, and each post and vote earns what the reputation rules give."""

import random
from datetime import timedelta

from devdata.demo.bulk import History, Reply
from devdata.demo.runtime import latest_moment
from forum.markdown import quote_markdown
from forum.models import Thread, ThreadWatch

TITLE = "Weekly beta 14.0.5 — changelog and feedback"
POSTS = 330

OPENING = """Weekly beta **V14.0.5.2** is rolling out to the beta channel now.

## New
- Camera: night mode keeps highlights (street lamps, signs) from blooming
- Battery: a new background freezing policy for apps you have not opened in three days
- Settings > Battery shows battery health (cycle count and capacity)

## Fixed
- Bluetooth drops in the car after 5-10 minutes of navigation
- Alarm only vibrating when Do Not Disturb is scheduled
- Keyboard dropping letters when typing fast

## Known issues
- Some messaging apps may deliver notifications late while the screen is off
- Wi-Fi calling toggle may reset after a reboot on some carriers

Please post here: your **device, region and carrier**, what works, what broke. Bugs with steps go to the
feedback board (link them here). Be specific: "battery bad" helps nobody, "screen-on 5 h 10 min, was 6 h" does.
"""

REGIONS = ["EU", "EU", "Global", "India", "China", "US", "UK", "Brazil", "Japan", "Nigeria", "Indonesia", "Turkey"]
CARRIERS = ["Vodafone", "Orange", "T-Mobile", "Jio", "Airtel", "China Mobile", "China Unicom", "Claro", "Vivo BR", "MTN", "Turkcell", "EE", "O2", "Docomo", "Telkomsel", "Movistar"]  # fmt: skip
VARIANTS = ["Midnight Black 256 GB", "Midnight Black 512 GB", "Forest Green 256 GB", "Forest Green 512 GB"]
FROM_BUILDS = ["V14.0.5.1", "V14.0.4.0", "V14.0.5.0"]

OPENERS = [
    "Updated this morning from {from_build}, about {hours} hours in.",
    "Installed last night over Wi-Fi, took {minutes} minutes including the reboot.",
    "Dirty flash from {from_build}, no reset, all apps kept.",
    "Day {day} on V14.0.5.2.",
    "Report after {hours} hours of normal use.",
    "Came from {from_build}. Quick report.",
    "Got the OTA at {clock}, installed right away.",
    "Clean install this time (backup, reset, restore), {hours} hours in.",
]
DEVICE = [
    "{variant}, {region}, {carrier}.",
    "Device: {variant} / region {region} / carrier {carrier}.",
    "{variant} on {carrier} ({region}).",
    "Aurora 14 {variant}, {region} ROM, {carrier}.",
]
WORKS = [
    "Car Bluetooth held for a {minutes}-minute drive with navigation and music, first time since {from_build}.",
    "Night mode: street lamps keep their shape now, no more orange balls.",
    "Alarm rang with DND on at {clock}, properly, not just a buzz.",
    "Battery health shows {capacity} % capacity and {cycles} cycles. Nice to finally see it.",
    "Typed a long message at full speed, no dropped letters.",
    "Screen-on time {sot_h} h {sot_m} min yesterday, about the same as before.",
    "Standby drain overnight was {drain} % over {night} hours.",
    "120 Hz stays smooth in the launcher and in maps.",
    "Face unlock feels faster in the dark.",
    "5G handover on the train is smoother, fewer drops to 4G.",
    "The new themed icons cover my banking app now.",
    "Wireless charging works, slightly cooler than on {from_build}.",
    "Camera opens noticeably faster from the lock screen shortcut.",
    "Android Auto connected first time, three times in a row.",
]
BROKE = [
    "{app} notifications arrive {delay} minutes late with the screen off.",
    "Wi-Fi calling toggle was off again after a reboot ({carrier}).",
    "The phone got warm ({temp} °C) during a {minutes}-minute video call.",
    "Screen flickers at the lowest brightness in dark mode, only in {app}.",
    "Lost the custom ringtone after the update, back to default.",
    "{app} crashed twice when opening the camera from inside it.",
    "Auto-brightness is too dim indoors, I keep pushing the slider up.",
    "Hotspot drops clients after about {minutes} minutes.",
    "Gesture back swipe sometimes opens the drawer in {app}.",
    "Battery went from 100 to {battery} % overnight once, normal the next night.",
    "Always-on display turns off after {minutes} seconds instead of staying on.",
    "Video recording at 4K 60 stutters for a second when switching lenses.",
]
CLOSERS = [
    "Overall a keeper.",
    "Better than the last two weeklies.",
    "Filed the {topic} one on the feedback board with steps.",
    "Will report back after a full charge cycle.",
    "Not rolling back, the fixes are worth it.",
    "Anyone else on {carrier} seeing this?",
    "Logs sent through the feedback app.",
    "",
    "",
]
APPS = ["WhatsApp", "WeChat", "Telegram", "Signal", "Gmail", "Instagram", "Slack", "LINE", "Teams", "Outlook"]
TOPICS = ["notification", "Wi-Fi calling", "brightness", "hotspot", "ringtone", "flicker"]

AGREE = [
    "Same here on {variant} ({region}), {app} is late by {delay} minutes for me too.",
    "Can confirm the Wi-Fi calling reset on {carrier}.",
    "Not seeing this on {carrier}. Maybe region-specific?",
    "Same. Setting {app} to 'no restrictions' in battery settings helped for me.",
    "Opposite here: my standby got better, {drain} % overnight.",
    "Happens to me only on mobile data, never on Wi-Fi.",
    "Did you clear the camera app's cache after updating? Fixed the crash for me.",
    "Same flicker, but only below 5 % brightness.",
    "Interesting, mine is fine on {variant}. Which apps are restricted on yours?",
    "I see it after a reboot too, toggling it twice makes it stick until the next one.",
]
QUESTIONS = [
    "Is it safe to update from {from_build} directly or do I need {mid_build} first?",
    "Does this build still have the hotspot drop? I need it for work.",
    "Anyone measured the battery health number against a third-party app?",
    "Can I go back to stable without a reset?",
    "Is the night mode change also on the 3x telephoto?",
    "Does the new freezing policy touch apps I set to unrestricted?",
]
TEAM_ANSWERS = [
    "{asker} you can go straight from {from_build}, the OTA is a full package.",
    "{asker} yes, the hotspot fix is in this build. If clients still drop, send us the time it happened from the feedback app.",
    "{asker} the capacity is read from the battery's own gauge; third-party apps estimate it from charging, so a few percent apart is expected.",
    "{asker} going back to stable needs a reset, sorry: data from a newer build cannot be downgraded safely. Back up first.",
    "{asker} main and ultra-wide only in this build. The telephoto follows in 14.0.6.",
    "{asker} apps set to unrestricted are left alone. If one still freezes, tell us which one.",
]
TEAM_STATUS = [
    "Thanks all. The late notifications are reproduced: the new freezing policy catches apps that use high-priority push. Fix is in next week's build.",
    "Wi-Fi calling reset: we have logs from {carrier} now, thank you. Looking at it with the carrier team.",
    "Update on the flicker at low brightness: it's a panel timing change, reverted in 14.0.5.3.",
]


def _fill(template: str, rng: random.Random, **known) -> str:
    values = {
        "from_build": rng.choice(FROM_BUILDS),
        "mid_build": "V14.0.5.1",
        "hours": rng.randint(6, 60),
        "minutes": rng.choice([7, 9, 12, 15, 18, 25, 35, 40, 45, 50]),
        "day": rng.randint(2, 5),
        "clock": f"{rng.randint(5, 23):02d}:{rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]):02d}",
        "variant": rng.choice(VARIANTS),
        "region": rng.choice(REGIONS),
        "carrier": rng.choice(CARRIERS),
        "capacity": rng.randint(96, 100),
        "cycles": rng.randint(38, 140),
        "sot_h": rng.randint(5, 7),
        "sot_m": rng.randint(0, 59),
        "drain": rng.choice([2, 3, 4, 5, 6, 7]),
        "night": rng.randint(6, 9),
        "app": rng.choice(APPS),
        "delay": rng.randint(1, 6),
        "temp": rng.randint(38, 44),
        "battery": rng.randint(82, 91),
        "topic": rng.choice(TOPICS),
    }
    values.update(known)
    return template.format(**values)


def compose(rng: random.Random, voices: list[str], team: str) -> list[tuple[str, str, int | None]]:
    """(author, markdown body, number of the post it answers or quotes) for posts 2..POSTS.
    Reports, agreements that quote a report, questions, and the team's answers."""
    posts: list[tuple[str, str, int | None]] = []
    reports: list[int] = []  # post numbers of reports, for quoting
    questions: list[tuple[int, str]] = []
    seen: set[str] = set()
    number = 1
    while len(posts) < POSTS - 1:
        number = len(posts) + 2
        roll = rng.random()
        author = rng.choice(voices)
        target = None
        if questions and (roll < 0.06 or len(questions) > 2):
            asked_at, asker = questions.pop(0)
            body = _fill(rng.choice(TEAM_ANSWERS), rng, asker=f"@{asker}")
            author, target = team, asked_at
        elif roll < 0.08 and number > 40:
            body, author = _fill(rng.choice(TEAM_STATUS), rng), team
        elif roll < 0.18:
            body = _fill(rng.choice(QUESTIONS), rng)
            questions.append((number, author))
        elif roll < 0.42 and reports:
            target = rng.choice(reports[-25:])
            body = _fill(rng.choice(AGREE), rng)
        else:
            parts = [_fill(rng.choice(OPENERS), rng), _fill(rng.choice(DEVICE), rng)]
            for template in rng.sample(WORKS, rng.randint(1, 3)):
                parts.append(_fill(template, rng))
            if rng.random() < 0.75:
                parts.append(_fill(rng.choice(BROKE), rng))
            closer = _fill(rng.choice(CLOSERS), rng)
            if closer:
                parts.append(closer)
            body = " ".join(parts)
            reports.append(number)
        if body in seen:
            continue
        seen.add(body)
        posts.append((author, body, target))
    return posts


def write_megathread(
    *, board, clock, people: dict, voices: list[str], team: str, seed: int, history: History
) -> Thread | None:
    """The megathread in ``board``, unless a thread with its title is already there: the opening
    post through ``start_thread``, the rest on the bulk path (``history``, finished by the caller).
    It runs from the clock's moment over five days, or until a little before now if that is sooner."""
    from forum.actions.threads import start_thread

    if Thread.objects.filter(board=board, title=TITLE).exists():
        return None
    rng = random.Random(seed)
    started = clock.current
    thread = start_thread(actor=people[team], board=board, title=TITLE, body=OPENING, tags=["beta"])
    composed = compose(rng, voices, team)
    span = min(timedelta(days=5), latest_moment() - timedelta(minutes=15) - started)
    bodies: dict[int, tuple[str, str]] = {1: (team, OPENING)}
    replies = []
    for offset, (author, body, target) in enumerate(composed):
        number = offset + 2
        at = started + span * (number / (len(composed) + 2)) + timedelta(seconds=rng.randint(0, 600))
        quote_of = None
        if target is not None and author != team and rng.random() < 0.6:
            quoted_author, quoted_body = bodies[target]
            body = quote_markdown(
                author_name=people[quoted_author].public_name, body=quoted_body[:280], post_number=target
            ) + body
            quote_of = target
        bodies[number] = (author, body)
        replies.append(Reply(people[author], body, at, reply_to=target, quote_of=quote_of))
    # Everyone in the beta follows this thread: fifty notifications for each of its posts would bury
    # every other one, so its replies notify nobody (notify=False); the watches are there.
    ThreadWatch.objects.bulk_create(
        [ThreadWatch(user=people[name], thread=thread, created_at=started) for name in set(voices) | {team}],
        ignore_conflicts=True,
    )
    rows = history.add_replies(thread, replies, notify=False)
    # votes: reports and team answers collect a few "+1"s from other voices
    votes = []
    for post in [thread.first_post, *rows]:
        wanted = rng.randint(4, 12) if post.number == 1 else (rng.randint(0, 4) if rng.random() < 0.35 else 0)
        for voter in rng.sample(voices, min(wanted, len(voices))):
            votes.append((people[voter], post, post.created_at + timedelta(minutes=rng.randint(5, 300))))
    history.add_votes(votes)
    return thread
