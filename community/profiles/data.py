"""Data rights: download my data, delete my account.

Other apps add to both through hooks (they are called inside the same transaction):
- ``profiles.export``: ``callable(user) -> dict`` of extra top-level sections (posts, votes, orders);
- ``profiles.account_deleted``: ``callable(*, user, remove_content: bool)``; the forum keeps posts
  under "Deleted user" (the anonymised row) or removes them, as the person chose.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from community import hooks
from community.notifications.models import Notification, NotificationPreference
from community.profiles.models import DeclaredProduct, Follow, Profile, TesterApplication
from community.reputation.models import BadgeAward, CheckIn, ManualAward, ReputationEntry, ReputationTotal

DELETED_NAME = "Deleted user"


def export_data(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    data = {
        "format": "canopy-export/1",
        "exported_at": timezone.now(),
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "theme": user.theme,
            "email_addresses": [
                {"email": row.email, "verified": row.verified, "primary": row.primary}
                for row in EmailAddress.objects.filter(user=user).order_by("id")
            ],
            "mfa_methods": list(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        },
        "profile": None
        if profile is None
        else {
            "bio": profile.bio,
            "location": profile.location,
            "links": profile.links,
            "avatar": profile.avatar.name or None,
            "details_visibility": profile.details_visibility,
            "show_owned_products": profile.show_owned_products,
            "show_activity": profile.show_activity,
            "show_follows": profile.show_follows,
        },
        "declared_products": list(
            DeclaredProduct.objects.filter(user=user).order_by("id").values("product_id", "created_at")
        ),
        "following": list(
            Follow.objects.filter(follower=user).order_by("id").values_list("followed__username", flat=True)
        ),
        "followers_count": Follow.objects.filter(followed=user).count(),
        "tester_applications": [
            {
                "programme": row.programme.name,
                "status": row.status,
                "motivation": row.motivation,
                "setup": row.setup,
                "reason": row.reason,
                "created_at": row.created_at,
                "admitted_at": row.admitted_at,
            }
            for row in TesterApplication.objects.filter(user=user).select_related("programme").order_by("id")
        ],
        "notifications": list(
            Notification.objects.filter(recipient=user)
            .order_by("id")
            .values("kind", "text", "url", "created_at")
        ),
    }
    for provider in hooks.get(hooks.Hook.PROFILES_EXPORT):
        data.update(provider(user))
    return data


def export_json(user) -> str:
    return json.dumps(export_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _delete_sessions(user_id: int) -> int:
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    deleted = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store(session_key=session.session_key).delete()
            deleted += 1
    return deleted


@transaction.atomic
def delete_account(*, user, remove_content: bool) -> None:
    """Close the account: content goes as the person chose (through the hook), then every piece of
    personal data here is removed and the user row is anonymised (kept so kept posts have an author)."""
    for handler in hooks.get(hooks.Hook.PROFILES_ACCOUNT_DELETED):
        handler(user=user, remove_content=remove_content)

    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.avatar:
        name, storage = profile.avatar.name, profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(name))
    Profile.objects.filter(user=user).delete()
    DeclaredProduct.objects.filter(user=user).delete()
    Follow.objects.filter(follower=user).delete()
    Follow.objects.filter(followed=user).delete()
    TesterApplication.objects.filter(user=user).delete()

    ReputationEntry.objects.filter(user=user).delete()
    ReputationEntry.objects.filter(actor=user).update(actor=None)
    ManualAward.objects.filter(user=user).delete()
    ManualAward.objects.filter(actor=user).update(actor=None)
    BadgeAward.objects.filter(user=user).delete()
    CheckIn.objects.filter(user=user).delete()
    ReputationTotal.objects.filter(user=user).delete()

    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(actor=user).update(actor=None)
    NotificationPreference.objects.filter(user=user).delete()

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    from allauth.socialaccount.models import SocialAccount

    SocialAccount.objects.filter(user=user).delete()
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=user).delete()
    _delete_sessions(user.pk)

    user.username = f"deleted-{user.pk}"
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = DELETED_NAME
    user.first_name = user.last_name = user.theme = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
