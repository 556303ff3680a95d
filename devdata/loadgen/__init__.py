"""Load data: a large, deterministic community built with bulk inserts (``manage.py generate_load_data``).

Development data, not part of any app: the runner builds one ``LoadContext`` (sizes, a fixed time
window, seeded random generators, the ids each stage created) and calls the stages in order
(``stages()``), one module each under ``devdata/loadgen/``:

    people         people who can sign in, one shared password hash (this module)
    store          products, variants, stock, paid orders (verified owners)
    forum          boards, threads, posts, votes, every stored counter
    reputation     the reputation ledger those posts and votes earn, and its totals (forum module)
    feedback       feedback items on the feedback board's threads, statuses, releases
    search_index   the index, through the search app's rebuild

A stage is ``fn(ctx) -> dict[str, int]`` (rows written per table); it runs in its own transaction.
Stages write rows with ``insert_rows`` (one ``executemany`` per batch, primary keys chosen by the
stage) instead of ``Model.save()``: no signals, no per-row queries, counters computed in Python
from the rows being written. ``forum_synchronize`` and ``reputation_recount`` must find nothing to repair.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

DEFAULT_POSTS = 200_000
DEFAULT_SEED = 2026
USERNAME_PREFIX = "load"
TEAM_USERNAME = "loadteam"
EMAIL_DOMAIN = "load.canopy.localhost"
# A fixed window, so two runs write the same rows whatever the day: everything happens in it.
WINDOW_START = datetime(2025, 9, 1, tzinfo=UTC)
WINDOW_END = datetime(2026, 9, 1, tzinfo=UTC)
BATCH = 5000


def load_password() -> str:
    return os.environ.get("LOAD_PASSWORD") or "canopy-load-2026"


def username(index: int) -> str:
    """``load0001``, ``load0002``...: index from 1."""
    return f"{USERNAME_PREFIX}{index:04d}"


@dataclass(frozen=True)
class Sizes:
    posts: int
    threads: int
    boards: int
    people: int
    big_thread_posts: int

    @classmethod
    def for_posts(cls, posts: int) -> Sizes:
        """200,000 posts: 20,000 threads over 20 boards, 2,000 people, a thread of 1,000 posts.
        Smaller runs scale down, keeping at least one thread, three boards (a feedback board and two
        discussion boards) and two people (someone to vote for someone else)."""
        posts = max(int(posts), 2)
        threads = max(1, posts // 10)
        big = max(1, min(1000, posts // 4))
        # every other thread keeps at least its opening post
        big = min(big, posts - (threads - 1)) if threads > 1 else posts
        return cls(
            posts=posts,
            threads=threads,
            boards=min(20, max(3, posts * 20 // DEFAULT_POSTS)),
            people=max(2, posts * 2000 // DEFAULT_POSTS),
            big_thread_posts=big,
        )


@dataclass
class LoadContext:
    sizes: Sizes
    seed: int
    stdout: object = None
    password: str = field(default_factory=load_password)
    window_start: datetime = WINDOW_START
    window_end: datetime = WINDOW_END
    # What stages hand on to later ones: "people" (user ids, in username order), "team" (a user id),
    # "products" [{id, slug, name, variant_ids...}], "owners" {product_id: [user ids]}, "boards" ...
    data: dict = field(default_factory=dict)

    def rng(self, stage: str) -> random.Random:
        """A generator per stage: a stage's rows do not change when another stage changes."""
        return random.Random(f"{self.seed}:{stage}")

    def write(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line)

    def at(self, fraction: float) -> datetime:
        """A moment in the window, 0.0 its start and 1.0 its end (whole seconds)."""
        span = (self.window_end - self.window_start).total_seconds()
        return self.window_start + timedelta(seconds=int(span * min(max(fraction, 0.0), 1.0)))


# --- writing rows ----------------------------------------------------------------------------------


def db_datetime(value: datetime | None):
    """A datetime as the database adapter wants it: naive UTC text on SQLite (what Django's adapter
    writes, without its per-call overhead: the stages convert a few hundred thousand of them)."""
    if value is None:
        return None
    if _is_sqlite():
        if value.tzinfo is not UTC:
            value = value.astimezone(UTC)
        return value.isoformat(" ")[:-6]  # without its "+00:00"
    return connection.ops.adapt_datetimefield_value(value)


@cache
def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def db_date(value):
    return None if value is None else connection.ops.adapt_datefield_value(value)


def next_id(model: type[models.Model]) -> int:
    """The first free primary key: a stage assigns ids itself, so it never reads them back."""
    return (model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence],
    *,
    batch: int = BATCH,
    defer_indexes: bool = False,
) -> int:
    """INSERT ``rows`` (tuples in ``columns`` order, already in database form) with one executemany
    per batch. ``columns`` are database column names (``thread_id``). Returns the number of rows.
    ``defer_indexes`` (SQLite, for large tables no foreign key points to): drop the table's indexes
    first and create them again afterwards, in the same transaction (building an index once beats
    updating it per row). Not for a table other rows reference: with deferred foreign keys, SQLite
    looks up the children of every inserted parent row, and without their index that is a scan."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    count = 0
    chunk: list = []
    with connection.cursor() as cursor, _indexes_dropped(cursor, model._meta.db_table, defer_indexes):
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


@contextmanager
def _indexes_dropped(cursor, table: str, enabled: bool):
    if not enabled or connection.vendor != "sqlite":
        yield
        return
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    for _, sql in indexes:
        cursor.execute(sql)


def reset_sequences(*model_classes: type[models.Model]) -> None:
    """After inserting explicit ids: PostgreSQL sequences must move past them (SQLite moves on its own)."""
    if connection.vendor == "sqlite":
        return
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def no_style():
    from django.core.management.color import no_style as style

    return style()


# --- the community stage: people -----------------------------------------------------------------


def generate_people(ctx: LoadContext) -> dict[str, int]:
    """``ctx.sizes.people`` members (load0001...) and one product team account (loadteam), all with
    the same password (one hash, computed once) and a verified primary e-mail, so any can sign in."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from community.models import User
    from community.teams import ensure_team_group

    rng = ctx.rng("people")
    password_hash = make_password(ctx.password, salt="canopyloadgen")
    first_id = next_id(User)
    joined_span = (ctx.window_end - ctx.window_start).total_seconds() / 4
    names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(ctx.sizes.people)]
    people = [
        (username(index + 1), f"{username(index + 1)}@{EMAIL_DOMAIN}", names[index], False)
        for index in range(ctx.sizes.people)
    ]
    people.append((TEAM_USERNAME, f"{TEAM_USERNAME}@{EMAIL_DOMAIN}", "Load Team (Product team)", True))
    user_rows = []
    for offset, (name, email, display_name, staff) in enumerate(people):
        joined = ctx.window_start - timedelta(seconds=joined_span * (len(people) - offset) / len(people))
        user_rows.append(
            (
                first_id + offset,
                password_hash,
                None,
                False,
                name,
                "",
                "",
                email,
                staff,
                True,
                db_datetime(joined),
                display_name,
                "",
            )
        )
    written = insert_rows(
        User,
        [
            "id",
            "password",
            "last_login",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "display_name",
            "theme",
        ],
        user_rows,
    )
    first_email_id = next_id(EmailAddress)
    emails = insert_rows(
        EmailAddress,
        ["id", "user_id", "email", "verified", "primary"],
        [
            (first_email_id + offset, first_id + offset, email, True, True)
            for offset, (_, email, _, _) in enumerate(people)
        ],
    )
    reset_sequences(User, EmailAddress)
    team_id = first_id + len(people) - 1
    team_group: Group = ensure_team_group()
    team_group.user_set.add(team_id)
    ctx.data["people"] = list(range(first_id, first_id + ctx.sizes.people))
    ctx.data["team"] = team_id
    ctx.write(
        f"  people: {username(1)}..{username(ctx.sizes.people)} and {TEAM_USERNAME} (product team), "
        f"password {ctx.password!r} (LOAD_PASSWORD)"
    )
    return {"users": written, "e-mail addresses": emails, "group memberships": 1}


FIRST_NAMES = [
    "Ada", "Ben", "Chen", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jana", "Kofi", "Lena", "Mateo",
    "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wen", "Yara", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Abe", "Berg", "Costa", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kim",
    "Lopez", "Moreau", "Novak", "Okoye", "Park", "Rossi", "Silva", "Tan", "Usman", "Vogel", "Wu",
]  # fmt: skip


# --- the runner ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageResult:
    name: str
    rows: dict[str, int]
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def stage_name(fn: Callable) -> str:
    """``generate_people`` reports as "people"."""
    return fn.__name__.removeprefix("generate_")


def fast_writes():
    """On SQLite, skip fsyncs while loading (a crash mid-load means a fresh database anyway)."""

    @contextmanager
    def pragma():
        if connection.vendor != "sqlite" or connection.in_atomic_block:  # (tests run inside one)
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            previous = cursor.fetchone()[0]
            cursor.execute("PRAGMA temp_store")
            previous_temp = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -200000")
            cursor.execute("PRAGMA temp_store = MEMORY")  # index builds sort in memory, not in temp files
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous = {int(previous)}")
                cursor.execute(f"PRAGMA temp_store = {int(previous_temp)}")

    return pragma()


def stages() -> list[Callable[[LoadContext], dict[str, int]]]:
    """The stages in the order they run: each may read what an earlier one put in ``ctx.data``."""
    from devdata.loadgen.feedback import generate_feedback
    from devdata.loadgen.forum import generate_forum, generate_reputation
    from devdata.loadgen.search import generate_search_index
    from devdata.loadgen.store import generate_store

    return [
        generate_people,
        generate_store,
        generate_forum,
        generate_reputation,
        generate_feedback,
        generate_search_index,
    ]


def generate(ctx: LoadContext) -> list[StageResult]:
    """Run every stage in order, each in its own transaction, and report rows per second per stage
    and in total."""
    results: list[StageResult] = []
    started = time.perf_counter()
    with fast_writes():
        for fn in stages():
            name = stage_name(fn)
            began = time.perf_counter()
            with transaction.atomic():
                rows = fn(ctx) or {}
            seconds = time.perf_counter() - began
            result = StageResult(name=name, rows=dict(rows), seconds=seconds)
            results.append(result)
            detail = ", ".join(f"{count:,} {label}" for label, count in rows.items())
            ctx.write(
                f"{name:<10} {result.total_rows:>9,} rows in {seconds:6.2f} s "
                f"= {result.total_rows / max(seconds, 1e-9):>9,.0f} rows/s  ({detail})"
            )
    total_rows = sum(result.total_rows for result in results)
    total = time.perf_counter() - started
    ctx.write(
        f"{'total':<10} {total_rows:>9,} rows in {total:6.2f} s = {total_rows / max(total, 1e-9):>9,.0f} rows/s"
    )
    return results


# --- the reputation ledger, in bulk (the forum and feedback stages call this) ----------------------


class Award(NamedTuple):
    """What ``reputation.award`` would be called with, for one source (a named tuple: the forum
    stage makes a few hundred thousand)."""

    user_id: int
    rule: str
    source_type_id: int
    source_id: int
    subject: str
    product_id: int | None
    actor_id: int | None
    created_at: datetime


def award_in_bulk(ctx: LoadContext, awards: list[Award]) -> dict[str, int]:
    """Write the ledger rows ``award`` would have written for ``awards`` taken in time order: the
    rule's points, cut at its daily cap (a capped award keeps a row with what it could still give),
    nothing from inactive rules or to oneself; then move the stored totals and give the ledger
    badges whose threshold was crossed. Running day sums and counts live in ``ctx.data`` so that
    later stages continue where earlier ones stopped."""
    return write_awards(ctx.data, awards)


def ledger_state(user_ids: Iterable[int]) -> dict:
    """What ``write_awards`` must know of the ledger as it stands, for ``user_ids``: each person's
    live points per rule and day (for the daily caps), their counts towards the ledger badges, the
    badges they hold. The load data starts from an empty ledger; the demo adds to one."""
    from django.db.models import Count, Sum

    from community.reputation.badges import LEDGER_BADGES
    from community.reputation.models import BadgeAward, ReputationEntry

    user_ids = sorted(set(user_ids))
    live = ReputationEntry.objects.filter(user_id__in=user_ids, reversed_at__isnull=True)
    day_sums = {
        (user_id, rule, day): total
        for user_id, rule, day, total in live.values("user_id", "rule", "awarded_on")
        .annotate(total=Sum("points"))
        .values_list("user_id", "rule", "awarded_on", "total")
    }
    badge_counts = {}
    for code, counted in LEDGER_BADGES.items():
        rows = live.filter(rule__in=counted).values("user_id").annotate(n=Count("id")).values_list("user_id", "n")
        badge_counts.update({(user_id, code): n for user_id, n in rows})
    held = set(
        BadgeAward.objects.filter(user_id__in=user_ids, badge__code__in=list(LEDGER_BADGES)).values_list(
            "user_id", "badge__code"
        )
    )
    return {"ledger_day_sums": day_sums, "ledger_badge_counts": badge_counts, "ledger_badges_held": held}


def write_awards(state: dict, awards: list[Award]) -> dict[str, int]:
    """``award_in_bulk`` on a ``state`` dict (``ledger_state`` for a ledger that already has rows)."""
    from django.utils import timezone

    from community.reputation.actions.badges import ensure_badge
    from community.reputation.actions.rules import ensure_rule
    from community.reputation.badges import LEDGER_BADGES
    from community.reputation.models import BadgeAward, ReputationEntry, ReputationTotal

    day_sums: dict = state.setdefault("ledger_day_sums", {})
    badge_counts: dict = state.setdefault("ledger_badge_counts", {})
    held: set = state.setdefault("ledger_badges_held", set())
    tz = timezone.get_current_timezone()
    rule_rows = {code: ensure_rule(code=code) for code in {award.rule for award in awards}}
    badges = {
        code: ensure_badge(code=code) for code, counted in LEDGER_BADGES.items() if set(counted) & set(rule_rows)
    }
    entry_id = next_id(ReputationEntry)
    first_entry = entry_id
    entries, totals, new_badges = [], {}, []
    days: dict = {}  # date -> its database form (a few hundred days, a few hundred thousand awards)
    for award in sorted(awards, key=lambda a: (a.created_at, a.rule, a.source_id, a.user_id)):
        row = rule_rows[award.rule]
        if not row.is_active or award.actor_id == award.user_id:
            continue
        day = award.created_at.astimezone(tz).date()
        amount, note = row.points, ""
        if amount > 0 and row.daily_cap:
            key = (award.user_id, award.rule, day)
            earned = day_sums.get(key, 0)
            capped = max(0, min(amount, row.daily_cap - earned))
            if capped < amount:
                note = "daily cap reached"
            amount = capped
            day_sums[key] = earned + amount
        at = db_datetime(award.created_at)
        awarded_on = days.get(day)
        if awarded_on is None:
            awarded_on = days[day] = db_date(day)
        entries.append(
            (
                entry_id, award.user_id, award.rule, amount, award.source_type_id, award.source_id,
                award.subject[:80], award.product_id, award.actor_id, note, at, awarded_on, None, "",
            )
        )  # fmt: skip
        entry_id += 1
        totals[award.user_id] = totals.get(award.user_id, 0) + amount
        for code, badge in badges.items():
            if award.rule not in LEDGER_BADGES[code] or (award.user_id, code) in held:
                continue
            count = badge_counts[(award.user_id, code)] = badge_counts.get((award.user_id, code), 0) + 1
            if count >= badge.threshold:
                held.add((award.user_id, code))
                new_badges.append((award.user_id, badge.pk, at))
    written = insert_rows(
        ReputationEntry,
        [
            "id", "user_id", "rule", "points", "source_type_id", "source_id", "subject", "product_id",
            "actor_id", "note", "created_at", "awarded_on", "reversed_at", "reversed_reason",
        ],
        entries,
        # Rebuilding the indexes pays off when the table at least doubles (the forum's ledger), not
        # for a few hundred rows on top of it (feedback's): that would re-sort the whole ledger.
        defer_indexes=len(entries) >= first_entry - 1,
    )  # fmt: skip
    stored = dict(ReputationTotal.objects.filter(user_id__in=totals).values_list("user_id", "points"))
    if stored:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE {} SET {} = %s WHERE {} = %s".format(
                    *map(connection.ops.quote_name, (ReputationTotal._meta.db_table, "points", "user_id"))
                ),
                [(points + totals.pop(user_id), user_id) for user_id, points in stored.items()],
            )
    insert_rows(
        ReputationTotal,
        ["user_id", "points", "checkin_streak", "longest_checkin_streak", "last_checkin_on"],
        [(user_id, points, 0, 0, None) for user_id, points in sorted(totals.items())],
    )
    first_badge = next_id(BadgeAward)
    awarded = insert_rows(
        BadgeAward,
        ["id", "user_id", "badge_id", "awarded_at"],
        [(first_badge + i, *row) for i, row in enumerate(new_badges)],
    )
    reset_sequences(ReputationEntry, BadgeAward)
    return {"reputation entries": written, "reputation totals": len(totals) + len(stored), "badges": awarded}
