"""Standard Webhooks signatures, made by the ``standardwebhooks`` package: secrets are ``whsec_`` plus
base64 of random bytes, the signed content is ``{webhook-id}.{webhook-timestamp}.{body}``."""

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks import Webhook

USER_AGENT = "Canopy-Webhooks/1"


def new_secret() -> str:
    """A fresh signing secret (32 random bytes), in the Standard Webhooks form."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def signing_secrets(subscription, at: datetime) -> list[str]:
    """The current secret, plus the previous one while a rotation's overlap lasts."""
    found = [subscription.secret]
    until = subscription.previous_secret_until
    if subscription.previous_secret and until is not None and at < until:
        found.append(subscription.previous_secret)
    return found


def signed_headers(*, subscription, webhook_id: str, body: str, at: datetime) -> dict[str, str]:
    """The request headers of one attempt: the same ``webhook-id`` every time, the attempt's own
    timestamp, and one ``v1,`` signature per secret in force (space-separated, as the spec allows)."""
    at = at.astimezone(UTC)
    signature = " ".join(
        Webhook(secret).sign(msg_id=webhook_id, timestamp=at, data=body)
        for secret in signing_secrets(subscription, at)
    )
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
