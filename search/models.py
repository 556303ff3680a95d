"""The database index: one row per searchable document, its filter tags, and entity links.

The full-text part lives beside ``IndexEntry``: an FTS5 virtual table ``search_fts`` on SQLite,
a ``search_vector`` tsvector column with a GIN index on PostgreSQL (both made in migration 0002).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class IndexEntry(models.Model):
    type = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    author_id = models.BigIntegerField(null=True, blank=True)
    author_name = models.CharField(max_length=150, blank=True)
    # What the person component shows beside the name (search.registry.Document)
    author_username = models.CharField(max_length=150, blank=True)
    author_avatar = models.CharField(max_length=200, blank=True)
    author_points = models.IntegerField(null=True, blank=True)
    author_is_team = models.BooleanField(default=False)
    board_id = models.BigIntegerField(null=True, blank=True)
    thread_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=30, blank=True)
    votes = models.IntegerField(default=0)
    access = models.CharField(max_length=10, default="public")
    is_owner = models.BooleanField(default=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["type", "object_id"], name="search_entry_unique")]
        indexes = [
            models.Index(fields=["type", "created_at"], name="search_entry_type_created"),
            models.Index(fields=["created_at"], name="search_entry_created"),
            models.Index(fields=["votes"], name="search_entry_votes"),
        ]

    def __str__(self) -> str:
        return f"{self.type}:{self.object_id}"


class IndexTag(models.Model):
    """A filterable value of an entry: product, release, group (visibility), version mention."""

    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=20)
    value = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value", "entry"], name="search_tag_unique"),
        ]
        indexes = [models.Index(fields=["entry", "kind"], name="search_tag_entry_kind")]

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class EntityLink(models.Model):
    """Text of a thread or post mentions a product or release (found by the entity linker)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    search_type = models.CharField(max_length=30)
    entity_kind = models.CharField(max_length=20)  # "product", "release"
    entity_id = models.BigIntegerField()
    product_id = models.BigIntegerField(null=True, blank=True)
    matched_text = models.CharField(max_length=120)
    mentions = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "entity_kind", "entity_id"], name="search_link_unique"
            )
        ]
        indexes = [
            models.Index(fields=["entity_kind", "entity_id"], name="search_link_entity"),
            models.Index(fields=["content_type", "object_id"], name="search_link_source"),
        ]

    def __str__(self) -> str:
        return f"{self.search_type}:{self.object_id} -> {self.entity_kind}:{self.entity_id}"
