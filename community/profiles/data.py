"""Data rights: download my data (here) and delete my account (``community.profiles.actions.account``).

Other apps add to both through hooks (called inside the same transaction):
- ``profiles.export``: ``callable(user) -> dict`` of extra top-level sections (posts, votes, orders);
- ``profiles.account_deleted``: ``callable(*, user, remove_content: bool)``; the forum keeps posts
  under "Deleted user" (the anonymised row) or removes them, as the person chose.
"""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from community import hooks
from community.notifications.models import Notification
from community.profiles.models import DeclaredProduct, Follow, Profile, TesterApplication

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
        "notifications": [
            {"kind": row.kind, "text": row.message, "url": row.url, "created_at": row.created_at}
            for row in Notification.objects.filter(recipient=user).select_related("actor").order_by("id")
        ],
    }
    for provider in hooks.get(hooks.Hook.PROFILES_EXPORT):
        data.update(provider(user))
    return data


def export_json(user) -> str:
    return json.dumps(export_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
