"""POST /store/stripe/webhook/: verify the signature, then hand the event to store.payments.webhooks."""

import json
import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from store import conf
from store.payments.stripe_gateway import verify_webhook
from store.payments.webhooks import process_event

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not conf.stripe_webhook_secret():
        return HttpResponse("Stripe webhooks are not configured.", status=503, content_type="text/plain")
    try:
        verify_webhook(payload=request.body, signature=request.headers.get("Stripe-Signature"))
        event = json.loads(request.body)
    except stripe.SignatureVerificationError:
        logger.warning("stripe webhook with a bad signature rejected")
        return HttpResponseBadRequest("Invalid signature.", content_type="text/plain")
    except ValueError:
        return HttpResponseBadRequest("Invalid payload.", content_type="text/plain")
    try:
        event_id, event_type = event["id"], event["type"]
        data_object = event["data"]["object"]
    except (KeyError, TypeError):
        return HttpResponseBadRequest("Not a Stripe event.", content_type="text/plain")
    outcome = process_event(event_id=event_id, event_type=event_type, data_object=data_object)
    return HttpResponse(outcome, content_type="text/plain")
