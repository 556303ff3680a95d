"""The team's webhook pages in the Wagtail admin (/cms/webhooks/): subscriptions, the delivery log,
replay, secret rotation, pause and resume. Thin: parse input, call one action or query, render."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from community.parsing import parse_id
from webhooks import queries
from webhooks.actions.deliveries import request_replay
from webhooks.actions.subscriptions import (
    create_subscription,
    delete_subscription,
    pause_subscription,
    resume_subscription,
    rotate_secret,
    update_subscription,
)
from webhooks.forms import SubscriptionForm
from webhooks.models import Delivery, Subscription
from webhooks.permissions import can_manage_webhooks


def _check(request) -> None:
    if not can_manage_webhooks(request.user):
        raise PermissionDenied


def index(request):
    _check(request)
    return render(
        request,
        "webhooks/admin/index.html",
        {"subscriptions": queries.subscriptions_page(), "page_title": "Webhooks", "header_icon": "link"},
    )


def _form_page(request, form, *, subscription=None, status=200):
    title = f"Edit webhook to {urlsplit(subscription.url).netloc}" if subscription else "Add a webhook"
    return render(
        request,
        "webhooks/admin/form.html",
        {"form": form, "subscription": subscription, "page_title": title, "header_icon": "link"},
        status=status,
    )


def _save(request, form, save):
    """Validate the form and run the action; a refusal comes back as the form's error (400)."""
    if form.is_valid():
        try:
            return save(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error("url" if "URL" in " ".join(exc.messages) else None, exc)
    return None


def _subscription_page(request, pk, *, new_secret: str = "", status_code: int = 200):
    page = queries.subscription_page(
        pk, status=request.GET.get("status", ""), before=parse_id(request.GET.get("before"))
    )
    return render(
        request,
        "webhooks/admin/subscription.html",
        {
            "page": page,
            "subscription": page.subscription,
            "new_secret": new_secret,
            "statuses": Delivery.Status.choices,
            "page_title": f"Webhook to {urlsplit(page.subscription.url).netloc}",
            "header_icon": "link",
        },
        status=status_code,
    )


def add(request):
    _check(request)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST":
        made = _save(request, form, lambda **data: create_subscription(actor=request.user, **data))
        if made is not None:
            subscription, secret = made
            messages.success(request, "Webhook added. Copy its signing secret now: it is not shown again.")
            # Rendered, not redirected: the secret is shown once and kept nowhere but the subscription.
            return _subscription_page(request, subscription.pk, new_secret=secret, status_code=201)
        return _form_page(request, form, status=400)
    return _form_page(request, form)


def subscription(request, pk):
    _check(request)
    return _subscription_page(request, pk)


def edit(request, pk):
    _check(request)
    subscription = get_object_or_404(Subscription, pk=pk)
    initial = {
        "url": subscription.url,
        "description": subscription.description,
        "events": subscription.events,
    }
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = _save(
            request,
            form,
            lambda **data: update_subscription(actor=request.user, subscription=subscription, **data),
        )
        if saved is not None:
            messages.success(request, "Webhook saved.")
            return redirect("webhooks_admin:subscription", pk=pk)
        return _form_page(request, form, subscription=subscription, status=400)
    return _form_page(request, form, subscription=subscription)


@require_POST
def rotate(request, pk):
    _check(request)
    subscription, secret = rotate_secret(
        actor=request.user, subscription=get_object_or_404(Subscription, pk=pk)
    )
    messages.success(
        request,
        "New signing secret made. Deliveries carry a signature with the old secret too for the next "
        "24 hours, while the receiver switches.",
    )
    return _subscription_page(request, subscription.pk, new_secret=secret)


@require_POST
def pause(request, pk):
    _check(request)
    pause_subscription(actor=request.user, subscription=get_object_or_404(Subscription, pk=pk))
    messages.success(request, "Webhook paused: no deliveries until it is resumed.")
    return redirect("webhooks_admin:subscription", pk=pk)


@require_POST
def resume(request, pk):
    _check(request)
    resume_subscription(actor=request.user, subscription=get_object_or_404(Subscription, pk=pk))
    messages.success(request, "Webhook resumed: the next event is delivered.")
    return redirect("webhooks_admin:subscription", pk=pk)


def delete(request, pk):
    _check(request)
    subscription = get_object_or_404(Subscription, pk=pk)
    if request.method == "POST":
        delete_subscription(actor=request.user, subscription=subscription)
        messages.success(request, f"Webhook to {subscription.url} deleted with its delivery log.")
        return redirect("webhooks_admin:index")
    return render(
        request,
        "webhooks/admin/confirm_delete.html",
        {"subscription": subscription, "page_title": "Delete webhook", "header_icon": "bin"},
    )


def delivery(request, pk, delivery_pk):
    _check(request)
    page = queries.delivery_page(pk, delivery_pk)
    if request.method == "POST":
        try:
            request_replay(actor=request.user, delivery=page.delivery)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Replay sent to the task worker (same webhook-id, new signature).")
        return redirect("webhooks_admin:delivery", pk=pk, delivery_pk=delivery_pk)
    return render(
        request,
        "webhooks/admin/delivery.html",
        {
            "page": page,
            "delivery": page.delivery,
            "subscription": page.delivery.subscription,
            "page_title": f"Delivery: {page.delivery.event}",
            "header_icon": "link",
        },
    )
