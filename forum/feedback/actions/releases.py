"""Publishing a release (referenced items become "fixed in <version>", people are told once),
rating a build and opting in to release news."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from community.events import Event, announce
from forum.feedback.actions.common import FEEDBACK_KIND, interested_user_ids
from forum.feedback.actions.filing import match_build_strings
from forum.feedback.actions.status import apply_status
from forum.feedback.models import (
    BuildRating,
    FeedbackItem,
    Release,
    ReleaseNotification,
    ReleaseSubscription,
    Status,
)
from forum.feedback.permissions import check_team
from forum.keys import thread_key
from forum.permissions import check_not_suspended, readers_among
from search.indexing import index_later
from store.ownership import owner_user_ids


def _invalidate_linker() -> None:
    from search import linking

    transaction.on_commit(linking.invalidate)


@transaction.atomic
def publish_release(*, actor, release: Release) -> list[int]:
    """Make the release live, move the items its changelog references to fixed, and tell their
    reporters, voters and followers, and the verified owners who opted in. Safe to call again after
    an edit: only items not yet fixed in it move, only people not yet told are told.
    ``actor`` None is the Wagtail admin's publish (already authorised there). Returns who was told."""
    if actor is not None:
        check_team(actor)
    release = Release.objects.select_for_update().select_related("product").get(pk=release.pk)
    now = timezone.now()
    if not release.live or release.published_at is None:
        release.live = True
        release.has_unpublished_changes = False
        release.first_published_at = release.first_published_at or now
        release.last_published_at = now
        release.published_at = release.published_at or now
        release.save(
            update_fields=[
                "live",
                "has_unpublished_changes",
                "first_published_at",
                "last_published_at",
                "published_at",
            ]
        )
        announce(Event.RELEASE_PUBLISHED, release_id=release.pk)
    fixed = Status.objects.get(key=Status.FIXED)
    thread_ids = release.referenced_thread_ids()
    items = list(
        FeedbackItem.objects.select_for_update(of=("self",))
        .select_related("thread__board", "status")
        .filter(product_id=release.product_id, thread_id__in=thread_ids, duplicate_of__isnull=True)
        .order_by("pk")
    )
    for item in items:
        if item.status_id != fixed.pk or item.fixed_in_id != release.pk:
            apply_status(
                item=item,
                status=fixed,
                actor=actor,
                comment=f"Fixed in {release.version}.",
                release=release,
                now=now,
            )
    match_build_strings(release=release)

    already = set(ReleaseNotification.objects.filter(release=release).values_list("user_id", flat=True))
    told: set[int] = set()
    title = f"{release.product.name} {release.version}"
    url = release.get_absolute_url()
    from community.notifications.actions import notify

    for item in items:
        wanted = interested_user_ids(item.thread) - already - told
        if actor is not None:
            wanted.discard(actor.pk)
        readers = readers_among(item.thread.board_id, wanted)
        if readers:
            notify(
                recipient_ids=readers,
                kind=FEEDBACK_KIND,
                text=f"“{item.thread.title}” is fixed in {title}",
                url=item.get_absolute_url(),
                actor=actor,
                target_key=thread_key(item.thread_id),
            )
            told |= readers
    subscribers = set(
        ReleaseSubscription.objects.filter(product_id=release.product_id).values_list("user_id", flat=True)
    )
    owners = owner_user_ids(product_id=release.product_id, user_ids=subscribers - already - told)
    if actor is not None:
        owners.discard(actor.pk)
    if owners:
        notify(recipient_ids=owners, kind=FEEDBACK_KIND, text=f"{title} is out", url=url, actor=actor)
        told |= owners
    ReleaseNotification.objects.bulk_create(
        [ReleaseNotification(release=release, user_id=user_id, created_at=now) for user_id in sorted(told)],
        ignore_conflicts=True,
    )
    index_later(release)
    _invalidate_linker()
    return sorted(told)


@transaction.atomic
def rate_build(*, actor, release: Release, stars) -> BuildRating:
    """One 1-5 rating per person per release; rating again replaces it."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to rate a build.")
    check_not_suspended(actor)
    if not release.live:
        raise ValidationError("This release is not out yet.")
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise ValidationError("Rate the build from 1 to 5 stars.")
    now = timezone.now()
    rating, _ = BuildRating.objects.update_or_create(
        release=release,
        user=actor,
        defaults={"stars": stars, "updated_at": now},
        create_defaults={"stars": stars, "created_at": now, "updated_at": now},
    )
    return rating


@transaction.atomic
def set_release_subscription(*, actor, product, subscribed: bool) -> bool:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in first.")
    if subscribed:
        ReleaseSubscription.objects.get_or_create(
            product=product, user=actor, defaults={"created_at": timezone.now()}
        )
    else:
        ReleaseSubscription.objects.filter(product=product, user=actor).delete()
    return subscribed
