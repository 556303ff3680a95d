"""Purchase rights earned by standing: the team grants a drop's one-use codes to the top people of a
product, by reputation (community.reputation) or by tester score (community.profiles.testers)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from community.notifications.actions import notify
from community.profiles.testers import top_testers
from community.reputation import api as reputation
from community.reputation.queries import PERIODS
from store.actions.drops import grant_purchase_right
from store.errors import StoreError
from store.models import Drop, PurchaseRight
from store.permissions import check_can_manage_orders

SOURCES = {"reputation": "Top contributors (reputation)", "testers": "Top testers (tester score)"}
MAX_GRANT = 500
# The notification centre has no store kind: the team choosing you for a privilege is closest to
# PROGRAMME (tester programme decisions), e-mailed right away by default, which a drop's code needs.
NOTICE_KIND = "PROGRAMME"


@dataclass
class GrantResult:
    granted: list[PurchaseRight] = field(default_factory=list)
    already_held: list[int] = field(default_factory=list)


def _candidates(*, source: str, product_id: int | None, period: str, count: int) -> list[int]:
    if source == "reputation":
        return reputation.top_contributors(product_id=product_id, period=period, limit=count)
    if product_id is None:
        raise StoreError("Tester programmes belong to a product: choose one.")
    return top_testers(product_id=product_id, limit=count)


def grant_purchase_rights_to_top_contributors(
    *, actor, drop: Drop, product_id: int | None, source: str, count: int, period: str = "all"
) -> GrantResult:
    """Give each of the top ``count`` people by ``source`` one one-use code for ``drop``; people who
    already hold a code for it are skipped, so running it again grants nobody twice. Each new holder
    is told once, with a link to the drop's page (where they see their code)."""
    check_can_manage_orders(actor)
    if source not in SOURCES:
        raise StoreError("Choose reputation or testers.")
    if period not in PERIODS:
        raise StoreError("Choose a period: week, month or all.")
    if not 1 <= int(count) <= MAX_GRANT:
        raise StoreError(f"Grant between 1 and {MAX_GRANT} codes.")
    with transaction.atomic():
        # One grant for a drop at a time: two clicks cannot both see "no code yet" for a person.
        drop = Drop.objects.select_for_update().get(pk=drop.pk)
        ranked = _candidates(source=source, product_id=product_id, period=period, count=int(count))
        active = set(
            get_user_model().objects.filter(pk__in=ranked, is_active=True).values_list("pk", flat=True)
        )
        held = set(
            PurchaseRight.objects.filter(drop=drop, user_id__in=ranked).values_list("user_id", flat=True)
        )
        result = GrantResult(already_held=[pk for pk in ranked if pk in held])
        for user_id in ranked:
            if user_id in active and user_id not in held:
                result.granted.append(grant_purchase_right(drop=drop, user=user_id, actor=actor))
        if result.granted:
            notify(
                recipient_ids=[right.user_id for right in result.granted],
                kind=NOTICE_KIND,
                text=f"You earned a purchase right for {drop.title}: your code is on the drop's page.",
                url=drop.get_absolute_url(),
                actor=actor,
            )
    return result
