"""Notification e-mail: one message per notification (immediate) or one digest per day, each with a
signed one-click unsubscribe link that works without signing in (and List-Unsubscribe headers)."""

import logging

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from community import sites
from community.notifications.queries import visible
from community.validators import without_control_characters

logger = logging.getLogger(__name__)
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
    """Send one mail; False when there is no address or it could not be sent. A failure is logged with
    its recipient and never raised: the callers send batches, and one bad mail must not stop the rest."""
    if not user.email:
        return False
    try:
        context = {**context, "user": user, "unsubscribe_url": unsubscribe, "site_url": sites.site_url()}
        text = render_to_string(f"community/notifications/email/{template}.txt", context)
        html = render_to_string(f"community/notifications/email/{template}.html", context)
        message = EmailMultiAlternatives(
            # Names in the text were typed by people; names stored before they were checked may hold a
            # line break, which a mail header refuses.
            subject=without_control_characters(f"[Canopy] {subject}"),
            body=text,
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        logger.exception("%s mail to %s (user %s) could not be sent", template, user.email, user.pk)
        return False
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
