# ruff: noqa: RUF001  (natural-language text: full-width punctuation and letters of other alphabets)
"""The demo's boards and threads at the moments of the demo's past (devdata.demo.runtime.DemoClock):
threads, polls and pictures through the forum's actions (start_thread, vote_in_poll,
upload_attachment); replies (with quotes, answers and @mentions) and votes on the bulk path
(devdata.demo.bulk), which makes what they cause (notifications, reputation, counters) afterwards.
Idempotent: a thread whose title is already in its board is skipped."""

import random
import re
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from devdata.demo import images
from devdata.demo.bulk import History, Reply
from devdata.demo.content import T, boards, chinese
from devdata.demo.content import aurora as aurora_content
from devdata.demo.runtime import days_ago, latest_moment
from forum.actions.attachments import attachment_markdown, upload_attachment
from forum.actions.polls import vote_in_poll
from forum.actions.threads import start_thread
from forum.markdown import quote_markdown
from forum.models import Board, Thread
from forum.permissions import readers_among
from store.models import Product

BETA_GROUP = "Beta testers"
CHINESE_BOARD = "zhongwen"
PLACEHOLDER = re.compile(r"\{([\w.]+)\}")


def _board(slug: str, **fields) -> Board:
    board, _ = Board.objects.get_or_create(slug=slug, defaults=fields)
    return board


def ensure_boards(people: dict) -> dict[str, Board]:
    beta, _ = Group.objects.get_or_create(name=BETA_GROUP)
    b: dict[str, Board] = {}
    b["community"] = _board("community", name="Community", kind=Board.Kind.SECTION, position=0)
    b["announcements"] = _board(
        "announcements", name="Announcements", kind=Board.Kind.ANNOUNCEMENTS, parent=b["community"], position=0,
        description="News from the Canopy team: releases, events and changes to the community.",
    )  # fmt: skip
    b["lounge"] = _board(
        "lounge", name="Lounge", parent=b["community"], position=1,
        description="Introduce yourself, share your setup, talk about anything that is not a bug report.",
    )  # fmt: skip
    b[CHINESE_BOARD] = _board(
        CHINESE_BOARD, name="中文社区", parent=b["community"], position=2,
        description="用中文交流 Canopy 的产品：使用心得、问题求助、内测反馈。",
    )  # fmt: skip
    b["beta"] = _board(
        "beta-lab", name="Beta lab", parent=b["community"], position=3,
        read_access=Board.Access.GROUP, start_access=Board.Access.GROUP, reply_access=Board.Access.GROUP,
        access_group=beta, description="Pre-release builds and their rough edges. Only beta testers can see this board.",
    )  # fmt: skip
    b["products"] = _board("products", name="Products", kind=Board.Kind.SECTION, position=1)
    with_feedback = {"aurora-14", "aurora-buds-pro", "home-hub"}
    for index, product in enumerate(Product.objects.filter(status=Product.Status.ACTIVE).order_by("pk")):
        b[product.slug] = _board(
            product.slug, name=product.name, parent=b["products"], position=index, product=product,
            description=f"Questions, tips and discussion about the {product.name}.",
        )  # fmt: skip
        if product.slug in with_feedback:
            b[f"{product.slug}-feedback"] = _board(
                f"{product.slug}-feedback", name=f"{product.name}: bugs and ideas", parent=b[product.slug],
                kind=Board.Kind.FEEDBACK, position=0, product=product,
                description=f"Report a bug or suggest a feature for the {product.name}. Vote for what matters to you.",
            )  # fmt: skip
    for username in ("leo", "kenji", "wei_zhang", "elena_p", "chen_yu"):  # the beta testers
        if username in people:
            people[username].groups.add(beta)
    if "mira" in people:
        for board in b.values():
            board.moderators.add(people["mira"])
    return b


def _text(template: str, *, op: str, prev: str, people: dict) -> str:
    def mention(match):
        key = match.group(1)
        name = {"op": op, "prev": prev}.get(key, key)
        return f"@{name}" if name in people else match.group(0)

    return PLACEHOLDER.sub(mention, template)


def reply_times(start: datetime, count: int, rng: random.Random) -> list[datetime]:
    """When the replies came: 12 minutes to 10 hours apart, squeezed to end before now."""
    gaps = [timedelta(minutes=rng.randint(12, 600)) for _ in range(count)]
    room = latest_moment() - start
    total = sum(gaps, timedelta())
    if total > room:
        gaps = [gap * (room / total) for gap in gaps]
    times, at = [], start
    for gap in gaps:
        at += gap
        times.append(at)
    return times


def vote_time(after: datetime, rng: random.Random) -> datetime:
    """A vote within three days of the post it is for (never in the future)."""
    room = (latest_moment() - after).total_seconds()
    return after + timedelta(seconds=rng.uniform(0.05, 1.0) * min(room, 3 * 86400))


def write_thread(spec: T, board: Board, *, people: dict, clock, rng: random.Random, history: History) -> Thread | None:
    """The thread through ``start_thread`` at its moment; its replies and votes on the bulk path
    (``history``, finished once for every thread); poll votes through ``vote_in_poll``."""
    if Thread.objects.filter(board=board, title=spec.title).exists():
        return None
    author = people[spec.author]
    started = clock.at(days_ago(spec.days_ago, hour=rng.randint(7, 22))).current
    body = spec.body
    if spec.screenshot:
        title, lines = spec.screenshot
        picture = upload_attachment(
            actor=author,
            uploaded=SimpleUploadedFile(
                f"{spec.title[:40]}.png", images.screenshot(title, lines, (31, 122, 77)), content_type="image/png"
            ),
        )
        body = f"{body}\n\n{attachment_markdown(picture)}"
    poll = spec.poll or {}
    thread = start_thread(actor=author, board=board, title=spec.title, body=body, tags=list(spec.tags), **poll)
    readers = readers_among(board.pk, [user.pk for user in people.values()])
    voices = [name for name, user in people.items() if user.pk in readers and name not in ("admin",)]
    # (author's username, body) of posts 1, 2, ...: for {prev} mentions and quotes
    written: list[tuple[str, str]] = [(spec.author, spec.body)]
    spoken = {spec.author}
    replies = []
    for item, at in zip(spec.replies, reply_times(started, len(spec.replies), rng), strict=True):
        name = item.author
        if name is None or name not in people:
            fresh = [v for v in voices if v not in spoken and v != "mira"]
            name = rng.choice(fresh or voices)
        spoken.add(name)
        text = _text(item.text, op=spec.author, prev=written[-1][0], people=people)
        if item.quote:
            quoted_name, quoted_body = written[item.quote - 1]
            quote = quote_markdown(
                author_name=people[quoted_name].public_name, body=quoted_body, post_number=item.quote
            )
            text = quote + text
        written.append((name, text))
        replies.append(Reply(people[name], text, at, reply_to=item.reply_to, quote_of=item.quote))
    posts = [thread.first_post, *history.add_replies(thread, replies)]
    others = [v for v in voices if v != spec.author]
    votes = [
        (people[voter], thread.first_post, vote_time(started, rng))
        for voter in rng.sample(others, min(spec.votes, len(others)))
    ]
    for post in posts[1:]:
        if rng.random() < 0.3:
            for voter in rng.sample(others, rng.randint(1, 3)):
                votes.append((people[voter], post, vote_time(post.created_at, rng)))
    history.add_votes(votes)
    if spec.poll:
        choices = list(thread.poll.choices.order_by("pk").values_list("pk", flat=True))
        for voter in rng.sample(others, min(14, len(others))):
            clock.at(vote_time(started, rng))
            vote_in_poll(actor=people[voter], poll=thread.poll, choice_ids=[rng.choice(choices)])
    return thread


BOARD_CONTENT = {
    "announcements": boards.ANNOUNCEMENTS,
    "lounge": boards.LOUNGE,
    "beta": boards.BETA,
    "aurora-14": aurora_content.THREADS,
    "aurora-14-case": aurora_content.CASE,
    "usb-c-charger-65w": aurora_content.CHARGER,
    "aurora-14-ultra": aurora_content.ULTRA,
    "aurora-buds-pro": boards.BUDS,
    "home-hub": boards.HUB,
    CHINESE_BOARD: chinese.THREADS,
}


def seed_threads(board_map: dict[str, Board], *, people: dict, clock, seed: int, history: History) -> int:
    """Every board's threads not there yet; their replies and votes go to ``history`` (finished by
    the caller, with the megathread's)."""
    rng = random.Random(seed)
    created = 0
    for key, threads in BOARD_CONTENT.items():
        board = board_map.get(key)
        if board is None:
            continue
        for spec in threads:
            created += write_thread(spec, board, people=people, clock=clock, rng=rng, history=history) is not None
    return created


def megathread_voices(people: dict) -> list[str]:
    return [name for name in people if name not in ("admin", "mira")]
