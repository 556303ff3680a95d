"""Demo data for the feedback loop, after the store (order 10) and the forum (order 20).

For aurora-14, aurora-buds-pro and home-hub: releases (stable and weekly), feedback in every
status with votes (owner votes from the store's demo orders), a merged duplicate and a release
whose changelog fixes items. Idempotent: a product that already has releases is left alone."""

from datetime import timedelta

from django.utils import timezone

from community.models import User
from forum.feedback.actions.filing import file_feedback
from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.actions.releases import publish_release, rate_build, set_release_subscription
from forum.feedback.actions.status import add_internal_note, set_feedback_status
from forum.feedback.models import EnvironmentSchema, Release, Status
from forum.limits import limits_off
from forum.models import Board
from store.models import Product

# version, channel, days ago, changelog (fixes are filled in with the items' numbers)
RELEASES = {
    "aurora-14": [("V14.0.1.0", "STABLE", 40), ("V14.0.2.0", "STABLE", 21), ("V14.1.24.11", "WEEKLY", 9)],
    "aurora-buds-pro": [("1.3.0", "STABLE", 35), ("1.4.0", "STABLE", 12), ("1.4.1-beta", "BETA", 4)],
    "home-hub": [("2.0.0", "STABLE", 30), ("2.1.0", "WEEKLY", 6)],
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


def seed_feedback_demo(stdout=None) -> None:
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["mira", "leo", "amara", "jonas", "sofia", "kenji"])
    }
    team = people.get("mira") or User.objects.filter(is_superuser=True).order_by("pk").first()
    if team is None:
        return
    created = 0
    with limits_off():
        for slug, releases in RELEASES.items():
            product = Product.objects.filter(slug=slug).first()
            board = Board.objects.filter(slug=f"{slug}-feedback", kind=Board.Kind.FEEDBACK).first()
            if product is None or board is None or Release.objects.filter(product=product).exists():
                continue
            created += _seed_product(product, board, releases, FEEDBACK.get(slug, []), people, team)
    if stdout is not None:
        stdout.write(f"Feedback: {created} new demo items.")


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
            description=f"{title}. It started recently and happens on my device too.",
            steps="1. Use it as usual\n2. Wait" if kind == "BUG" else "",
            actual="It goes wrong." if kind == "BUG" else "",
            release=releases[against] if against is not None else None,
        )
        from forum.actions.votes import toggle_vote

        for name in voters:
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
        latest = releases[-1]
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
