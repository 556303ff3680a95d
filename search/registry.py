"""What is searchable: apps describe their documents here; search imports none of their models.

An app registers from its ``<app>/search.py`` module, which ``SearchConfig.ready()`` imports for every
installed app (the way the Django admin autodiscovers ``admin.py``)::

    from search import registry

    def thread_document(thread) -> registry.Document | None:
        if thread.is_hidden or thread.deleted_at:
            return None              # not searchable: removed from the index
        return registry.Document(title=thread.title, body=..., url=thread.get_absolute_url(), ...)

    registry.register(
        "thread", model=Thread, build=thread_document,
        queryset=lambda: Thread.objects.select_related("board", "author"),
        label="Threads", suggest=True, link_entities=True,
        dependents=lambda thread: thread.posts.all(),   # posts embed the thread's title and access
    )

The builder gets one instance (from ``queryset()``) and returns a :class:`Document` or ``None`` when
the row must not be searchable (hidden, deleted, draft). Visibility is baked into the document
(``access`` and ``group_ids``) and applied inside every query.

Entity sources feed the linker (products, releases): ``register_entities("product", loader)`` where
``loader()`` returns :class:`Entity` rows. Releases plug in later the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import models

from community.cache import TIMEOUT, bump, versioned_key

# Who may see a document. Members = any signed-in person; GROUPS = members of one of group_ids;
# STAFF = staff only. Superusers see everything.
ACCESS_PUBLIC = "public"
ACCESS_MEMBERS = "members"
ACCESS_GROUPS = "groups"
ACCESS_STAFF = "staff"
ACCESS_CHOICES = (ACCESS_PUBLIC, ACCESS_MEMBERS, ACCESS_GROUPS, ACCESS_STAFF)


@dataclass(frozen=True)
class Document:
    """One searchable item, as the builder of a registered type describes it."""

    title: str
    body: str = ""
    url: str = ""
    created_at: datetime | None = None
    author_id: int | None = None
    author_name: str = ""
    # What the person component shows beside the name (community.profiles.snapshots): stored so
    # that a results page draws its hits' authors without reading the people.
    author_username: str = ""
    author_avatar: str = ""  # the stored name of their uploaded avatar ("" = the generated one)
    author_points: int | None = None  # their level follows from it (the cached level table)
    author_is_team: bool = False
    board_id: int | None = None
    status: str = ""
    votes: int = 0
    product_ids: tuple[int, ...] = ()
    release_ids: tuple[int, ...] = ()
    thread_id: int | None = None
    access: str = ACCESS_PUBLIC
    group_ids: tuple[int, ...] = ()
    is_owner: bool = False  # the author owns a product this is about ("owners only" filter)
    # False: the title is shown but not searched as this document's title (a reply shows its
    # thread's title; the thread itself is the hit for words in that title).
    index_title: bool = True

    def __post_init__(self):
        if self.access not in ACCESS_CHOICES:
            raise ValueError(f"access must be one of {ACCESS_CHOICES}, got {self.access!r}")
        if self.access == ACCESS_GROUPS and not self.group_ids:
            raise ValueError("access=groups needs group_ids")


@dataclass(frozen=True)
class SearchType:
    name: str
    model: type[models.Model]
    build: Callable[[models.Model], Document | None]
    queryset: Callable[[], models.QuerySet]
    label: str
    suggest: bool = False
    link_entities: bool = False
    # Rows whose documents embed this one (a thread's posts carry its title and visibility):
    # re-indexed whenever this row is.
    dependents: Callable[[models.Model], models.QuerySet] | None = None

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower


@dataclass(frozen=True)
class Entity:
    """Something discussions can mention: a product (names, aliases, SKUs) or a release (a version)."""

    kind: str  # "product", "release", ...
    id: int
    names: tuple[str, ...] = ()
    product_id: int | None = None  # a release's product; a product's own id
    version: str = ""  # releases: the version string, e.g. "V14.0.3.0"
    version_pattern: str = ""  # products: regex matching its versions ("" = semantic versions)
    title: str = ""
    url: str = ""


@dataclass
class _Registry:
    types: dict[str, SearchType] = field(default_factory=dict)
    by_model: dict[str, SearchType] = field(default_factory=dict)
    entity_sources: dict[str, Callable[[], Iterable[Entity]]] = field(default_factory=dict)


_registry = _Registry()


def register(
    name: str,
    *,
    model: type[models.Model],
    build: Callable[[models.Model], Document | None],
    queryset: Callable[[], models.QuerySet] | None = None,
    label: str = "",
    suggest: bool = False,
    link_entities: bool = False,
    dependents: Callable[[models.Model], models.QuerySet] | None = None,
) -> SearchType:
    """Declare a searchable type. Registering the same name again replaces it (autoreload, tests)."""
    if not name.isidentifier() or len(name) > 30:
        raise ValueError(f"search type names are short identifiers, got {name!r}")
    search_type = SearchType(
        name=name,
        model=model,
        build=build,
        queryset=queryset or (lambda: model._default_manager.all()),
        label=label or str(model._meta.verbose_name_plural).capitalize(),
        suggest=suggest,
        link_entities=link_entities,
        dependents=dependents,
    )
    old = _registry.types.get(name)
    if old is not None:
        _registry.by_model.pop(old.model_label, None)
    _registry.types[name] = search_type
    _registry.by_model[search_type.model_label] = search_type
    return search_type


def unregister(name: str) -> None:
    old = _registry.types.pop(name, None)
    if old is not None:
        _registry.by_model.pop(old.model_label, None)


def get_type(name: str) -> SearchType | None:
    return _registry.types.get(name)


def for_model(model_or_label: type[models.Model] | models.Model | str) -> SearchType | None:
    if isinstance(model_or_label, str):
        return _registry.by_model.get(model_or_label.lower())
    return _registry.by_model.get(model_or_label._meta.label_lower)


def all_types() -> list[SearchType]:
    return list(_registry.types.values())


def register_entities(kind: str, loader: Callable[[], Iterable[Entity]]) -> None:
    """Feed the entity linker. ``loader()`` is called when the linker's cache is rebuilt."""
    _registry.entity_sources[kind] = loader


def entity_sources() -> dict[str, Callable[[], Iterable[Entity]]]:
    return dict(_registry.entity_sources)


# Facet labels: a facet value is an id (board 3, product 7); the app that owns it names it.
_labelers: dict[str, Callable[[list], dict]] = {}


def register_labels(kind: str, labeler: Callable[[list], dict], *, models: tuple = ()) -> None:
    """``labeler(values) -> {value: label}`` for facet values of ``kind`` ("board", "product",
    "release": ids; "status": keys). ``models`` are those whose rows the labels come from: saving
    or deleting one moves the cached labels of ``kind`` on (``cached_labels``)."""
    from django.db.models.signals import post_delete, post_save

    _labelers[kind] = labeler
    for model in models:

        def forget(sender, kind=kind, **kwargs):
            bump(f"search.labels.{kind}")

        post_save.connect(
            forget, sender=model, weak=False, dispatch_uid=f"search.labels.{kind}.{model.__name__}.save"
        )
        post_delete.connect(
            forget, sender=model, weak=False, dispatch_uid=f"search.labels.{kind}.{model.__name__}.del"
        )


def labels_for(kind: str, ids: list) -> dict:
    labeler = _labelers.get(kind)
    if labeler is None or not ids:
        return {}
    return labeler(ids)


def cached_labels(kind: str, ids: list) -> dict:
    """``labels_for`` from the cache, under a version that saving or deleting one of the kind's
    ``models`` moves on: a rename shows on the next page."""
    if not ids:
        return {}
    key = versioned_key(f"search.labels.{kind}", ",".join(map(str, sorted(set(ids)))))
    labels = cache.get(key)
    if labels is None:
        labels = labels_for(kind, ids)
        cache.set(key, labels, TIMEOUT)
    return labels
