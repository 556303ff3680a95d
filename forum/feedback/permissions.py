"""Who may triage feedback: the product team (staff, superusers or the team group, community.teams).
The reporter may close their own item. Reading follows the forum's board access."""

from django.core.exceptions import PermissionDenied

from community.teams import team_group_name
from forum.feedback.models import FeedbackItem, Status
from forum.permissions import access_for, check_not_suspended, check_see_thread

_CACHE_ATTR = "_feedback_is_team"


def is_product_team(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = bool(user.is_staff or user.is_superuser or team_group_name() in access_for(user).group_names)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def check_team(user) -> None:
    if not is_product_team(user):
        raise PermissionDenied("Only the product team can do that.")


def can_change_status(user, item: FeedbackItem, to_status: Status) -> bool:
    if is_product_team(user):
        return True
    is_reporter = user is not None and user.is_authenticated and item.thread.author_id == user.pk
    return is_reporter and to_status.key == Status.CLOSED


def check_change_status(user, item: FeedbackItem, to_status: Status) -> None:
    check_see_thread(user, item.thread)
    if not can_change_status(user, item, to_status):
        if user is not None and user.is_authenticated and item.thread.author_id == user.pk:
            raise PermissionDenied("You can close your own report; other changes are up to the product team.")
        raise PermissionDenied("Only the product team changes the status of feedback.")
    check_not_suspended(user)
