"""POST /store/stripe/webhook/: verify the signature and the event's shape, then hand the event to
store.payments.webhooks. Anything that is not a verified, well-formed event gets a 400 and a log line,
never a handler."""

import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from store import conf
from store.payments.stripe_gateway import MalformedWebhookEvent, verify_webhook
from store.payments.webhooks import process_event

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not conf.stripe_webhook_secret():
        return HttpResponse("Stripe webhooks are not configured.", status=503, content_type="text/plain")
    try:
        event = verify_webhook(payload=request.body, signature=request.headers.get("Stripe-Signature"))
    except stripe.SignatureVerificationError as exc:
        logger.warning("stripe webhook rejected: %s", exc.user_message)
        return HttpResponseBadRequest("Invalid signature.", content_type="text/plain")
    except MalformedWebhookEvent as exc:
        logger.warning("stripe webhook rejected, signed but malformed: %s", exc)
        return HttpResponseBadRequest(f"Not a Stripe event: {exc}.", content_type="text/plain")
    except ValueError as exc:  # the SDK could not decode the body to check its signature
        logger.warning("stripe webhook rejected, unreadable payload: %s", exc)
        return HttpResponseBadRequest("Invalid payload.", content_type="text/plain")
    outcome = process_event(event_id=event.id, event_type=event.type, data_object=event.data_object)
    return HttpResponse(outcome, content_type="text/plain")
