"""Notification e-mail: one message per notification (immediate) or one digest per day, each with a
signed one-click unsubscribe link that works without signing in (and List-Unsubscribe headers)."""

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from community import sites
from community.notifications.queries import visible

UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"


def absolute(url: str) -> str:
    """A link in a mail: on the site's public origin, SITE_URL (community.sites)."""
    return sites.absolute_url(url)


def unsubscribe_token(*, user_id: int, kind: str | None) -> str:
    return signing.dumps({"u": user_id, "k": kind or ""}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str | None]:
    """Raises signing.BadSignature for a forged or mangled token."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), (data.get("k") or None)


def unsubscribe_url(*, user_id: int, kind: str | None) -> str:
    return absolute(
        reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id=user_id, kind=kind)})
    )


def _send(user, subject: str, template: str, context: dict, unsubscribe: str) -> bool:
    if not user.email:
        return False
    context = {**context, "user": user, "unsubscribe_url": unsubscribe, "site_url": sites.site_url()}
    text = render_to_string(f"community/notifications/email/{template}.txt", context)
    html = render_to_string(f"community/notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"[Canopy] {subject}",
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True


def send_immediate(notification) -> bool:
    user = notification.recipient
    if not visible(user, [notification]):
        return False
    return _send(
        user,
        notification.message,
        "notification",
        {"notification": notification, "url": absolute(notification.url)},
        unsubscribe_url(user_id=user.pk, kind=notification.kind),
    )


def send_digest(user, notifications) -> bool:
    rows = visible(user, notifications)
    if not rows:
        return False
    items = [{"text": row.message, "url": absolute(row.url), "kind": row.get_kind_display()} for row in rows]
    return _send(
        user,
        f"Your daily digest: {len(items)} update{'s' if len(items) != 1 else ''}",
        "digest",
        {"items": items},
        unsubscribe_url(user_id=user.pk, kind=None),
    )
