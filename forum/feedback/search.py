"""What feedback makes searchable (search autodiscovers this module; it imports nothing from here).

- "feedback": bug reports and suggestions, with status (the status key), product and release
  (affected and fixed-in) filters; merged duplicates and hidden threads are not searchable.
- "release": live releases of a product. The channel (stable, beta, weekly...) is words in the
  document, not its status: the status facet and filter are feedback statuses only.
- Release versions are entities for the linker: "V14.0.3.0" in a thread about the product links to it.
"""

from community.profiles.people import snapshot_of
from community.profiles.snapshots import PersonSnapshot
from forum.feedback.models import FeedbackItem, Release, Status
from forum.search import author_fields, author_owns, board_access, refresh_board_access, with_author_team
from search import registry


def _author(user, item: FeedbackItem) -> PersonSnapshot | None:
    """The reporter as ``author_fields`` reads them: profile and points came with the batch's
    query (select_related), the team flag as ``author_in_team``."""
    return snapshot_of(user, on_team=getattr(item, "author_in_team", None))


def feedback_document(item: FeedbackItem) -> registry.Document | None:
    thread = item.thread
    if item.duplicate_of_id or not thread.is_public or thread.merged_into_id:
        return None
    access, group_ids = board_access(thread.board_id)
    first = thread.first_post
    body = "\n".join(
        part
        for part in (first.body if first else "", item.steps, item.expected, item.actual, item.build_string)
        if part
    )
    return registry.Document(
        title=thread.title,
        body=body,
        url=item.get_absolute_url(),
        created_at=item.created_at,
        author_id=thread.author_id,
        **author_fields(_author(thread.author, item)),
        board_id=thread.board_id,
        status=item.status.key,
        votes=thread.score,
        product_ids=(item.product_id,),
        release_ids=tuple(pk for pk in (item.affected_release_id, item.fixed_in_id) if pk),
        thread_id=thread.pk,
        access=access,
        group_ids=group_ids,
        is_owner=bool(getattr(item, "reporter_is_owner", False)),
    )


def release_document(release: Release) -> registry.Document | None:
    if not release.live:
        return None
    channel = f"{release.get_channel_display()} release"
    return registry.Document(
        title=f"{release.product.name} {release.version}",
        body=f"{channel}\n{release.changelog}" if release.changelog else channel,
        url=release.get_absolute_url(),
        created_at=release.published_at or release.created_at,
        product_ids=(release.product_id,),
        release_ids=(release.pk,),
    )


def release_entities():
    for release in Release.objects.filter(live=True).select_related("product").order_by("pk"):
        yield registry.Entity(
            kind="release",
            id=release.pk,
            names=(f"{release.product.name} {release.version}",),
            product_id=release.product_id,
            version=release.version,
            title=f"{release.product.name} {release.version}",
            url=release.get_absolute_url(),
        )


def release_labels(ids: list[int]) -> dict[int, str]:
    return {
        pk: f"{name} {version}"
        for pk, name, version in Release.objects.filter(pk__in=ids).values_list(
            "pk", "product__name", "version"
        )
    }


def _feedback_items():
    refresh_board_access()
    queryset = FeedbackItem.objects.select_related(
        "thread__author__profile", "thread__author__reputation", "thread__first_post", "status"
    ).annotate(reporter_is_owner=author_owns("product_id", "thread__author_id"))
    return with_author_team(queryset, "thread__author")


registry.register(
    "feedback",
    model=FeedbackItem,
    build=feedback_document,
    queryset=_feedback_items,
    label="Feedback",
    suggest=True,
    link_entities=True,
)
registry.register(
    "release",
    model=Release,
    build=release_document,
    queryset=lambda: Release.objects.select_related("product"),
    label="Releases",
    suggest=True,
)
registry.register_entities("release", release_entities)
registry.register_labels("release", release_labels, models=(Release,))
registry.register_labels(
    "status", lambda keys: dict(Status.objects.filter(key__in=keys).values_list("key", "name"))
)
