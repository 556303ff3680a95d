"""The rules table: a missing default row is created the first time it is needed."""

from django.db import transaction

from community.reputation.models import ReputationRule
from community.reputation.rules import DEFAULT_RULES, DEFAULTS_BY_CODE


def ensure_rule(*, code: str) -> ReputationRule:
    """The rule's row, created from its default when the table lacks it."""
    default = DEFAULTS_BY_CODE.get(code)
    if default is None:
        return ReputationRule.objects.get(code=code)
    rule, _ = ReputationRule.objects.get_or_create(
        code=code,
        defaults={
            "name": default.name,
            "description": default.description,
            "points": default.points,
            "daily_cap": default.daily_cap,
            "position": [r.code for r in DEFAULT_RULES].index(code),
        },
    )
    return rule


@transaction.atomic
def ensure_rules() -> None:
    for rule in DEFAULT_RULES:
        ensure_rule(code=rule.code)
