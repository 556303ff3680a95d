"""Load data for the forum (a stage of ``devdata.loadgen``).

``generate_forum``: boards (the first product's feedback board, a general board with the
big thread, product boards, topic boards) under a "Load test" section, threads, posts numbered from 1
in each thread, and votes, with every stored counter computed from the rows as they are written
(what ``forum_synchronize`` recomputes). Bodies come from a fixed pool of generated texts, each
rendered once with the forum's markdown renderer.

``generate_reputation``: the ledger rows those posts and votes earn (``forum.reputation``'s
rules: a post earns its author, a vote earns the post's author), daily caps applied, and the totals.
"""

from bisect import bisect
from collections import Counter
from datetime import timedelta
from itertools import accumulate

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
from forum.keys import post_key
from forum.markdown import RENDERER_VERSION, render_markdown
from forum.models import Board, Post, Thread, Vote
from forum.ranking import hot_rank
from search.wordlist import FILLER, WORDS

TOPICS = [
    ("general", "General discussion"),
    ("tips", "Tips and tricks"),
    ("photography", "Photography"),
    ("battery", "Battery and charging"),
    ("apps", "Apps and games"),
    ("setups", "Show your setup"),
    ("accessories", "Accessories"),
    ("connectivity", "Wi-Fi and Bluetooth"),
    ("updates", "Updates and releases"),
    ("help", "Help desk"),
    ("offtopic", "Off topic"),
    ("themes", "Themes and customisation"),
    ("audio", "Audio"),
    ("wearables", "Wearables"),
    ("smart-home", "Smart home"),
    ("deals", "Deals and trades"),
    ("introductions", "Introductions"),
    ("ideas", "Ideas lounge"),
    ("meetups", "Meetups"),
    ("archive", "Archive"),
]
BODY_POOL = 400
SECTION_SLUG = "load-test"
BIG_THREAD_BOARD = "load-general"


def _sentence(rng, product_names: list[str]) -> str:
    words = [
        rng.choice(WORDS) if rng.random() < 0.55 else rng.choice(FILLER) for _ in range(rng.randint(6, 14))
    ]
    if product_names and rng.random() < 0.01:  # a few mentions: entity links, not one per post
        words.insert(rng.randrange(len(words)), f"the {rng.choice(product_names)}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def body_pool(rng, product_names: list[str], size: int = BODY_POOL) -> list[tuple[str, str]]:
    """``size`` (markdown, html) pairs: varied words so search has something to find."""
    pool = []
    for index in range(size):
        paragraphs = [
            " ".join(_sentence(rng, product_names) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 3))
        ]
        if index % 7 == 0:
            paragraphs.append("\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(3)))
        if index % 5 == 0:
            paragraphs[0] = f"**{rng.choice(WORDS).title()}:** {paragraphs[0]}"
        body = "\n\n".join(paragraphs)
        pool.append((body, render_markdown(body)))
    return pool


def _title(rng, product_names: list[str], feedback: bool) -> str:
    a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
    product = rng.choice(product_names) if product_names else "my phone"
    if feedback:
        forms = [
            f"{a.title()} {b} fails after the update",
            f"{a.title()} {b} keeps crashing on the {product}",
            f"Add {a} {b} to {c} settings",
            f"Please support {a} {b}",
            f"{a.title()} stops working when {b} is on",
        ]
    else:
        forms = [
            f"{a.title()} {b} after the latest update",
            f"How do I fix {a} {b}?",
            f"{a.title()} and {b} on the {product}",
            f"Best {a} settings for {b} and {c}",
            f"Is {a} {b} normal?",
            f"My {a} {b} {c} setup",
        ]
    return rng.choice(forms)


def _boards(ctx: LoadContext, first_id: int) -> list[dict]:
    """The boards' specs: the first product's feedback board, the general board, product boards, topics."""
    products = ctx.data.get("products", [])
    count = ctx.sizes.boards
    specs: list[dict] = []
    if products:
        p = products[0]
        specs.append(
            {
                "slug": f"{p['slug']}-feedback",
                "name": f"{p['name']}: bugs and ideas",
                "kind": Board.Kind.FEEDBACK,
                "product_id": p["id"],
                "product_name": p["name"],
                "description": f"Report a bug or suggest a feature for the {p['name']}.",
            }
        )
    specs.append({"slug": BIG_THREAD_BOARD, "name": "General discussion", "kind": Board.Kind.DISCUSSION})
    for p in products:
        specs.append(
            {
                "slug": f"{p['slug']}-talk",
                "name": p["name"],
                "kind": Board.Kind.DISCUSSION,
                "product_id": p["id"],
                "product_name": p["name"],
                "description": f"Questions, tips and discussion about the {p['name']}.",
            }
        )
    for slug, name in TOPICS[1:]:
        specs.append({"slug": f"load-{slug}", "name": name, "kind": Board.Kind.DISCUSSION})
    specs = specs[:count]
    for position, spec in enumerate(specs):
        spec.update(id=first_id + position, position=position)
        spec.setdefault("product_id", None)
        spec.setdefault("description", f"{spec['name']}: load test board.")
    return specs


def generate_forum(ctx: LoadContext) -> dict[str, int]:
    rng = ctx.rng("forum")
    sizes = ctx.sizes
    people: list[int] = ctx.data["people"]
    owners: dict[int, list[int]] = ctx.data.get("owners", {})
    product_names = [p["name"] for p in ctx.data.get("products", [])]
    pool = body_pool(rng, product_names)

    section = Board.objects.create(
        slug=SECTION_SLUG,
        name="Load test",
        kind=Board.Kind.SECTION,
        position=100,
        description="Generated data.",
    )
    first_board = next_id(Board)
    boards = _boards(ctx, first_board)
    general = next(index for index, spec in enumerate(boards) if spec["slug"] == BIG_THREAD_BOARD)

    # Threads: board, time, size. Thread 0 is the big thread, in the general board.
    threads = sizes.threads
    board_weights = [3 if spec["slug"] == BIG_THREAD_BOARD else 1 for spec in boards]
    thread_boards = [general, *rng.choices(range(len(boards)), weights=board_weights, k=threads - 1)]
    counts = [1] * threads
    counts[0] = sizes.big_thread_posts
    extra = sizes.posts - sum(counts)
    if threads > 1 and extra > 0:
        weights = [min(rng.paretovariate(1.3), 60.0) for _ in range(threads - 1)]
        for index, n in Counter(rng.choices(range(1, threads), weights=weights, k=extra)).items():
            counts[index] += n
    elif extra > 0:
        counts[0] += extra

    # Authors: a few people write a lot, most write a little.
    author_weights = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(people))))
    shuffled = people[:]
    rng.shuffle(shuffled)
    total_weight = author_weights[-1]

    def pick_author() -> int:
        return shuffled[bisect(author_weights, rng.random() * total_weight)]

    first_thread, first_post, first_vote = next_id(Thread), next_id(Post), next_id(Vote)
    thread_rows, post_rows, vote_rows = [], [], []
    board_stats = [{"threads": 0, "posts": 0, "last": None} for _ in boards]
    post_meta = []  # (post id, author, created_at, product id) for the reputation stage
    vote_meta = []  # (vote id, voter, post id, post author, created_at, product id)
    feedback_threads = []
    post_id, vote_id = first_post, first_vote
    for index in range(threads):
        thread_id = first_thread + index
        board = boards[thread_boards[index]]
        is_feedback = board["kind"] == Board.Kind.FEEDBACK
        created = ctx.at(0.9 * index / threads) + timedelta(seconds=rng.randint(0, 3600))
        room = (ctx.window_end - created).total_seconds()
        n = counts[index]
        gap = min(rng.randint(60, 4 * 3600), int(room / (n + 1))) if n > 1 else 0
        author = pick_author()
        title = (
            f"The big thread: {n:,} posts about everything"
            if index == 0
            else _title(rng, [board["product_name"]] if board["product_id"] else product_names, is_feedback)
        )
        voters_pool = owners.get(board["product_id"], []) if board["product_id"] else []
        thread_score = 0
        last_at = created
        for number in range(1, n + 1):
            at = created + timedelta(seconds=gap * (number - 1))
            post_author = author if number == 1 else pick_author()
            body, html = pool[rng.randrange(len(pool))]
            # Votes: opening posts collect a few, a sixth of replies one or two.
            if number == 1:
                wanted = min(int(rng.expovariate(1 / 3.0)), len(people) - 1, 60)
            elif rng.random() < 0.16:
                wanted = min(1 + int(rng.expovariate(1 / 1.2)), len(people) - 1)
            else:
                wanted = 0
            score = 0
            if wanted:
                voters = set()
                if voters_pool and number == 1:
                    voters.update(rng.sample(voters_pool, min(len(voters_pool), (wanted + 1) // 2)))
                voters.update(rng.sample(people, min(len(people), wanted + 1)))
                voters.discard(post_author)
                for order, voter in enumerate(sorted(voters)[:wanted]):
                    voted_at = at + timedelta(seconds=30 * (order + 1))
                    vote_rows.append((vote_id, voter, post_id, db_datetime(voted_at)))
                    vote_meta.append((vote_id, voter, post_id, post_author, voted_at, board["product_id"]))
                    vote_id += 1
                    score += 1
            if number == 1:
                thread_score = score
            post_rows.append(
                (
                    post_id, False, "", None, True, thread_id, number, post_author, body, html,
                    RENDERER_VERSION, None, score, db_datetime(at), None, 0,
                )
            )  # fmt: skip
            post_meta.append((post_id, post_author, at, board["product_id"]))
            post_id += 1
            last_at = at
        first_post_id, last_post_id = post_id - n, post_id - 1
        thread_rows.append(
            (
                thread_id, False, "", None, True, board["id"], title, author, db_datetime(created),
                first_post_id, last_post_id, db_datetime(last_at), n, n + 1, n - 1, thread_score,
                hot_rank(score=thread_score, reply_count=n - 1, created_at=created), False, False, False, None,
                "",  # first_image_url: generated posts carry no uploaded image
            )
        )  # fmt: skip
        stats = board_stats[thread_boards[index]]
        stats["threads"] += 1
        stats["posts"] += n
        if stats["last"] is None or (last_at, thread_id) >= stats["last"]:
            stats["last"] = (last_at, thread_id)
        if is_feedback:
            feedback_threads.append(
                {
                    "id": thread_id,
                    "author": author,
                    "created_at": created,
                    "title": title,
                    "score": thread_score,
                }
            )

    board_rows = [
        (
            spec["id"], section.pk, spec["name"], spec["slug"], spec["description"], spec["kind"], spec["position"],
            spec["product_id"], Board.Access.EVERYONE, Board.Access.MEMBERS, Board.Access.MEMBERS, None,
            stats["threads"], stats["posts"], stats["last"][1] if stats["last"] else None,
            db_datetime(stats["last"][0]) if stats["last"] else None, db_datetime(ctx.window_start),
        )
        for spec, stats in zip(boards, board_stats, strict=True)
    ]  # fmt: skip
    rows = {
        "boards": 1
        + insert_rows(
            Board,
            [
                "id", "parent_id", "name", "slug", "description", "kind", "position", "product_id", "read_access",
                "start_access", "reply_access", "access_group_id", "thread_count", "post_count", "last_thread_id",
                "last_post_at", "created_at",
            ],
            board_rows,
        )
    }  # fmt: skip
    rows["threads"] = insert_rows(
        Thread,
        [
            "id", "is_hidden", "hidden_reason", "deleted_at", "is_approved", "board_id", "title", "author_id",
            "created_at", "first_post_id", "last_post_id", "last_post_at", "last_post_number", "next_post_number",
            "reply_count", "score", "hot_rank", "is_pinned", "is_pinned_globally", "is_locked", "merged_into_id",
            "first_image_url",
        ],
        thread_rows,
    )  # fmt: skip
    rows["posts"] = insert_rows(
        Post,
        [
            "id", "is_hidden", "hidden_reason", "deleted_at", "is_approved", "thread_id", "number", "author_id",
            "body", "body_html", "renderer_version", "reply_to_id", "score", "created_at", "edited_at", "edit_count",
        ],
        post_rows,
    )  # fmt: skip
    rows["votes"] = insert_rows(
        Vote, ["id", "user_id", "post_id", "created_at"], vote_rows, defer_indexes=True
    )
    reset_sequences(Board, Thread, Post, Vote)
    team = ctx.data.get("team")
    if team is not None:
        moderated = Board.moderators.through
        moderated.objects.bulk_create(
            [moderated(board_id=spec["id"], user_id=team) for spec in boards]
            + [moderated(board=section, user_id=team)]
        )

    section.save(update_fields=["description"])  # post_save: cached board access forgets the old tree
    ctx.data["post_meta"] = post_meta
    ctx.data["vote_meta"] = vote_meta
    feedback_board = next((spec for spec in boards if spec["kind"] == Board.Kind.FEEDBACK), None)
    ctx.data["feedback_board"] = feedback_board
    ctx.data["feedback_threads"] = feedback_threads
    big_slug = Thread(pk=first_thread, title=thread_rows[0][6]).slug
    pages = -(-sizes.big_thread_posts // 20)
    ctx.data["big_thread"] = {"id": first_thread, "slug": big_slug, "posts": sizes.big_thread_posts}
    ctx.data.setdefault("summary", []).extend(
        [
            f"boards: /forum/ (section {SECTION_SLUG}): {', '.join(spec['slug'] for spec in boards)}",
            f"big thread ({sizes.big_thread_posts:,} posts): /forum/t/{first_thread}/{big_slug}/ "
            f"(last page ?page={pages}) in /forum/b/{BIG_THREAD_BOARD}/",
        ]
    )
    if feedback_board is not None:
        ctx.data["summary"].append(
            f"feedback board: /forum/b/{feedback_board['slug']}/ ({len(feedback_threads):,} threads)"
        )
    return rows


def generate_reputation(ctx: LoadContext) -> dict[str, int]:
    """What the posts and votes earned: ``post-created`` for each post's author, ``vote-received``
    for the voted post's author (``forum.reputation.post_written`` and ``vote_cast``)."""
    from community.reputation import api as reputation

    post_type = ContentType.objects.get_for_model(Post).pk
    vote_type = ContentType.objects.get_for_model(Vote).pk
    awards = [
        Award(author, reputation.POST_CREATED, post_type, pk, post_key(pk), product_id, None, at)
        for pk, author, at, product_id in ctx.data.pop("post_meta", [])
    ]
    awards += [
        Award(author, reputation.VOTE_RECEIVED, vote_type, pk, post_key(post), product_id, voter, at)
        for pk, voter, post, author, at, product_id in ctx.data.pop("vote_meta", [])
    ]
    return award_in_bulk(ctx, awards)
