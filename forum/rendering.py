"""Posts rendered again when what they may name changes.

A post's HTML is made once, at write time (forum.markdown), with links to the products, SKUs and
releases the entity linker knows then. When a product or release is indexed anew (created, renamed,
given an alias or SKU, a release published), search calls ``Hook.SEARCH_ENTITIES_CHANGED`` and the
posts whose text contains one of its names or its version are rendered again in a task, so they link
to it. The post's cached core follows (its key holds a digest of the HTML: forum/fragments.py).
"""

from django.db import transaction
from django.db.models import Q

from forum.actions.rendering import rerender_posts
from forum.models import Post


def posts_naming(names: list[str]):
    """Posts whose text contains any of ``names`` (case-insensitive), whatever their state."""
    condition = Q()
    for name in names:
        condition |= Q(body__icontains=name)
    return Post.objects.filter(condition) if names else Post.objects.none()


def rerender_posts_naming(*, kind: str, ids: list[int]) -> int:
    from search.linking import get_linker

    names = get_linker().entity_names(kind, ids)
    return rerender_posts(posts=posts_naming(names))


def entities_changed(*, kind: str, ids: list[int], **kwargs) -> None:
    """Hook.SEARCH_ENTITIES_CHANGED: render the posts that may name these entities, in a task."""
    from forum.tasks import rerender_posts_naming as task

    transaction.on_commit(lambda: task.enqueue(kind=kind, ids=list(ids)))
