"""Read paths for profile pages and the feed, each a fixed number of queries (hooks add their own,
also fixed).

Hook contracts (registered by higher layers in ``AppConfig.ready()``):
- ``profiles.owned_products``: ``callable(user) -> list[dict(product_id, name, url)]`` verified owners
  (the store fills it from paid orders);
- ``profiles.activity_tabs``: ``callable(*, user, viewer) -> list[ActivityTab]``; only the open tab's
  ``load(limit)`` runs;
- ``profiles.feed_items``: ``callable(*, user_ids, viewer, limit) -> list[FeedItem]`` what the people
  ``user_ids`` posted that ``viewer`` may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from community import hooks
from community.profiles.models import DeclaredProduct, Follow, Profile, TesterApplication, Visibility
from community.profiles.people import attach_people, is_on_team, team_member_condition, with_people
from community.reputation import levels
from community.reputation.badges import badges_of
from community.reputation.models import BadgeAward, ReputationEntry, ReputationRule
from community.reputation.queries import current_streak, product_names


@dataclass(frozen=True)
class ActivityItem:
    title: str
    url: str
    created_at: datetime
    summary: str = ""


@dataclass(frozen=True)
class ActivityTab:
    slug: str
    label: str
    load: Callable[[int], list[ActivityItem]]


@dataclass(frozen=True)
class FeedItem:
    user: object
    verb: str
    title: str
    url: str
    created_at: datetime


@dataclass
class ProfilePage:
    person: object
    profile: Profile
    is_self: bool
    show_details: bool
    standing: levels.Standing
    streak: int
    badges: list = field(default_factory=list)
    verified_products: list = field(default_factory=list)
    declared_products: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    followers_count: int = 0
    following_count: int = 0
    viewer_follows: bool = False
    tabs: list = field(default_factory=list)
    active_tab: str = ""
    items: list = field(default_factory=list)
    person_is_team: bool = False  # the person is on the product team (the Team mark)

    @property
    def tab_links(self) -> list[dict]:
        """The activity tabs as components/tabs.html takes them."""
        return [
            {"label": tab.label, "url": f"?tab={tab.slug}", "active": tab.slug == self.active_tab}
            for tab in self.tabs
        ]


def _count(model, field_name: str):
    rows = model.objects.filter(**{field_name: OuterRef("pk")}).order_by().values(field_name)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def reputation_tab(person) -> ActivityTab:
    def load(limit: int) -> list[ActivityItem]:
        rows = ReputationEntry.objects.filter(user=person).order_by("-created_at", "-id")[:limit]
        names = dict(ReputationRule.objects.values_list("code", "name"))
        return [
            ActivityItem(
                title=f"{row.points:+d} · {names.get(row.rule, row.rule)}"
                + (" (taken back)" if row.reversed_at else ""),
                url="",
                created_at=row.created_at,
                summary=row.reversed_reason or row.note,
            )
            for row in rows
        ]

    return ActivityTab(slug="points", label="Points", load=load)


def profile_page(*, username: str, viewer, tab: str = "", limit: int = 20) -> ProfilePage:
    User = get_user_model()
    person = (
        User.objects.filter(username=username, is_active=True)
        .select_related("profile", "reputation")
        .annotate(
            followers_n=_count(Follow, "followed"),
            following_n=_count(Follow, "follower"),
            in_team_group=team_member_condition(),
        )
        .first()
    )
    if person is None:
        raise Http404("No such person.")
    profile = getattr(person, "profile", None) or Profile(user=person)
    total = getattr(person, "reputation", None)
    is_self = bool(viewer and viewer.is_authenticated and viewer.pk == person.pk)
    is_team = bool(viewer and viewer.is_authenticated and viewer.is_staff)
    privileged = is_self or is_team
    show_details = (
        privileged
        or profile.details_visibility == Visibility.EVERYONE
        or (
            profile.details_visibility == Visibility.MEMBERS
            and viewer is not None
            and viewer.is_authenticated
        )
    )
    standing = levels.standing_for_points(total.points if total else 0, levels.level_settings())
    page = ProfilePage(
        person=person,
        profile=profile,
        is_self=is_self,
        show_details=show_details,
        standing=standing,
        streak=current_streak(total),
        badges=badges_of([person.pk]).get(person.pk, []),
        followers_count=person.followers_n,
        following_count=person.following_n,
        person_is_team=is_on_team(person),
    )
    if privileged or profile.show_owned_products:
        for provider in hooks.get(hooks.Hook.PROFILES_OWNED_PRODUCTS):
            page.verified_products.extend(provider(person))
        verified_ids = {item["product_id"] for item in page.verified_products}
        declared = [
            pk
            for pk in DeclaredProduct.objects.filter(user=person)
            .order_by("created_at")
            .values_list("product_id", flat=True)
            if pk not in verified_ids
        ]
        names = product_names(declared)
        page.declared_products = [{"product_id": pk, "name": names[pk]} for pk in declared]
    page.programmes = list(
        TesterApplication.objects.filter(user=person, status=TesterApplication.Status.ADMITTED)
        .select_related("programme")
        .order_by("admitted_at")
    )
    if viewer is not None and viewer.is_authenticated and not is_self:
        page.viewer_follows = Follow.objects.filter(follower=viewer, followed=person).exists()
    if privileged or profile.show_activity:
        page.tabs = [reputation_tab(person)]
        for provider in hooks.get(hooks.Hook.PROFILES_ACTIVITY_TABS):
            page.tabs.extend(provider(user=person, viewer=viewer))
        chosen = next((t for t in page.tabs if t.slug == tab), page.tabs[0] if page.tabs else None)
        if chosen is not None:
            page.active_tab = chosen.slug
            page.items = chosen.load(limit)
    return page


def feed(*, viewer, limit: int = 30) -> list[FeedItem]:
    """What the people ``viewer`` follows did: badges they earned here, plus what the
    ``profiles.feed_items`` hook adds (threads, replies), newest first."""
    followed_ids = list(
        Follow.objects.filter(follower=viewer, followed__is_active=True).values_list("followed_id", flat=True)
    )
    if not followed_ids:
        return []
    items = [
        FeedItem(
            user=award.user,
            verb="earned the badge",
            title=award.badge.name,
            url=award.badge.get_absolute_url(),
            created_at=award.awarded_at,
        )
        for award in BadgeAward.objects.filter(user_id__in=followed_ids)
        .select_related("user__profile", "badge")
        .order_by("-awarded_at")[:limit]
    ]
    for provider in hooks.get(hooks.Hook.PROFILES_FEED_ITEMS):
        items.extend(provider(user_ids=followed_ids, viewer=viewer, limit=limit))
    items.sort(key=lambda item: item.created_at, reverse=True)
    return items[:limit]


def people_followed(viewer, *, limit: int = 100):
    return list(
        Follow.objects.filter(follower=viewer, followed__is_active=True)
        .select_related("followed")
        .order_by("-created_at")[:limit]
    )


@dataclass
class PersonCard:
    """What the person card shows (components/person_card.html)."""

    person: object
    level: levels.Level
    points: int
    progress: int  # per cent of the way to the next level (100 at the top)
    is_team: bool
    is_self: bool
    badges: list = field(default_factory=list)
    verified_products: list = field(default_factory=list)
    followers_count: int = 0
    viewer_follows: bool = False

    @property
    def progress_step(self) -> int:
        """The progress rounded down to tens: the bar's width is a class (no inline styles)."""
        return self.progress // 10 * 10


CARD_BADGES = 6


def person_card(*, username: str, viewer) -> PersonCard:
    """The card shown when a reader hovers or focuses a person: one query for the person with their
    avatar, points, team flag, follower count and whether the reader follows them, one for their
    badges, and the store's owned-products hook (one query) when the person shows their products.
    The level table comes from the cache (levels.cached_level_table)."""
    User = get_user_model()
    signed_in = viewer is not None and viewer.is_authenticated
    rows = with_people(User.objects.filter(username=username, is_active=True)).annotate(
        followers_n=_count(Follow, "followed")
    )
    if signed_in:
        rows = rows.annotate(
            viewer_follows=Exists(Follow.objects.filter(follower_id=viewer.pk, followed_id=OuterRef("pk")))
        )
    person = rows.first()
    if person is None:
        raise Http404("No such person.")
    attach_people([person])
    total = getattr(person, "reputation", None)
    points = total.points if total else 0
    level = levels.level_for_points(points, levels.cached_level_table())
    if level.next_points is None:
        progress = 100
    else:
        span = max(level.next_points - level.min_points, 1)
        progress = max(0, min(100, (points - level.min_points) * 100 // span))
    is_self = signed_in and viewer.pk == person.pk
    profile = getattr(person, "profile", None) or Profile(user=person)
    card = PersonCard(
        person=person,
        level=level,
        points=points,
        progress=progress,
        is_team=is_on_team(person),
        is_self=is_self,
        badges=badges_of([person.pk]).get(person.pk, [])[:CARD_BADGES],
        followers_count=person.followers_n,
        viewer_follows=bool(getattr(person, "viewer_follows", False)),
    )
    if profile.show_owned_products or is_self or (signed_in and viewer.is_staff):
        for provider in hooks.get(hooks.Hook.PROFILES_OWNED_PRODUCTS):
            card.verified_products.extend(provider(person))
    return card
