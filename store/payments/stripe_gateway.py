"""The narrow gateway to Stripe: one function per Stripe call, dataclasses at the boundary.

Nothing here touches the database or holds a lock: callers commit first, call Stripe, then record.
"""

from dataclasses import dataclass

import stripe

from store import conf


class PaymentGatewayError(Exception):
    """Stripe refused or could not be reached; the message is safe to show the team."""


@dataclass(frozen=True)
class CheckoutLine:
    name: str
    unit_amount_minor: int
    quantity: int


@dataclass(frozen=True)
class CheckoutRequest:
    order_number: str
    order_id: int
    email: str
    currency: str
    lines: list[CheckoutLine]
    shipping_minor: int
    tax_minor: int
    success_url: str
    cancel_url: str
    expires_at: int  # unix seconds


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


@dataclass(frozen=True)
class RefundResult:
    id: str
    amount_minor: int
    status: str


def _client() -> stripe.StripeClient:
    base = conf.stripe_api_base()
    return stripe.StripeClient(
        conf.stripe_secret_key(),
        base_addresses={"api": base} if base else None,
        max_network_retries=1,
    )


def _item(name: str, amount: int, currency: str, quantity: int) -> dict:
    return {
        "price_data": {"currency": currency.lower(), "unit_amount": amount, "product_data": {"name": name}},
        "quantity": quantity,
    }


def create_checkout_session(request: CheckoutRequest) -> CheckoutSession:
    """A Checkout Session whose total equals the order's: goods, shipping and tax as line items."""
    items = [
        _item(line.name, line.unit_amount_minor, request.currency, line.quantity) for line in request.lines
    ]
    if request.shipping_minor:
        items.append(_item("Shipping", request.shipping_minor, request.currency, 1))
    if request.tax_minor:
        items.append(_item("Tax", request.tax_minor, request.currency, 1))
    metadata = {"order_number": request.order_number, "order_id": str(request.order_id)}
    try:
        session = _client().v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "line_items": items,
                "customer_email": request.email,
                "client_reference_id": request.order_number,
                "metadata": metadata,
                "payment_intent_data": {"metadata": metadata},
                "success_url": request.success_url,
                "cancel_url": request.cancel_url,
                "expires_at": request.expires_at,
            },
            options={"idempotency_key": f"checkout-{request.order_number}"},
        )
    except stripe.StripeError as exc:
        raise PaymentGatewayError(
            exc.user_message or "The payment provider could not start the checkout."
        ) from exc
    return CheckoutSession(id=session.id, url=session.url)


def create_refund(*, payment_intent_id: str, amount_minor: int, idempotency_key: str) -> RefundResult:
    try:
        refund = _client().v1.refunds.create(
            params={"payment_intent": payment_intent_id, "amount": amount_minor},
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise PaymentGatewayError(exc.user_message or "The payment provider refused the refund.") from exc
    return RefundResult(id=refund.id, amount_minor=refund.amount, status=refund.status or "")


def verify_webhook(*, payload: bytes, signature: str | None) -> stripe.Event:
    """Raises ValueError (bad payload) or stripe.SignatureVerificationError (bad, missing or stale signature)."""
    return stripe.Webhook.construct_event(payload, signature, conf.stripe_webhook_secret())
