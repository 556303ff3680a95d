"""Every change to the reputation ledger: award, reverse, restore, and the team's own awards.

Reversal keeps the row and stamps ``reversed_at`` (with a reason) instead of adding a negative row or
deleting: the (rule, source, recipient) key then stays the one identity of an award, so a source that
is removed and comes back (a post hidden then restored) restores the same row, the history a person
sees keeps what was taken back and why, and a total is one SUM over live rows. Points count on the day
they were earned, so a reversal changes past leaderboards rather than today's.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import timezone

from community.reputation import rules
from community.reputation.actions.rules import ensure_rule
from community.reputation.models import ManualAward, ReputationEntry, ReputationTotal
from community.reputation.permissions import can_award_points

Source = models.Model | tuple[str, int]


def source_key(source: Source) -> tuple[ContentType, int]:
    """A model instance, or ("app_label.model", pk) for a row that is already gone."""
    if isinstance(source, tuple):
        label, pk = source
        app_label, model = label.lower().split(".", 1)
        return ContentType.objects.get_by_natural_key(app_label, model), int(pk)
    if source.pk is None:
        raise ValueError("An unsaved (or deleted) source: pass ('app_label.model', pk) instead.")
    return ContentType.objects.get_for_model(source), int(source.pk)


def locked_total(user_id: int) -> ReputationTotal:
    """The person's totals row, created if missing, locked for the rest of the transaction."""
    ReputationTotal.objects.get_or_create(user_id=user_id)
    return ReputationTotal.objects.select_for_update().get(user_id=user_id)


def _id(value) -> int | None:
    return getattr(value, "pk", value)


@transaction.atomic
def award(
    *,
    user,
    rule: str,
    source: Source,
    actor=None,
    subject: str = "",
    product_id: int | None = None,
    points: int | None = None,
    note: str = "",
    now=None,
) -> ReputationEntry | None:
    """Give ``user`` the points ``rule`` is worth for ``source``. Awarding the same (rule, source,
    user) again changes nothing (or restores the row if it was reversed). Nobody earns from their
    own action (``actor``), and positive points stop at the rule's daily cap (a capped award is kept
    as a row with the points it could still give, often 0, so it stays idempotent)."""
    user_id, actor_id = _id(user), _id(actor)
    if user_id is None or getattr(user, "is_active", True) is False:
        return None
    if actor_id is not None and actor_id == user_id:
        return None
    source_type, source_id = source_key(source)
    locked_total(user_id)
    existing = ReputationEntry.objects.filter(
        rule=rule, source_type=source_type, source_id=source_id, user_id=user_id
    ).first()
    if existing is not None:
        if existing.reversed_at is not None:
            existing.reversed_at, existing.reversed_reason = None, ""
            existing.save(update_fields=["reversed_at", "reversed_reason"])
            _move_totals({user_id: existing.points})
        return existing
    rule_row = ensure_rule(code=rule)
    if not rule_row.is_active:
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    amount = rule_row.points if points is None else int(points)
    if amount > 0 and rule_row.daily_cap:
        earned = (
            ReputationEntry.objects.filter(
                user_id=user_id, rule=rule, awarded_on=today, reversed_at__isnull=True
            ).aggregate(total=Sum("points"))["total"]
            or 0
        )
        capped = max(0, min(amount, rule_row.daily_cap - earned))
        if capped < amount:
            note = note or "daily cap reached"
        amount = capped
    entry = ReputationEntry.objects.create(
        user_id=user_id,
        rule=rule,
        points=amount,
        source_type=source_type,
        source_id=source_id,
        subject=subject[:80],
        product_id=product_id,
        actor_id=actor_id,
        note=note[:200],
        created_at=now,
        awarded_on=today,
    )
    _move_totals({user_id: amount})
    from community.reputation.actions.badges import check_ledger_badges

    check_ledger_badges(user_id=user_id, rule=rule, now=now)
    return entry


@transaction.atomic
def reverse_entries(
    *, reason: str, source: Source | None = None, subject: str = "", rule: str | None = None, now=None
) -> int:
    """Take back the live points of a source (a retracted vote) or of everything about a subject
    (a post removed for abuse: its votes and the post itself). Returns how many rows were reversed."""
    queryset = _select(source=source, subject=subject, rule=rule).filter(reversed_at__isnull=True)
    rows = list(queryset.select_for_update().values_list("pk", "user_id", "points"))
    if not rows:
        return 0
    for user_id in sorted({user_id for _, user_id, _ in rows}):
        locked_total(user_id)
    ReputationEntry.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(
        reversed_at=now or timezone.now(), reversed_reason=reason[:200]
    )
    moves: dict[int, int] = defaultdict(int)
    for _, user_id, points in rows:
        moves[user_id] -= points
    _move_totals(moves)
    return len(rows)


@transaction.atomic
def restore_entries(*, reason: str, source: Source | None = None, subject: str = "") -> int:
    """Undo ``reverse_entries`` made with the same ``reason`` (a post restored by a moderator); rows
    reversed for another reason (a vote retracted meanwhile) stay reversed."""
    queryset = _select(source=source, subject=subject, rule=None).filter(reversed_reason=reason[:200])
    rows = list(
        queryset.filter(reversed_at__isnull=False).select_for_update().values_list("pk", "user_id", "points")
    )
    if not rows:
        return 0
    for user_id in sorted({user_id for _, user_id, _ in rows}):
        locked_total(user_id)
    ReputationEntry.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(
        reversed_at=None, reversed_reason=""
    )
    moves: dict[int, int] = defaultdict(int)
    for _, user_id, points in rows:
        moves[user_id] += points
    _move_totals(moves)
    return len(rows)


def _select(*, source, subject, rule):
    if source is not None:
        source_type, source_id = source_key(source)
        queryset = ReputationEntry.objects.filter(source_type=source_type, source_id=source_id)
    elif subject:
        queryset = ReputationEntry.objects.filter(subject=subject)
    else:
        raise ValueError("Name a source or a subject.")
    return queryset.filter(rule=rule) if rule else queryset


def _move_totals(moves: dict[int, int]) -> None:
    """Add the points to the (locked) totals. A person whose level changes is re-shown where their
    level is kept beside their name (search documents: community.profiles.people.person_changed)."""
    from community.profiles.people import level_changes, person_changed

    moves = {user_id: delta for user_id, delta in moves.items() if delta}
    if not moves:
        return
    before = dict(ReputationTotal.objects.filter(user_id__in=moves).values_list("user_id", "points"))
    for user_id, delta in moves.items():
        ReputationTotal.objects.filter(user_id=user_id).update(points=F("points") + delta)
    after = {user_id: before.get(user_id, 0) + delta for user_id, delta in moves.items()}
    for user_id in level_changes(before, after):
        person_changed(user_id=user_id)


@dataclass(frozen=True)
class TeamAward:
    manual: ManualAward
    entry: ReputationEntry | None


@transaction.atomic
def award_points(*, actor, user, points: int, reason: str, product_id: int | None = None) -> TeamAward:
    """The team gives (or takes back) points, always with a reason; never to themselves."""
    if not can_award_points(actor):
        raise PermissionDenied("Only the team can award points.")
    if _id(user) == actor.pk:
        raise PermissionDenied("Nobody can award points to themselves.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why.")
    if not points:
        raise ValidationError("Award a number of points other than zero.")
    manual = ManualAward.objects.create(
        user_id=_id(user),
        actor=actor,
        points=points,
        reason=reason[:200],
        product_id=product_id,
        created_at=timezone.now(),
    )
    entry = award(
        user=user,
        rule=rules.MODERATOR_AWARD,
        source=manual,
        actor=actor,
        points=points,
        product_id=product_id,
        note=reason,
    )
    return TeamAward(manual=manual, entry=entry)
