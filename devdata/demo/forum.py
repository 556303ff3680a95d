# ruff: noqa: RUF001  (natural-language text: full-width punctuation and letters of other alphabets)
"""The demo's boards and threads, written through the forum's actions (start_thread, reply with
quotes and replies, toggle_vote, vote_in_poll, upload_attachment) at the moments of the demo's past
(devdata.demo.runtime.DemoClock). Idempotent: a thread whose title is already in its board is skipped."""

import random
import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from devdata.demo import images
from devdata.demo.content import T, boards, chinese
from devdata.demo.content import aurora as aurora_content
from devdata.demo.runtime import days_ago
from forum.actions.attachments import attachment_markdown, upload_attachment
from forum.actions.polls import vote_in_poll
from forum.actions.posts import reply
from forum.actions.threads import start_thread
from forum.actions.votes import toggle_vote
from forum.markdown import quote_markdown
from forum.models import Board, Thread
from store.models import Product

try:  # readers_among moves from forum.actions.common to forum.permissions
    from forum.permissions import readers_among
except ImportError:  # pragma: no cover
    from forum.actions.common import readers_among

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


def write_thread(spec: T, board: Board, *, people: dict, clock, rng: random.Random) -> Thread | None:
    if Thread.objects.filter(board=board, title=spec.title).exists():
        return None
    author = people[spec.author]
    clock.at(days_ago(spec.days_ago, hour=rng.randint(7, 22)))
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
    posts = [thread.first_post]
    spoken = {spec.author}
    for item in spec.replies:
        name = item.author
        if name is None or name not in people:
            fresh = [v for v in voices if v not in spoken and v != "mira"]
            name = rng.choice(fresh or voices)
        spoken.add(name)
        clock.step(minutes=rng.randint(12, 600))
        text = _text(item.text, op=spec.author, prev=posts[-1].author.username, people=people)
        quote_of = reply_to = None
        if item.quote:
            quote_of = posts[item.quote - 1]
            text = quote_markdown(author_name=quote_of.author.public_name, body=quote_of.body, post_number=item.quote) + text
        if item.reply_to:
            reply_to = posts[item.reply_to - 1]
        posts.append(reply(actor=people[name], thread=thread, body=text, reply_to=reply_to, quote_of=quote_of))
    clock.step(minutes=30)
    others = [v for v in voices if v != spec.author]
    for voter in rng.sample(others, min(spec.votes, len(others))):
        toggle_vote(actor=people[voter], post=thread.first_post)
    for post in posts[1:]:
        if rng.random() < 0.3:
            for voter in rng.sample(others, rng.randint(1, 3)):
                if people[voter].pk != post.author_id:
                    toggle_vote(actor=people[voter], post=post)
    if spec.poll:
        choices = list(thread.poll.choices.order_by("pk").values_list("pk", flat=True))
        for voter in rng.sample(others, min(14, len(others))):
            vote_in_poll(actor=people[voter], poll=thread.poll, choice_ids=[rng.choice(choices)])
    return thread


BOARD_CONTENT = {
    "announcements": boards.ANNOUNCEMENTS,
    "lounge": boards.LOUNGE,
    "beta": boards.BETA,
    "aurora-14": aurora_content.THREADS,
    "aurora-buds-pro": boards.BUDS,
    "home-hub": boards.HUB,
    CHINESE_BOARD: chinese.THREADS,
}


def seed_threads(board_map: dict[str, Board], *, people: dict, clock, seed: int) -> int:
    rng = random.Random(seed)
    created = 0
    for key, threads in BOARD_CONTENT.items():
        board = board_map.get(key)
        if board is None:
            continue
        for spec in threads:
            created += write_thread(spec, board, people=people, clock=clock, rng=rng) is not None
    return created


def megathread_voices(people: dict) -> list[str]:
    return [name for name in people if name not in ("admin", "mira")]


def recent(clock, days: float) -> None:
    clock.at(days_ago(days) + timedelta(hours=9))
