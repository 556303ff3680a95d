"""The narrow gateway to Stripe: one function per Stripe call, dataclasses at the boundary.

Nothing here touches the database or holds a lock: callers commit first, call Stripe, then record.
"""

import json
import logging
import time
from dataclasses import dataclass

import stripe

from store import conf

logger = logging.getLogger(__name__)

UNREACHABLE_MESSAGE = (
    "Payment could not be started: the payment service cannot be reached right now. "
    "Nothing was charged; your order and its items are kept for you. Try again in a minute."
)
# How far a webhook's signed timestamp may be from our clock, either way (Stripe's default).
WEBHOOK_TOLERANCE_SECONDS = stripe.Webhook.DEFAULT_TOLERANCE


class PaymentGatewayError(Exception):
    """Stripe refused or could not be reached; the message is safe to show the buyer and the team."""


class MalformedWebhookEvent(ValueError):
    """A correctly signed body that is not the shape of a Stripe event; the message says what is wrong."""


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


def _gateway_error(exc: stripe.StripeError, call: str, subject: str) -> PaymentGatewayError:
    """Log what Stripe said and turn it into a message for people: a connection failure (DNS, refused,
    timeout) is never shown raw ("HTTPSConnectionPool ... NameResolutionError")."""
    if isinstance(exc, stripe.APIConnectionError):
        logger.error("stripe %s for %s: cannot reach Stripe: %s", call, subject, exc)
        if call == "refund":
            return PaymentGatewayError(
                "The payment service cannot be reached right now; nothing was refunded. Try again in a minute."
            )
        return PaymentGatewayError(UNREACHABLE_MESSAGE)
    logger.warning(
        "stripe %s for %s refused (%s, status %s, request %s): %s",
        call,
        subject,
        type(exc).__name__,
        exc.http_status,
        exc.request_id,
        exc,
    )
    if isinstance(exc, stripe.CardError) and exc.user_message:
        return PaymentGatewayError(exc.user_message)
    if call == "refund":
        return PaymentGatewayError(f"The payment provider refused the refund: {exc.user_message or exc}")
    return PaymentGatewayError("The payment provider could not start the checkout. Nothing was charged.")


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
        raise _gateway_error(exc, "create checkout session", request.order_number) from exc
    return CheckoutSession(id=session.id, url=session.url)


def create_refund(*, payment_intent_id: str, amount_minor: int, idempotency_key: str) -> RefundResult:
    try:
        refund = _client().v1.refunds.create(
            params={"payment_intent": payment_intent_id, "amount": amount_minor},
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise _gateway_error(exc, "refund", payment_intent_id) from exc
    return RefundResult(id=refund.id, amount_minor=refund.amount, status=refund.status or "")


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    data_object: dict


def _signed_at(signature: str) -> int:
    for item in signature.split(","):
        key, _, value = item.partition("=")
        if key.strip() == "t":
            return int(value)
    raise stripe.SignatureVerificationError("No timestamp in the signature header", signature)


def verify_webhook(*, payload: bytes, signature: str | None, now: float | None = None) -> WebhookEvent:
    """Verify a webhook and return its event.

    Raises stripe.SignatureVerificationError for a bad, missing, stale or future-dated signature (the
    SDK checks the signature and the past side of the tolerance; the future side is checked here), and
    MalformedWebhookEvent for a signed body that is not a Stripe event: not JSON or UTF-8, not an
    object, no string ``id`` or ``type``, or ``data.object`` that is not an object."""
    stripe.WebhookSignature.verify_header(
        payload, signature, conf.stripe_webhook_secret(), WEBHOOK_TOLERANCE_SECONDS
    )
    now = time.time() if now is None else now
    if _signed_at(signature) > now + WEBHOOK_TOLERANCE_SECONDS:
        raise stripe.SignatureVerificationError("Timestamp is in the future", signature)
    try:
        event = json.loads(payload)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        raise MalformedWebhookEvent("the body is not JSON") from exc
    if not isinstance(event, dict):
        raise MalformedWebhookEvent(f"the body is a JSON {type(event).__name__}, not an object")
    event_id, event_type, data = event.get("id"), event.get("type"), event.get("data")
    if not isinstance(event_id, str) or not event_id.strip() or len(event_id) > 255:
        raise MalformedWebhookEvent("the event has no id")
    if not isinstance(event_type, str) or not event_type.strip():
        raise MalformedWebhookEvent(f"event {event_id} has no type")
    data_object = data.get("object") if isinstance(data, dict) else None
    if not isinstance(data_object, dict):
        raise MalformedWebhookEvent(f"event {event_id} ({event_type[:100]}) has no data.object")
    return WebhookEvent(id=event_id, type=event_type[:100], data_object=data_object)
