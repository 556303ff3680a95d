"""The demo's feedback loop, after the store and the forum, over the same weeks as the forum.

For aurora-14, aurora-buds-pro and home-hub (devdata.demo.content.feedback): releases shipped on
their days with their own changelogs; bug reports and suggestions filed against the version people
ran, discussed and voted for (owner votes from the store's demo orders), then triaged by the team
into every status, a duplicate merged, a report closed by its author, and the newest stable release
fixing what its changelog names. Everything happens at its moment (DemoClock): first the releases
and the reports with their discussion (replies and votes on the bulk path), then the team's work.
Idempotent: a product that already has releases is left alone."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from devdata.demo.bulk import History, Reply
from devdata.demo.content.feedback import EXTRA_VOTERS, ITEMS, RELEASES, Item, Rel
from devdata.demo.runtime import days_ago, latest_moment
from forum.feedback.actions.filing import file_feedback
from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.actions.releases import publish_release, rate_build, set_release_subscription
from forum.feedback.actions.status import add_internal_note, set_feedback_status
from forum.feedback.models import EnvironmentSchema, FeedbackItem, Release, Status
from forum.limits import limits_off
from forum.markdown import quote_markdown
from forum.models import Board
from store.models import Product, Variant

SEED = 20261203
SUBSCRIBERS = ("leo", "amara", "jonas")  # told when a release ships
ENVIRONMENT = {
    "aurora-14": [
        {"name": "region", "label": "Region", "type": "choice", "choices": ["EU", "US", "Asia"], "required": False},
        {"name": "carrier", "label": "Carrier", "type": "text", "required": False},
    ],
}  # fmt: skip


@dataclass
class Filed:
    spec: Item
    item: FeedbackItem
    at: datetime  # filed
    decided_at: datetime  # when its status changes (the end of its discussion)


def release_day(rel: Rel) -> datetime:
    return days_ago(rel.days_ago, hour=10)


def seed_feedback_demo(people: dict, *, clock) -> int:
    """Every product's feedback, in the order things happened; returns the number of reports filed."""
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
            rng = random.Random(f"{SEED}:{slug}")
            created += seed_product(
                product, board, releases, ITEMS.get(slug, []), people=people, team=team, clock=clock,
                rng=rng,
            )  # fmt: skip
    return created


def seed_product(product, board, releases: list[Rel], items: list[Item], *, people, team, clock, rng) -> int:
    history = History()
    if product.slug in ENVIRONMENT:
        EnvironmentSchema.objects.get_or_create(product=product, defaults={"fields": ENVIRONMENT[product.slug]})
    shipped = {rel.version: release_day(rel) for rel in releases}
    clock.at(min(shipped.values()) - timedelta(days=2))
    for name in SUBSCRIBERS:
        if name in people:
            set_release_subscription(actor=people[name], product=product, subscribed=True)
    rows: dict[str, Release] = {}
    filings = [(_filed_at(spec, shipped, rng), spec) for spec in items if spec.reporter in people]
    # 1. what people saw: releases shipping and reports filed, in time order; their discussion
    events = [(shipped[rel.version], 0, rel) for rel in releases] + [(at, 1, spec) for at, spec in filings]
    filed: list[Filed] = []
    for at, _, what in sorted(events, key=lambda event: (event[0], event[1])):
        clock.at(at)
        if isinstance(what, Rel):
            rows[what.version] = _ship(product, what, team=team)
            continue
        item = _file(what, board=board, product=product, people=people, releases=rows)
        decided = _decided_at(what, at, shipped, releases, rng)
        filed.append(Filed(what, item, at, decided))
        _discuss(filed[-1], len(filed) - 1, people=people, history=history, rng=rng)
    history.finish(clock)
    # 2. what the team did, in time order: triage, the merge, the fixing release, the ratings
    actions = [(entry.decided_at, 1, entry) for entry in filed if entry.spec.status not in ("new", "fixed")]
    actions += [(shipped[rel.version] + timedelta(minutes=5), 0, rel) for rel in releases if rel.fixes]
    for at, _, what in sorted(actions, key=lambda action: (action[0], action[1])):
        clock.at(at)
        if isinstance(what, Rel):
            fixed = [entry.item for entry in filed if entry.spec.status == "fixed"]
            _fix(rows[what.version], fixed, team=team)
        else:
            _decide(what, filed=filed, people=people, team=team, clock=clock)
    _rate(releases, rows, people=people, clock=clock, rng=rng)
    return len(filed)


def _filed_at(spec: Item, shipped: dict, rng) -> datetime:
    at = days_ago(spec.days_ago, hour=rng.randint(8, 21)) + timedelta(minutes=rng.randint(0, 59))
    if spec.against in shipped:  # seen on a version: some hours after it shipped
        at = max(at, shipped[spec.against] + timedelta(hours=rng.randint(5, 30)))
    return min(at, latest_moment())


def _decided_at(spec: Item, filed: datetime, shipped: dict, releases: list[Rel], rng) -> datetime:
    if spec.status == "fixed":
        fixing = next(rel for rel in releases if rel.fixes)
        return shipped[fixing.version]
    if spec.status == "new":
        return latest_moment()
    return min(filed + timedelta(hours=rng.randint(20, 70)), latest_moment())


def _ship(product, rel: Rel, *, team) -> Release:
    release = Release.objects.create(
        product=product,
        version=rel.version,
        channel=rel.channel,
        released_on=timezone.localdate(timezone.now()),
        changelog=rel.changelog,
    )
    publish_release(actor=team, release=release)
    return release


def _file(spec: Item, *, board, product, people, releases) -> FeedbackItem:
    variant = Variant.objects.filter(product=product, sku=spec.variant).first() if spec.variant else None
    return file_feedback(
        actor=people[spec.reporter],
        board=board,
        kind=spec.kind,
        title=spec.title,
        description=spec.description,
        variant=variant,
        release=releases.get(spec.against) if spec.against else None,
        environment=spec.environment,
        steps=spec.steps,
        expected=spec.expected,
        actual=spec.actual,
        frequency=spec.frequency,
    )


def _discuss(entry: Filed, position: int, *, people, history, rng) -> None:
    """Replies and votes between the report and the team's decision (``position``: the report's
    place in its product's list, which picks the extra voters)."""
    spec, thread = entry.spec, entry.item.thread
    end = min(entry.decided_at, latest_moment()) - timedelta(minutes=10)
    room = max(end - entry.at, timedelta(minutes=20))
    written = [(spec.reporter, spec.description)]
    replies = []
    for index, item in enumerate(spec.replies):
        if item.author not in people:
            continue
        at = entry.at + room * (index + 1) / (len(spec.replies) + 1) + timedelta(minutes=rng.randint(0, 30))
        text = item.text.replace("{op}", f"@{spec.reporter}").replace("{prev}", f"@{written[-1][0]}")
        if item.quote:
            name, body = written[item.quote - 1]
            text = quote_markdown(author_name=people[name].public_name, body=body, post_number=item.quote) + text
        written.append((item.author, text))
        replies.append(Reply(people[item.author], text, at, reply_to=item.reply_to, quote_of=item.quote))
    history.add_replies(thread, replies)
    extra = EXTRA_VOTERS[position % 5 :][: len(spec.voters) * 2]
    voters = [people[name] for name in dict.fromkeys([*spec.voters, *extra]) if name in people]
    history.add_votes(
        (voter, thread.first_post, entry.at + room * rng.uniform(0.05, 0.95))
        for voter in voters
        if voter.username != spec.reporter
    )


def _decide(entry: Filed, *, filed: list[Filed], people, team, clock) -> None:
    spec, item = entry.spec, entry.item
    statuses = {status.key: status for status in Status.objects.all()}
    if spec.status == "duplicate":
        survivor = next(other.item for other in filed if other.spec.status == "fixed")
        merge_duplicate(actor=team, duplicate=item, survivor=survivor, comment=spec.comment)
    elif spec.status == "closed":
        set_feedback_status(
            actor=people[spec.reporter], item=item, status=statuses["closed"], comment=spec.comment
        )
    else:
        set_feedback_status(actor=team, item=item, status=statuses[spec.status], comment=spec.comment)
    if spec.note:
        clock.at(clock.current + timedelta(hours=1))
        add_internal_note(actor=team, item=item, body=spec.note)


def _fix(release: Release, fixed: list[FeedbackItem], *, team) -> None:
    """The fixing release names what it fixes; publishing it again moves those reports to "fixed in"
    and tells their reporters and voters."""
    if not fixed:
        return
    refs = "\n".join(f"- {item.thread.title} (#{item.thread_id})" for item in fixed)
    release.changelog = f"{release.changelog.rstrip()}\n\n## Fixed\n{refs}\n"
    release.save(update_fields=["changelog"])
    publish_release(actor=team, release=release)


def _rate(releases: list[Rel], rows: dict, *, people, clock, rng) -> None:
    """A few people rate each build in the days after it ships: mostly good, the odd bad one."""
    raters = [name for name in ("leo", "amara", "jonas", "sofia", "kenji", "wei_zhang", "elena_p") if name in people]
    for rel in releases:
        shipped = release_day(rel)
        for name in rng.sample(raters, min(len(raters), rng.randint(3, 6))):
            clock.at(shipped + timedelta(hours=rng.randint(6, 60)))
            stars = rng.choices([5, 4, 3, 2], weights=[4, 5, 2, 1])[0]
            rate_build(actor=people[name], release=rows[rel.version], stars=stars)
