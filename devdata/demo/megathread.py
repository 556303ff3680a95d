"""The weekly beta megathread (the MIUI-style one): "Weekly beta 14.0.5 — changelog and feedback",
330 posts over five days. Posts are composed from fragments, and what they say holds together: each
member keeps their phone, ROM and carrier (from where they live), never claims more time on the build
than has passed, follows up on their own report; others answer the problem a report names (quoting
it), questions get the team's answer, and the team posts an update once a problem is reported often
enough. No two posts read the same. Written on the demo's bulk path (devdata.demo.bulk): every counter is then set by the
forum's own recount, and each post and vote earns what the reputation rules give."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

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

# Where people live decides the ROM they run and the carriers they can be on.
CITY_COUNTRY = {
    "Berlin": "DE", "Hamburg": "DE", "Munich": "DE", "Lagos": "NG", "Abuja": "NG", "Kano": "NG", "Madrid": "ES",
    "Valencia": "ES", "Osaka": "JP", "Tokyo": "JP", "Nagoya": "JP", "深圳": "CN", "上海": "CN", "北京": "CN",
    "杭州": "CN", "成都": "CN", "广州": "CN", "武汉": "CN", "南京": "CN", "Kuala Lumpur": "MY", "Vancouver": "CA",
    "Montréal": "CA", "Bengaluru": "IN", "Pune": "IN", "Chennai": "IN", "São Paulo": "BR", "Porto Alegre": "BR",
    "Rio de Janeiro": "BR", "Buenos Aires": "AR", "Oslo": "NO", "Kraków": "PL", "Warsaw": "PL", "Seoul": "KR",
    "Casablanca": "MA", "Amman": "JO", "Lyon": "FR", "Lisbon": "PT", "Accra": "GH", "Stockholm": "SE",
    "Bucharest": "RO", "Leicester": "GB", "Manchester": "GB", "Utrecht": "NL", "Hà Nội": "VN", "İzmir": "TR",
    "Dubai": "AE", "Denver": "US", "Tbilisi": "GE", "Lahore": "PK", "Singapore": "SG",
}  # fmt: skip
COUNTRY_NETWORKS = {  # country: (ROM region, carriers)
    "DE": ("EU", ["Telekom", "Vodafone", "O2"]), "ES": ("EU", ["Movistar", "Orange", "Vodafone"]),
    "FR": ("EU", ["Orange", "SFR", "Free"]), "PT": ("EU", ["MEO", "NOS", "Vodafone"]),
    "NL": ("EU", ["KPN", "Odido"]), "PL": ("EU", ["Orange", "Play", "Plus"]), "SE": ("EU", ["Telia", "Tele2"]),
    "NO": ("EU", ["Telenor", "Telia"]), "RO": ("EU", ["Orange", "Digi"]), "GB": ("UK", ["EE", "O2", "Three"]),
    "US": ("US", ["T-Mobile", "AT&T", "Verizon"]), "CN": ("China", ["China Mobile", "China Unicom", "China Telecom"]),
    "IN": ("India", ["Jio", "Airtel", "Vi"]), "JP": ("Japan", ["Docomo", "au", "SoftBank"]),
    "BR": ("Brazil", ["Claro", "Vivo", "TIM"]), "TR": ("Turkey", ["Turkcell", "Vodafone"]),
    "NG": ("Global", ["MTN", "Airtel", "Glo"]), "GH": ("Global", ["MTN", "Telecel"]),
    "MY": ("Global", ["Maxis", "CelcomDigi"]), "CA": ("Global", ["Rogers", "Bell", "Telus"]),
    "AR": ("Global", ["Personal", "Claro"]), "KR": ("Global", ["SK Telecom", "KT"]),
    "MA": ("Global", ["Maroc Telecom", "inwi"]), "JO": ("Global", ["Zain", "Orange"]),
    "VN": ("Global", ["Viettel", "Vinaphone"]), "AE": ("Global", ["Etisalat", "du"]),
    "GE": ("Global", ["Magti", "Silknet"]), "PK": ("Global", ["Jazz", "Zong"]), "SG": ("Global", ["Singtel", "StarHub"]),
}  # fmt: skip
VARIANTS = ["Midnight Black 256 GB", "Midnight Black 512 GB", "Forest Green 256 GB", "Forest Green 512 GB"]
FROM_BUILDS = ["V14.0.5.1", "V14.0.5.0", "V14.0.4.0"]
BUILD = "V14.0.5.2"

# (hours since the build came out that the sentence needs, sentence)
WORKS = [
    (1, "Car Bluetooth held for a {drive}-minute drive with navigation and music, first time since {from_build}."),
    (0, "Night mode: street lamps keep their shape now, no more orange balls."),
    (14, "The alarm rang at {alarm} with Do Not Disturb on, properly, not just a buzz."),
    (0, "Battery health shows {capacity} % capacity and {cycles} cycles. Nice to finally see it."),
    (0, "Typed a long message at full speed, no dropped letters."),
    (26, "Screen-on time {sot_h} h {sot_m} min yesterday, about the same as before."),
    (12, "Standby drain overnight was {drain} % over {night} hours."),
    (0, "120 Hz stays smooth in the launcher and in maps."),
    (2, "Face unlock feels faster in the dark."),
    (4, "5G handover on the train is smoother, fewer drops to 4G."),
    (3, "Wireless charging works, slightly cooler than on {from_build}."),
    (0, "The camera opens noticeably faster from the lock screen shortcut."),
    (3, "Android Auto connected first time, three times in a row."),
]
# What broke, keyed by issue: (hours needed, sentence, what others answer to it)
ISSUES = {
    "notifications": (2, "{app} notifications arrive {delay} minutes late with the screen off.", [
        "Same here on {variant}: {app} is {delay} minutes late for me too.",
        "Setting {app} to 'No restrictions' in the battery settings fixed it for me.",
        "Not seeing this with {app} on {carrier}. Is battery saver on?",
    ]),
    "wifi-calling": (1, "The Wi-Fi calling toggle was off again after a reboot ({carrier}).", [
        "Can confirm the Wi-Fi calling reset on {carrier}.",
        "Same after every reboot. Toggling it twice makes it stick until the next one.",
        "It stays on for me on {carrier} ({region}). Carrier-specific?",
    ]),
    "heat": (2, "The phone got warm ({temp} °C) during a {call}-minute video call.", [
        "Mine gets warm in video calls too, but only on 5G. On Wi-Fi it's fine.",
        "{temp} °C here as well in a long call. It was cooler on {from_build}.",
    ]),
    "flicker": (0, "The screen flickers at the lowest brightness in dark mode, in {app} at least.", [
        "Same flicker, but only below about 5 % brightness.",
        "Same here. Turning dark mode off stops it for me.",
    ]),
    "ringtone": (0, "Lost my custom ringtone with the update, back to the default one.", [
        "Lost mine too. Picking it again from the file manager made it stick.",
        "Mine survived. Was yours a downloaded file? Mine is a recording and it stayed.",
    ]),
    "camera-crash": (1, "{app} crashed twice when opening the camera from inside it.", [
        "Clearing the camera app's cache after the update fixed that crash for me.",
        "Same with {app} here, only when it opens the camera.",
    ]),
    "brightness": (3, "Auto-brightness is too dim indoors, I keep pushing the slider up.", [
        "Same. Resetting the brightness learning (Display > Auto-brightness) helped a bit.",
        "Too dim for me as well, mostly in the evening.",
    ]),
    "hotspot": (2, "The hotspot drops my laptop after about {hotspot} minutes.", [
        "Same here, my laptop loses the hotspot after about {hotspot} minutes.",
        "Turning off 'Turn off hotspot when idle' fixed that for me.",
    ]),
    "gesture": (1, "The back gesture sometimes opens the side drawer in {app}.", [
        "Happens to me in {app} too. Swiping from a bit higher up avoids it.",
    ]),
    "drain": (14, "Went from 100 to {battery} % overnight once, normal the night after.", [
        "Had one bad night too, fine since. Probably the re-indexing after the update.",
        "Opposite here: my standby got better, {drain} % overnight.",
    ]),
    "aod": (1, "The always-on display turns off after {seconds} seconds instead of staying on.", [
        "Check Settings > Always-on display: mine had flipped to 'Tap to show' with the update.",
    ]),
    "video": (1, "4K 60 video stutters for a second when switching lenses.", [
        "Same stutter when switching to the telephoto at 4K 60. 4K 30 is smooth.",
    ]),
}  # fmt: skip
TOPICS = {"notifications": "late notification", "wifi-calling": "Wi-Fi calling", "flicker": "flicker",
          "hotspot": "hotspot", "camera-crash": "camera crash", "aod": "always-on display", "video": "video stutter",
          "brightness": "auto-brightness", "ringtone": "ringtone", "gesture": "back gesture",
          "drain": "overnight drain", "heat": "video call heat"}  # fmt: skip
STILL = ["The {topic} problem from my first post is still there.", "The {topic} problem I mentioned went away after a "
         "restart.", "Still seeing the {topic} problem, less often though."]  # fmt: skip
CLOSERS = ["Overall a keeper.", "Better than the last two weeklies.", "Will report back after a full charge cycle.",
           "Not rolling back, the fixes are worth it.", "", "", ""]  # fmt: skip
CLOSERS_WHEN_BROKEN = ["Filed the {topic} one on the feedback board with steps.", "Anyone else on {carrier} seeing this?",
                       "Logs sent through the feedback app.", "Still a keeper.", "", ""]  # fmt: skip
APPS = ["WhatsApp", "WeChat", "Telegram", "Signal", "Gmail", "Instagram", "Slack", "LINE", "Teams", "Outlook"]
# A question and the team's answer to it (asked again later, a member points to the answer)
QUESTIONS = [
    ("Coming from {from_build}: can I take this OTA directly, or do I need the builds in between?",
     "you can go straight from any 14.0.x build: the OTA is a full package."),
    ("Does this build still have the hotspot drop? I need it for work.",
     "a fix for the hotspot drop is in testing, it isn't in this build yet. If yours drops, send us the time it "
     "happened from the feedback app."),
    ("Anyone measured the battery health number against a third-party app?",
     "the capacity comes from the battery's own gauge; third-party apps estimate it from charging, so a few "
     "percent apart is expected."),
    ("Can I go back to stable without a reset?",
     "going back to stable needs a reset, sorry: data from a newer build cannot be downgraded safely. Back up "
     "first."),
    ("Is the night mode change also on the 3x telephoto?",
     "main and ultra-wide only in this build. The telephoto follows in 14.0.6."),
    ("Does the new freezing policy touch apps I set to unrestricted?",
     "apps set to unrestricted are left alone. If one still freezes, tell us which one."),
]  # fmt: skip
# The team's updates once enough people reported the same thing: (issue, reports needed, text)
TEAM_STATUS = [
    ("notifications", 8, "Thanks all. The late notifications are reproduced: the new freezing policy catches apps "
     "that use high-priority push. The fix is in next week's build."),
    ("wifi-calling", 5, "Wi-Fi calling reset: we have logs from {carrier} users now, thank you. We're looking at "
     "it with the carrier team."),
    ("flicker", 6, "Update on the flicker at low brightness: it's a panel timing change, reverted in V14.0.5.3."),
]  # fmt: skip


@dataclass
class Voice:
    """One member's phone and their part in the thread so far."""

    variant: str
    region: str
    carrier: str
    from_build: str
    reports: list[int] = field(default_factory=list)
    last_report_at: datetime | None = None
    said: set[str] = field(default_factory=set)  # what went well, already told
    issues: list[str] = field(default_factory=list)  # what broke, already told


def voice_for(name: str, home: str, rng: random.Random) -> Voice:
    country = CITY_COUNTRY.get(home) or rng.choice(["DE", "GB", "IN", "BR", "US", "FR"])
    region, carriers = COUNTRY_NETWORKS[country]
    return Voice(rng.choice(VARIANTS), region, rng.choice(carriers), rng.choice(FROM_BUILDS))


def _fill(template: str, rng: random.Random, voice: Voice, **known) -> str:
    values = {
        "from_build": voice.from_build,
        "variant": voice.variant,
        "region": voice.region,
        "carrier": voice.carrier,
        "drive": rng.choice([9, 12, 15, 18, 25, 35, 40, 45, 50]),
        "call": rng.choice([15, 20, 25, 30, 40, 45, 60]),
        "hotspot": rng.choice([5, 8, 10, 12, 15, 20]),
        "seconds": rng.choice([5, 10, 15, 30]),
        "alarm": f"{rng.randint(5, 8):02d}:{rng.choice([0, 15, 30, 45]):02d}",
        "capacity": rng.randint(96, 100),
        "cycles": rng.randint(38, 140),
        "sot_h": rng.randint(5, 7),
        "sot_m": rng.randint(0, 59),
        "drain": rng.choice([2, 3, 4, 5, 6, 7]),
        "night": rng.randint(6, 9),
        "app": rng.choice(APPS),
        "delay": rng.randint(2, 6),
        "temp": rng.randint(38, 44),
        "battery": rng.randint(82, 91),
    }
    values.update(known)
    return template.format(**values)


def _opener(rng: random.Random, voice: Voice, at: datetime, hours_in: float) -> str:
    """How a first report starts: never claims more time on the build than has passed."""
    hours = rng.randint(1, max(1, int(hours_in)))
    span = "an hour" if hours == 1 else f"{hours} hours"
    options = [f"Just updated from {voice.from_build}, first impressions.", "Quick report."]
    if hours_in >= 1:
        options += [
            f"Updated from {voice.from_build} about {span} ago.",
            f"Dirty flash from {voice.from_build}, no reset, all apps kept.",
            f"Report after {span} of normal use.",
            f"Clean install this time (backup, reset, restore), {span} in.",
        ]
        ota = timezone.localtime(at - timedelta(hours=rng.uniform(0.5, min(hours_in, 20))))
        day = "" if ota.date() == timezone.localtime(at).date() else "yesterday "
        options.append(f"Got the OTA {day}at {ota:%H}:{ota.minute // 5 * 5:02d}, installed right away.")
    if hours_in >= 24:
        options.append(f"Day {int(hours_in // 24) + 1} on {BUILD}.")
    return rng.choice(options)


def _device(rng: random.Random, voice: Voice) -> str:
    return rng.choice(
        [
            f"{voice.variant}, {voice.region} ROM, {voice.carrier}.",
            f"Device: {voice.variant} / region {voice.region} / carrier {voice.carrier}.",
            f"{voice.variant} on {voice.carrier} ({voice.region} ROM).",
            f"Aurora 14 {voice.variant}, {voice.region} ROM, {voice.carrier}.",
        ]
    )


def _follow_up(rng: random.Random, voice: Voice, at: datetime) -> str:
    since = (at - voice.last_report_at).total_seconds() / 3600
    return rng.choice(
        [
            f"Update after another {int(since)} hours:",
            "Follow-up to my report above:" if since < 24 else "Follow-up to my report from yesterday:"
            if since < 48 else f"Follow-up to my report from {int(since // 24)} days ago:",
            "Quick update:",
        ]
    )


@dataclass
class Composed:
    author: str
    body: str
    reply_to: int | None = None
    quote: tuple[int, str] | None = None  # (post number, the words quoted)


def compose(rng: random.Random, voices: list[str], team: str, times: dict[int, datetime], homes: dict[str, str]) -> list[Composed]:
    """Posts 2..POSTS (``times``: when each is written, the build out at ``times[1]``). People keep
    their phone, ROM and carrier; a first report says which, later ones follow up; agreements answer
    the report's own problem and may quote it; questions get the team's answer (or, asked again, a
    pointer to it); the team posts an update once enough people report the same problem."""
    people = {name: voice_for(name, homes.get(name, ""), rng) for name in voices}
    posts: list[Composed] = []
    with_issue: list[tuple[int, str, str, str, str]] = []  # (number, author, issue, sentence, app named)
    issue_reports: dict[str, list[str]] = {}
    pending: list[tuple[int, str, int]] = []  # (number, asker, question index)
    answered: dict[int, int] = {}  # question index: number of the team's answer
    asked: dict[int, int] = {}
    statuses_done: set[str] = set()
    seen: set[str] = set()
    while len(posts) < POSTS - 1:
        number = len(posts) + 2
        at = times[number]
        hours_in = (at - times[1]).total_seconds() / 3600
        previous = posts[-1].author if posts else team
        author = rng.choice([name for name in voices if name != previous])
        voice = people[author]
        roll = rng.random()
        due = [
            (issue, count, text) for issue, count, text in TEAM_STATUS
            if issue not in statuses_done and len(issue_reports.get(issue, [])) >= count
        ]  # fmt: skip
        if due and previous != team and hours_in >= 8:  # the team reads for a while before it answers
            issue, _, text = due[0]
            carrier = people[issue_reports[issue][-1]].carrier
            post, effect = Composed(team, text.format(carrier=carrier)), ("status", issue)
        elif pending and (roll < 0.45 or len(pending) > 2) and (previous != team or pending[0][2] in answered):
            asked_at, asker, index = pending[0]
            if index in answered:
                who = author if author != asker else rng.choice([n for n in voices if n not in (asker, previous)])
                post = Composed(who, f"@{asker} the team answered that in #{answered[index]}.", reply_to=asked_at)
            else:
                post = Composed(team, f"@{asker} {QUESTIONS[index][1]}", reply_to=asked_at)
            effect = ("answer", index)
        elif roll < 0.14:
            open_questions = [i for i in range(len(QUESTIONS)) if asked.get(i, 0) < 2]
            if not open_questions:
                continue
            index = rng.choice(open_questions)
            post, effect = Composed(author, _fill(QUESTIONS[index][0], rng, voice)), ("question", index)
        elif roll < 0.45 and with_issue:
            target, reporter, issue, sentence, app = rng.choice(with_issue[-25:])
            if reporter == author:
                continue
            answer = _fill(rng.choice(ISSUES[issue][2]), rng, voice, app=app)
            quote = (target, sentence) if rng.random() < 0.6 else None
            post, effect = Composed(author, answer, reply_to=target, quote=quote), ("agree", issue)
        elif voice.last_report_at is None or (at - voice.last_report_at) >= timedelta(hours=10):
            first = voice.last_report_at is None
            parts = [_opener(rng, voice, at, hours_in), _device(rng, voice)] if first else [_follow_up(rng, voice, at)]
            works = [text for need, text in WORKS if need <= hours_in and text not in voice.said]
            told = rng.sample(works, min(len(works), rng.randint(1, 3) if first else rng.randint(0, 2)))
            parts += [_fill(text, rng, voice) for text in told]
            if voice.issues and rng.random() < 0.5:
                parts.append(rng.choice(STILL).format(topic=TOPICS[voice.issues[-1]]))
            broken = [key for key, (need, _, _) in ISSUES.items() if need <= hours_in and key not in voice.issues]
            issue = rng.choice(broken) if broken and rng.random() < (0.7 if first else 0.35) else None
            app = rng.choice(APPS)
            sentence = _fill(ISSUES[issue][1], rng, voice, app=app) if issue else ""
            if issue:
                parts.append(sentence)
                closer = rng.choice(CLOSERS_WHEN_BROKEN)
            else:
                closer = rng.choice(CLOSERS)
            if len(parts) == (2 if first else 1):  # says nothing about the build: not written
                continue
            parts.append(_fill(closer, rng, voice, topic=TOPICS.get(issue, "")))
            body = " ".join(part for part in parts if part)
            post, effect = Composed(author, body), ("report", (issue, sentence, app, told))
        else:
            continue
        if post.body in seen:
            continue
        seen.add(post.body)
        posts.append(post)
        kind, value = effect
        if kind == "status":
            statuses_done.add(value)
        elif kind == "answer":
            pending.pop(0)
            if post.author == team:
                answered[value] = number
        elif kind == "question":
            pending.append((number, author, value))
            asked[value] = asked.get(value, 0) + 1
        elif kind == "agree" and not post.body.startswith(("Not ", "It stays", "Mine survived", "Opposite")):
            issue_reports.setdefault(value, []).append(author)
        elif kind == "report":
            issue, sentence, app, told = value
            voice.reports.append(number)
            voice.last_report_at = at
            voice.said.update(told)
            if issue:
                voice.issues.append(issue)
                with_issue.append((number, author, issue, sentence, app))
                issue_reports.setdefault(issue, []).append(author)
    return posts


def write_megathread(
    *, board, clock, people: dict, voices: list[str], team: str, seed: int, history: History
) -> Thread | None:
    """The megathread in ``board``, unless a thread with its title is already there: the opening
    post through ``start_thread``, the rest on the bulk path (``history``, finished by the caller).
    It runs from the clock's moment over five days, or until a little before now if that is sooner."""
    from devdata.demo.people import EVERYONE
    from forum.actions.threads import start_thread

    if Thread.objects.filter(board=board, title=TITLE).exists():
        return None
    rng = random.Random(seed)
    started = clock.current
    thread = start_thread(actor=people[team], board=board, title=TITLE, body=OPENING, tags=["beta"])
    span = min(timedelta(days=5), latest_moment() - timedelta(minutes=15) - started)
    # busier in the first hours after the build lands, then a steady trickle
    steps = sorted(rng.random() ** 1.4 for _ in range(POSTS - 1))
    times = {1: started} | {number: started + span * step for number, step in enumerate(steps, start=2)}
    homes = {person.username: person.location for person in EVERYONE}
    replies = []
    for number, post in enumerate(compose(rng, voices, team, times, homes), start=2):
        body = post.body
        if post.quote:
            quoted, words = post.quote
            author = people[replies[quoted - 2].author.username] if quoted > 1 else people[team]
            body = quote_markdown(author_name=author.public_name, body=words, post_number=quoted) + body
        replies.append(
            Reply(
                people[post.author], body, times[number], reply_to=post.reply_to,
                quote_of=post.quote[0] if post.quote else None,
            )
        )  # fmt: skip
    # Everyone in the beta follows this thread: fifty notifications for each of its posts would bury
    # every other one, so its replies notify nobody (notify=False); the watches are there.
    ThreadWatch.objects.bulk_create(
        [ThreadWatch(user=people[name], thread=thread, created_at=started) for name in set(voices) | {team}],
        ignore_conflicts=True,
    )
    rows = history.add_replies(thread, replies, notify=False)
    # votes: the opening post and about a third of the replies collect a few "+1"s, within hours
    votes = []
    for post in [thread.first_post, *rows]:
        wanted = rng.randint(6, 14) if post.number == 1 else (rng.randint(1, 4) if rng.random() < 0.35 else 0)
        for voter in rng.sample(voices, min(wanted, len(voices))):
            votes.append((people[voter], post, post.created_at + timedelta(minutes=rng.randint(5, 600))))
    history.add_votes(votes)
    return thread
