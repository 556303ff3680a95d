"""The caller: profile, notifications (list, mark read), reputation and badges."""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from api.auth import MEMBER, WRITE, user_of
from api.common import next_link
from community.notifications import actions as notification_actions
from community.notifications.queries import FILTERS, notification_page
from community.reputation.badges import badges_of
from community.reputation.levels import level_settings, standing_for_points
from community.reputation.queries import current_streak

router = Router(tags=["me"])


class Level(Schema):
    number: int
    title: str
    min_points: int
    next_points: int | None


class Reputation(Schema):
    points: int
    level: Level
    abilities: list[str]
    checkin_streak: int


class BadgeOut(Schema):
    code: str
    name: str
    description: str
    icon: str
    awarded_at: datetime


class Badges(Schema):
    items: list[BadgeOut]


class Me(Schema):
    username: str
    name: str
    email: str
    date_joined: datetime
    bio: str
    location: str
    links: list[str]
    followers: int
    following: int
    reputation: Reputation
    badges: list[BadgeOut]
    profile_url: str


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationList(Schema):
    items: list[NotificationOut]
    has_unread: bool
    next: str | None


class NotificationParams(Schema):
    show: str = Field("all", max_length=20, description="all, mentions, replies, feedback or store")
    cursor: str = Field("", max_length=60, description="The `next` link's cursor.")


class MarkReadIn(Schema):
    ids: list[int] | None = Field(
        None, max_length=500, description="Notifications to mark read; omit for all."
    )


class Marked(Schema):
    marked: int


def _badge(award) -> dict:
    badge = award.badge
    return {
        "code": badge.code,
        "name": badge.name,
        "description": badge.description,
        "icon": badge.icon,
        "awarded_at": award.awarded_at,
    }


def _person(user, *, counts: bool):
    """The caller with their profile and reputation total (and follow counts): one query."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from community.profiles.models import Follow

    people = get_user_model().objects.filter(pk=user.pk).select_related("profile", "reputation")
    if counts:
        for name, field in (("followers_n", "followed"), ("following_n", "follower")):
            rows = Follow.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
            count = Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
            people = people.annotate(**{name: Coalesce(count, 0)})
    return people.first()


def _reputation(person) -> dict:
    """Points, level and abilities as the forum's limits read them (community.reputation.levels)."""
    total = getattr(person, "reputation", None)
    standing = standing_for_points(
        total.points if total else 0, level_settings(), is_team=person.is_superuser or person.is_staff
    )
    level = standing.level
    return {
        "points": standing.points,
        "level": {
            "number": level.number,
            "title": level.title,
            "min_points": level.min_points,
            "next_points": level.next_points,
        },
        "abilities": sorted(standing.abilities),
        "checkin_streak": current_streak(total),
    }


@router.get("me", response=Me, auth=MEMBER, summary="My profile")
def me(request):
    person = _person(user_of(request), counts=True)
    profile = getattr(person, "profile", None)
    return {
        "username": person.username,
        "name": person.public_name,
        "email": person.email,
        "date_joined": person.date_joined,
        "bio": profile.bio if profile else "",
        "location": profile.location if profile else "",
        "links": [str(link) for link in ((profile.links if profile else None) or [])],
        "followers": person.followers_n,
        "following": person.following_n,
        "reputation": _reputation(person),
        "badges": [_badge(award) for award in badges_of([person.pk]).get(person.pk, [])],
        "profile_url": request.build_absolute_uri(
            reverse("profiles:profile", kwargs={"username": person.username})
        ),
    }


@router.get("me/reputation", response=Reputation, auth=MEMBER, summary="My reputation")
def reputation(request):
    return _reputation(_person(user_of(request), counts=False))


@router.get("me/badges", response=Badges, auth=MEMBER, summary="My badges")
def badges(request):
    user = user_of(request)
    return {"items": [_badge(award) for award in badges_of([user.pk]).get(user.pk, [])]}


@router.get("me/notifications", response=NotificationList, auth=MEMBER, summary="My notifications")
def notifications(request, params: Query[NotificationParams]):
    """The notification centre: newest first, its filters, a keyset cursor in `next`."""
    user = user_of(request)
    show = params.show if params.show in FILTERS else "all"
    page = notification_page(user, show=show, before=params.cursor)
    return {
        "items": [
            {
                "id": row.pk,
                "kind": row.kind,
                "text": row.message,
                "url": request.build_absolute_uri(row.url)
                if row.url.startswith("/") and not row.url.startswith("//")
                else "",
                "created_at": row.created_at,
                "read_at": row.read_at,
            }
            for _, entries in page.days
            for entry in entries
            for row in getattr(entry, "rows", [entry])  # the centre may group a day's rows
        ],
        "has_unread": page.has_unread,
        "next": next_link(request, cursor=page.older) if page.older else None,
    }


@router.post("me/notifications/read", response=Marked, auth=WRITE, summary="Mark notifications read")
def mark_read(request, payload: MarkReadIn):
    user = user_of(request)
    ids = None if payload.ids is None else [pk for pk in payload.ids if 0 < pk < 2**63]
    return {"marked": notification_actions.mark_read(user=user, notification_ids=ids)}
