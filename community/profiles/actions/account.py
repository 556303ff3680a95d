"""Closing an account: content goes as the person chose (through the ``profiles.account_deleted`` hook),
then every piece of personal data here is removed and the user row is anonymised (kept so kept posts,
and notifications others received about what the person did, have an author: they show the
placeholder name from then on, since names are read at display time)."""

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail.users.models import UserProfile

from community import hooks
from community.notifications.models import Notification, NotificationPreference
from community.profiles.avatars import all_names
from community.profiles.data import DELETED_NAME
from community.profiles.models import DeclaredProduct, Follow, Profile, TesterApplication
from community.reputation.models import BadgeAward, CheckIn, ManualAward, ReputationEntry, ReputationTotal


def _delete_sessions(user_id: int) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    deleted = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store(session_key=session.session_key).delete()
            deleted += 1
    return deleted


@transaction.atomic
def delete_account(*, user, remove_content: bool) -> None:
    """Close ``user``'s account for good (see the module's docstring)."""
    for handler in hooks.get(hooks.Hook.PROFILES_ACCOUNT_DELETED):
        handler(user=user, remove_content=remove_content)

    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.avatar:
        names, storage = all_names(profile.avatar.name), profile.avatar.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
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

    # Notifications others received about what the person did keep pointing at the (anonymised)
    # row: they are rendered with the actor's current name, now the placeholder.
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
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
