"""Order e-mails, sent after the transaction that caused them commits."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string

from community import sites
from store.money import format_money

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmation": "Order {number} confirmed",
    "shipped": "Order {number} is on its way",
    "refund": "Refund for order {number}",
}


def send_order_email(*, order_id: int, kind: str, amount_minor: int | None = None) -> bool:
    """Send one order mail; False when it could not be sent. Runs after the commit of the change it
    reports, so a failure is logged with its recipient, never raised into the request or task that
    already did the work."""
    from store.models import Order

    order = Order.objects.prefetch_related("lines").filter(pk=order_id).first()
    if order is None:
        return False
    try:
        context = {
            "order": order,
            "lines": list(order.lines.all()),
            "order_url": sites.absolute_url(order.get_absolute_url()),
            "total": format_money(order.total_minor, order.currency),
            "subtotal": format_money(order.subtotal_minor, order.currency),
            "shipping": format_money(order.shipping_minor, order.currency),
            "tax": format_money(order.tax_minor, order.currency),
            "refund_amount": format_money(amount_minor or 0, order.currency),
            "refunded_total": format_money(order.refunded_minor, order.currency),
            "is_demo": order.provider == order.Provider.DEMO,
        }
        body = render_to_string(f"store/email/{kind}.txt", context)
        send_mail(SUBJECTS[kind].format(number=order.number), body, None, [order.email])
    except Exception:
        logger.exception("order %s: %s mail to %s could not be sent", order.number, kind, order.email)
        return False
    return True
