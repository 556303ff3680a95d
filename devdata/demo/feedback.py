"""The demo's feedback loop, after the store and the forum.

For aurora-14, aurora-buds-pro and home-hub: releases (stable and weekly), feedback in every
status with votes (owner votes from the store's demo orders), a merged duplicate and a release
whose changelog fixes items. Idempotent: a product that already has releases is left alone."""

from datetime import timedelta

from django.utils import timezone

from forum.feedback.actions.filing import file_feedback
from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.actions.releases import publish_release, rate_build, set_release_subscription
from forum.feedback.actions.status import add_internal_note, set_feedback_status
from forum.feedback.models import EnvironmentSchema, Release, Status
from forum.limits import limits_off
from forum.models import Board
from store.models import Product


def _stable(versions: list[str], *, newest_days_ago: int, every_days: int) -> list[tuple[str, str, int]]:
    """Every version the forum's demo threads and announcements name (oldest first), shipped
    ``every_days`` apart, the newest (the one the home page announces) ``newest_days_ago`` days ago."""
    last = len(versions) - 1
    return [(v, "STABLE", newest_days_ago + (last - i) * every_days) for i, v in enumerate(versions)]


PHONE_VERSIONS = ["V14.0.1.0", "V14.0.2.0", "V14.0.3.0", "V14.0.4.0"]
BUDS_VERSIONS = ["1.4.0", "1.4.1", "1.4.2"]
HUB_VERSIONS = ["2.3.0", "2.4.0", "2.4.1"]

# version, channel, days ago; the newest stable release's changelog fixes the "fixed" items below.
# The stable versions are the forum demo's (devdata.demo.content), so the filing form offers every
# version people talk about and the home page announces.
RELEASES = {
    "aurora-14": [*_stable(PHONE_VERSIONS, newest_days_ago=3, every_days=12), ("V14.0.5.2", "WEEKLY", 4)],
    "aurora-buds-pro": [*_stable(BUDS_VERSIONS, newest_days_ago=5, every_days=10), ("1.5.1-beta", "BETA", 2)],
    "home-hub": [*_stable(HUB_VERSIONS, newest_days_ago=4, every_days=9), ("2.5.0", "WEEKLY", 6)],
}
# title, kind, reporter, voters, status key, against release index
FEEDBACK = {
    "aurora-14": [
        (
            "Battery drains overnight on standby",
            "BUG",
            "amara",
            ["leo", "jonas", "sofia", "kenji"],
            "fixed",
            1,
        ),
        ("Battery empties during the night", "BUG", "kenji", ["sofia", "leo"], "duplicate", 1),
        (
            "Camera app freezes when switching to night mode",
            "BUG",
            "leo",
            ["amara", "jonas"],
            "in-progress",
            1,
        ),
        (
            "Add a one-handed mode for the keyboard",
            "SUGGESTION",
            "sofia",
            ["leo", "kenji", "amara"],
            "planned",
            None,
        ),
        ("Wi-Fi drops after waking from sleep", "BUG", "jonas", ["leo"], "needs-info", 2),
        ("Screen flickers at very low brightness", "BUG", "leo", ["kenji"], "acknowledged", 2),
        ("Show battery health in settings", "SUGGESTION", "kenji", ["sofia"], "new", None),
        ("Replace the boot animation with a dark one", "SUGGESTION", "amara", [], "wont-fix", None),
        ("Bluetooth audio stutters with two devices", "BUG", "sofia", ["jonas"], "closed", 0),
    ],
    "aurora-buds-pro": [
        ("Left bud disconnects after ten minutes", "BUG", "amara", ["leo", "kenji", "sofia"], "fixed", 0),
        ("Add a custom equaliser", "SUGGESTION", "leo", ["amara", "jonas"], "planned", None),
        ("Case lid LED stays on", "BUG", "kenji", ["amara"], "new", 1),
    ],
    "home-hub": [
        ("Hub forgets Wi-Fi after a power cut", "BUG", "jonas", ["leo", "amara"], "in-progress", 0),
        ("Support Matter scenes", "SUGGESTION", "sofia", ["jonas", "kenji"], "acknowledged", None),
        ("Night light turns on at noon", "BUG", "leo", ["jonas"], "fixed", 0),
    ],
}
STEPS = {
    "Battery drains overnight on standby": "1. Charge to 100 % in the evening\n2. Leave the phone on Wi-Fi, screen off\n3. Check in the morning: 15-20 % gone",
    "Camera app freezes when switching to night mode": "1. Open the camera\n2. Swipe to Night quickly\n3. The preview freezes for 3-4 s, sometimes the app closes",
    "Wi-Fi drops after waking from sleep": "1. Lock the phone for 30 minutes\n2. Unlock it\n3. Wi-Fi shows connected but nothing loads for 20 s",
    "Bluetooth audio stutters with two devices": "1. Pair the Buds Pro and a smartwatch\n2. Play music\n3. Audio cuts out for a second every minute",
    "Left bud disconnects after ten minutes": "1. Wear both buds\n2. Play music for ten minutes\n3. The left bud cuts out for 2-3 s",
    "Hub forgets Wi-Fi after a power cut": "1. Unplug the hub for a minute\n2. Plug it back in\n3. It starts the Wi-Fi setup again",
}
ENVIRONMENT = {
    "aurora-14": [
        {
            "name": "region",
            "label": "Region",
            "type": "choice",
            "choices": ["EU", "US", "Asia"],
            "required": False,
        },
        {"name": "carrier", "label": "Carrier", "type": "text", "required": False},
    ],
}


EXTRA_VOTERS = ["priya.k", "wei_zhang", "chen_yu", "marco_r", "yuki_t", "omar.h", "elena_p", "nguyen_an", "raj_p", "zhang_min", "ingrid", "tomasz", "minji", "diego.s", "hannah.b"]  # fmt: skip
DESCRIPTIONS = {
    "BUG": "Device: Aurora 14 on {release}. Region EU, carrier Vodafone. Started after updating; a restart "
    "does not help. Reproducible most days.",
    "SUGGESTION": "This would save me time every day, and several people in the board asked for the same.",
}


def seed_feedback_demo(people: dict) -> int:
    team = people.get("mira") or people.get("admin")
    if team is None:
        return 0
    created = 0
    with limits_off():
        for slug, releases in RELEASES.items():
            product = Product.objects.filter(slug=slug).first()
            board = Board.objects.filter(slug=f"{slug}-feedback", kind=Board.Kind.FEEDBACK).first()
            if product is None or board is None or Release.objects.filter(product=product).exists():
                continue
            created += _seed_product(product, board, releases, FEEDBACK.get(slug, []), people, team)
    return created


def _seed_product(product, board, release_specs, feedback, people, team) -> int:
    if product.slug in ENVIRONMENT:
        EnvironmentSchema.objects.get_or_create(
            product=product, defaults={"fields": ENVIRONMENT[product.slug]}
        )
    today = timezone.localdate()
    releases = []
    for version, channel, days in release_specs:
        release = Release.objects.create(
            product=product,
            version=version,
            channel=channel,
            released_on=today - timedelta(days=days),
            changelog="## Improved\n- Smoother animations\n",
        )
        publish_release(actor=team, release=release)
        releases.append(release)
    statuses = {s.key: s for s in Status.objects.all()}
    items, fixed = [], []
    for title, kind, reporter, voters, status_key, against in feedback:
        author = people.get(reporter)
        if author is None:
            continue
        item = file_feedback(
            actor=author,
            board=board,
            kind=kind,
            title=title,
            description=DESCRIPTIONS[kind].format(
                release=releases[against].version if against is not None else "the latest stable"
            ),
            steps=STEPS.get(title, "1. Use the phone as usual for a day\n2. Watch for it") if kind == "BUG" else "",
            expected="It keeps working as before the update." if kind == "BUG" else "",
            actual=title + "." if kind == "BUG" else "",
            release=releases[against] if against is not None else None,
        )
        from forum.actions.votes import toggle_vote

        extra = EXTRA_VOTERS[len(items) % 5 :][: len(voters) * 2]
        for name in [*voters, *extra]:
            if name in people and name != reporter:
                toggle_vote(actor=people[name], post=item.thread.first_post)
        items.append((item, status_key))
    survivor = None
    for item, status_key in items:
        if status_key == "fixed":
            fixed.append(item)
            survivor = survivor or item
        elif status_key == "duplicate" and survivor is not None:
            merge_duplicate(
                actor=team, duplicate=item, survivor=survivor, comment="Same bug, let's keep one report."
            )
        elif status_key == "closed":
            set_feedback_status(
                actor=item.thread.author,
                item=item,
                status=statuses["closed"],
                comment="Fixed itself after a reset.",
            )
        elif status_key != "new":
            set_feedback_status(
                actor=team, item=item, status=statuses[status_key], comment=_comment(status_key)
            )
            if status_key == "in-progress":
                add_internal_note(
                    actor=team, item=item, body="Reproduced on two devices; firmware team is on it."
                )
    for name in ("leo", "amara", "jonas"):
        if name in people:
            set_release_subscription(actor=people[name], product=product, subscribed=True)
    if fixed:
        latest = max(
            (r for r in releases if r.channel == Release.Channel.STABLE), key=lambda r: r.released_on
        )
        refs = "\n".join(f"- {item.thread.title} (#{item.thread_id})" for item in fixed)
        latest.changelog = (
            f"## New\n- Faster start-up\n\n## Improved\n- Smoother animations\n\n## Fixed\n{refs}\n"
        )
        latest.save(update_fields=["changelog"])
        publish_release(actor=team, release=latest)
    for release in releases:
        for stars, name in zip((5, 4, 4, 3, 2), ("leo", "amara", "jonas", "sofia", "kenji"), strict=False):
            if name in people:
                rate_build(actor=people[name], release=release, stars=stars)
    return len(items)


def _comment(status_key: str) -> str:
    return {
        "needs-info": "Which build are you on, and does it happen in safe mode?",
        "acknowledged": "Thanks, we can see it too.",
        "planned": "Planned for an upcoming release.",
        "in-progress": "We are working on a fix.",
        "wont-fix": "This is by design; we will not change it.",
    }.get(status_key, "Updated.")
