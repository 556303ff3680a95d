"""Load data for feedback (a stage of ``devdata.loadgen``).

Every thread the forum stage put in the feedback board becomes a feedback item (bug or suggestion)
of the board's product, in a spread of statuses with its timeline rows, after a few published
releases whose changelogs list the items they fixed (``#<thread id>``, as ``publish_release`` reads
them). Votes are the opening posts' votes, written by the forum stage (owners among the voters).
The reporters earn what ``forum.feedback.reputation.feedback_status_changed`` gives for the final
status."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from devdata.loadgen import (
    Award,
    LoadContext,
    award_in_bulk,
    db_datetime,
    insert_rows,
    next_id,
    reset_sequences,
)
from forum.feedback.models import FeedbackItem, Release, Status, StatusChange
from forum.feedback.reputation import feedback_rules_earned
from forum.models import Thread

# status key: weight (duplicates are left out: a duplicate is made by merging, which moves votes)
STATUS_WEIGHTS = {
    "new": 34,
    "needs-info": 8,
    "acknowledged": 15,
    "planned": 10,
    "in-progress": 8,
    "fixed": 15,
    "wont-fix": 5,
    "closed": 5,
}
COMMENTS = {
    "needs-info": "Which build are you on, and does it happen in safe mode?",
    "acknowledged": "Thanks, we can see it too.",
    "planned": "Planned for an upcoming release.",
    "in-progress": "We are working on a fix.",
    "wont-fix": "This is by design; we will not change it.",
    "closed": "Closed: it no longer happens on current builds.",
}
# version, channel, where in the window it shipped (0..1)
RELEASES = [("V2.0.1.0", "STABLE", 0.3), ("V2.0.2.0", "STABLE", 0.6), ("V2.1.0.0", "STABLE", 0.85)]


def generate_feedback(ctx: LoadContext) -> dict[str, int]:
    board = ctx.data.get("feedback_board")
    threads = ctx.data.get("feedback_threads", [])
    if board is None:
        return {}
    rng = ctx.rng("feedback")
    team = ctx.data.get("team")
    product_id = board["product_id"]
    statuses = {status.key: status for status in Status.objects.all()}

    releases = []
    for version, channel, fraction in RELEASES:
        shipped = ctx.at(fraction)
        releases.append(
            Release.objects.create(
                product_id=product_id,
                version=version,
                channel=channel,
                released_on=shipped.date(),
                changelog="## Improved\n- Smoother animations\n",
                live=True,
                has_unpublished_changes=False,
                first_published_at=shipped,
                last_published_at=shipped,
                published_at=shipped,
            )
        )
    fixes: dict[int, list[int]] = {release.pk: [] for release in releases}

    keys, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    item_id, change_id = next_id(FeedbackItem), next_id(StatusChange)
    items, changes, awards = [], [], []
    thread_type = ContentType.objects.get_for_model(Thread).pk
    for thread in threads:
        created = thread["created_at"]
        kind = FeedbackItem.Kind.BUG if rng.random() < 0.7 else FeedbackItem.Kind.SUGGESTION
        key = rng.choices(keys, weights=weights)[0]
        affected = [r for r in releases if r.published_at <= created]
        affected_release = affected[-1] if affected and kind == FeedbackItem.Kind.BUG else None
        fixed_in = None
        changed_at = created + timedelta(hours=rng.randint(2, 24 * 14))
        if key == "fixed":
            later = [r for r in releases if r.published_at > created + timedelta(days=1)]
            if later:
                fixed_in = later[0]
                changed_at = fixed_in.published_at
                fixes[fixed_in.pk].append(thread["id"])
            else:
                key = "in-progress"
        if changed_at > ctx.window_end:
            changed_at = ctx.window_end
        status = statuses[key]
        if key == "new":
            changed_at = created
        is_bug = kind == FeedbackItem.Kind.BUG
        items.append(
            (
                item_id, thread["id"], product_id, None, kind, status.pk,
                affected_release.pk if affected_release else None, "", "{}",
                "1. Use it as usual\n2. Wait a few minutes" if is_bug else "",
                "It keeps working." if is_bug else "", "It stops working." if is_bug else "",
                rng.choice(["ALWAYS", "OFTEN", "SOMETIMES"]) if is_bug else "", None,
                fixed_in.pk if fixed_in else None, db_datetime(created), db_datetime(changed_at),
                db_datetime(changed_at) if status.category == Status.Category.DONE else None,
            )
        )  # fmt: skip
        changes.append(
            (change_id, item_id, None, statuses["new"].pk, thread["author"], "", None, db_datetime(created))
        )
        change_id += 1
        if key != "new":
            comment = f"Fixed in {fixed_in.version}." if fixed_in else COMMENTS[key]
            actor = thread["author"] if key == "closed" else team
            changes.append(
                (
                    change_id, item_id, statuses["new"].pk, status.pk, actor, comment,
                    fixed_in.pk if fixed_in else None, db_datetime(changed_at),
                )
            )  # fmt: skip
            change_id += 1
            for rule in feedback_rules_earned(kind=kind, status=status):
                awards.append(
                    Award(
                        thread["author"], rule, thread_type, thread["id"], f"forum.thread:{thread['id']}",
                        product_id, actor, changed_at,
                    )
                )  # fmt: skip
        item_id += 1

    rows = {"releases": len(releases)}
    rows["feedback items"] = insert_rows(
        FeedbackItem,
        [
            "id", "thread_id", "product_id", "variant_id", "kind", "status_id", "affected_release_id",
            "build_string", "environment", "steps", "expected", "actual", "frequency", "duplicate_of_id",
            "fixed_in_id", "created_at", "status_changed_at", "fixed_at",
        ],
        items,
    )  # fmt: skip
    rows["status changes"] = insert_rows(
        StatusChange,
        [
            "id",
            "item_id",
            "from_status_id",
            "to_status_id",
            "actor_id",
            "comment",
            "release_id",
            "created_at",
        ],
        changes,
    )
    reset_sequences(FeedbackItem, StatusChange)
    titles = {thread["id"]: thread["title"] for thread in threads}
    for release in releases:
        if fixes[release.pk]:
            refs = "\n".join(f"- {titles[pk]} (#{pk})" for pk in fixes[release.pk])
            release.changelog = f"## Improved\n- Smoother animations\n\n## Fixed\n{refs}\n"
            Release.objects.filter(pk=release.pk).update(changelog=release.changelog)
    rows.update(award_in_bulk(ctx, awards))
    ctx.data.setdefault("summary", []).append(
        f"releases of the feedback board's product: {', '.join(r.version for r in releases)}"
    )
    return rows
