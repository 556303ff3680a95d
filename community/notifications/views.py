from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community.models import User
from community.notifications import actions, queries
from community.notifications.emails import read_unsubscribe_token
from community.notifications.models import EmailMode, Notification, NotificationKind


@login_required
def centre(request):
    """Newest first, a page at a time (keyset: ?before=<cursor>), by day, the same thing by several
    people as one row, filtered by ?show=all|mentions|replies|feedback|store. An unknown filter or
    cursor shows the first page."""
    page = queries.notification_page(
        request.user, show=request.GET.get("show", "all"), before=request.GET.get("before", "")
    )
    return render(
        request,
        "community/notifications/centre.html",
        {
            "page": page,
            "filters": [(key, label) for key, (label, _) in queries.FILTERS.items()],
            "tabs": [
                {"label": label, "url": f"?show={key}", "active": key == page.show}
                for key, (label, _) in queries.FILTERS.items()
            ],
            "today": timezone.localdate(),
            "yesterday": timezone.localdate() - timedelta(days=1),
        },
    )


@login_required
def open_notification(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    actions.mark_group_read(user=request.user, notification=notification)
    if not queries.visible(request.user, [notification]):
        messages.info(request, "That is no longer available.")
        return redirect("notifications:centre")
    url = (
        notification.url
        if notification.url.startswith("/") and not notification.url.startswith("//")
        else "/"
    )
    return redirect(url)


@login_required
@require_POST
def mark_all_read(request):
    count = actions.mark_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(n)d notification marked read.", "%(n)d notifications marked read.", count)
            % {"n": count},
        )
    show = request.POST.get("show", "")
    target = reverse("notifications:centre")
    return redirect(f"{target}?show={show}" if show in queries.FILTERS and show != "all" else target)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    modes = queries.email_preferences(request.user)
    errors = []
    if request.method == "POST":
        for kind in NotificationKind:
            value = request.POST.get(kind.value, modes[kind])
            if value not in EmailMode.values:
                errors.append(f"Pick one of the listed choices for “{kind.label}”.")
                continue
            if value != modes[kind]:
                actions.set_email_preference(user=request.user, kind=kind, email_mode=value)
        if not errors:
            messages.success(request, "E-mail preferences saved.")
            return redirect("notifications:preferences")
        modes = queries.email_preferences(request.user)
    rows = [(kind, modes[kind]) for kind in NotificationKind]
    return render(
        request,
        "community/notifications/preferences.html",
        {"rows": rows, "modes": EmailMode.choices, "errors": errors},
        status=400 if errors else 200,
    )


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail clients POST without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        user_id, kind = read_unsubscribe_token(token)
        user = User.objects.get(pk=user_id)
    except (signing.BadSignature, User.DoesNotExist, KeyError, ValueError):
        return render(request, "community/notifications/unsubscribe.html", {"invalid": True}, status=400)
    kind_label = NotificationKind(kind).label if kind in NotificationKind.values else None
    if kind and kind_label is None:
        return render(request, "community/notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        actions.unsubscribe(user_id=user.pk, kind=kind)
        return render(
            request, "community/notifications/unsubscribe.html", {"done": True, "kind_label": kind_label}
        )
    return render(
        request, "community/notifications/unsubscribe.html", {"kind_label": kind_label, "token": token}
    )
