"""Personal access tokens: made and revoked by their owner on the account page, used by the API."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from api.models import AccessToken, Scope
from api.tokens import SCOPES, new_token
from community.validators import SINGLE_LINE_MESSAGE, has_control_characters

MAX_TOKENS = 20
# last_used_at moves at most this often: a busy integration does not write on every read.
TOUCH_EVERY = timedelta(minutes=5)


def _can_triage(user) -> bool:
    from forum.feedback.permissions import is_product_team

    return is_product_team(user)


@transaction.atomic
def create_token(*, user, name: str, scopes: list[str], expires_at=None) -> tuple[AccessToken, str]:
    """A new token for ``user``. Returns the row and the token string, which is never shown again."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in first.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Name the token, so you know what uses it."})
    if len(name) > 80:
        raise ValidationError({"name": "At most 80 characters."})
    if has_control_characters(name):
        raise ValidationError({"name": SINGLE_LINE_MESSAGE})
    scopes = sorted(set(scopes or []))
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown or not scopes:
        raise ValidationError({"scopes": "Pick at least one of: " + ", ".join(SCOPES) + "."})
    if Scope.FEEDBACK_TRIAGE in scopes and not _can_triage(user):
        raise ValidationError({"scopes": "Only the product team can give a token the feedback:triage scope."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    if AccessToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_TOKENS:
        raise ValidationError(f"You have {MAX_TOKENS} tokens: revoke one you no longer use first.")
    raw, prefix, digest = new_token()
    token = AccessToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_sha256=digest,
        scopes=scopes,
        created_at=timezone.now(),
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def revoke_token(*, user, token_id: int) -> AccessToken:
    """Revoke one of ``user``'s tokens; someone else's token looks absent."""
    token = AccessToken.objects.select_for_update().filter(pk=token_id, user_id=user.pk).first()
    if token is None:
        from django.http import Http404

        raise Http404("No such token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        AccessToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at)
    return token


def record_use(*, token: AccessToken, now=None) -> bool:
    """Move ``last_used_at`` on, at most once per TOUCH_EVERY (a read does not write each time)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return False
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return True


def account_deleted(*, user, **kwargs) -> None:
    """Hook (PROFILES_ACCOUNT_DELETED): a closed account's tokens stop working at once."""
    AccessToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
