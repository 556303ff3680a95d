"""The buyer's order timeline (placed, paid, packed, shipped, delivered), read from the order's events.

It reads ``order.events.all()``, which the order page's query function prefetches: no query of its
own. Events of orders from before fulfilment was its own field are read too (``completed`` meant
delivered)."""

from dataclasses import dataclass
from datetime import datetime

from store.carriers import tracking_url
from store.models import Order

F = Order.Fulfilment
S = Order.Status
_REACHED = {F.UNFULFILLED: 1, F.PACKED: 2, F.SHIPPED: 3, F.DELIVERED: 4}
STEPS = (
    ("placed", "Order placed"),
    ("paid", "Paid"),
    ("packed", "Packed"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
)
TONES = {"done": "success", "current": "success", "upcoming": "muted", "stopped": "danger"}
ICONS = {"done": "circle-check", "current": "circle-check", "upcoming": "", "stopped": "circle-alert"}


@dataclass(frozen=True)
class TimelineStep:
    key: str
    label: str
    state: str  # done | current | upcoming | stopped
    at: datetime | None = None
    detail: str = ""
    url: str = ""

    @property
    def tone(self) -> str:
        return TONES[self.state]

    @property
    def icon(self) -> str:
        return ICONS[self.state]


def order_timeline(order: Order) -> list[TimelineStep]:
    events = sorted(order.events.all(), key=lambda e: (e.created_at, e.pk))
    first = {}
    for event in events:
        key = {"completed": "delivered"}.get(event.kind, event.kind)
        if event.to_status == S.PAID:
            key = "paid"
        first.setdefault(key, event)
    paid = order.paid_at is not None or "paid" in first
    reached = 0 if not paid else _REACHED[order.fulfilment_status]
    shipped = first.get("shipped")
    carrier = order.carrier or (shipped.data.get("carrier", "") if shipped else "")
    number = order.tracking_number or (shipped.data.get("tracking_number", "") if shipped else "")

    steps = []
    for index, (key, label) in enumerate(STEPS):
        state = "done" if index <= reached else "upcoming"
        event = first.get(key)
        at = order.created_at if key == "placed" else (event.created_at if event else None)
        if key == "paid" and at is None:
            at = order.paid_at
        detail = url = ""
        if key == "shipped" and index <= reached:
            detail = " · ".join(part for part in (carrier, number) if part)
            url = tracking_url(carrier=carrier, tracking_number=number)
        if key == "paid" and not paid and order.status == S.PENDING:
            label = "Awaiting payment"
        steps.append(TimelineStep(key=key, label=label, state=state, at=at, detail=detail, url=url))
    if steps[reached].state == "done":
        steps[reached] = TimelineStep(**{**steps[reached].__dict__, "state": "current"})

    if order.status in (S.CANCELLED, S.REFUNDED):
        ended = next((e for e in reversed(events) if e.to_status == order.status), None)
        steps = [step for step in steps if step.state != "upcoming"]
        steps[-1] = TimelineStep(**{**steps[-1].__dict__, "state": "done"})
        steps.append(
            TimelineStep(
                key=order.status.lower(),
                label=order.get_status_display(),
                state="stopped",
                at=ended.created_at if ended else None,
                # a refund's own message is the team's wording (minor units): the page shows the amount
                detail=ended.message if ended and order.status == S.CANCELLED else "",
            )
        )
    return steps
