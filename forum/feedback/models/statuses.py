from django.db import models


class StatusQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", "id")


class Status(models.Model):
    """A feedback status the team can rename, reorder and extend in the admin (no code change).

    ``key`` is stable: the code refers to a few keys (new, duplicate, fixed, closed); names are free.
    ``category`` places the status in the roadmap's columns and tells open from done.
    """

    class Category(models.TextChoices):
        OPEN = "OPEN", "Open"
        PLANNED = "PLANNED", "Planned"
        IN_PROGRESS = "IN_PROGRESS", "In progress"
        DONE = "DONE", "Done"
        CLOSED = "CLOSED", "Closed"

    NEW = "new"
    NEEDS_INFO = "needs-info"
    DUPLICATE = "duplicate"
    FIXED = "fixed"
    CLOSED = "closed"

    key = models.SlugField(
        max_length=40, unique=True, help_text="Stable identifier; do not change seeded keys."
    )
    name = models.CharField(max_length=60)
    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OPEN)
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=200, blank=True)

    objects = StatusQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "statuses"

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.category in (self.Category.OPEN, self.Category.PLANNED, self.Category.IN_PROGRESS)


OPEN_CATEGORIES = (Status.Category.OPEN, Status.Category.PLANNED, Status.Category.IN_PROGRESS)

SEED_STATUSES = [
    # key, name, category
    ("new", "New", Status.Category.OPEN),
    ("needs-info", "Needs info", Status.Category.OPEN),
    ("acknowledged", "Acknowledged", Status.Category.OPEN),
    ("planned", "Planned", Status.Category.PLANNED),
    ("in-progress", "In progress", Status.Category.IN_PROGRESS),
    ("fixed", "Fixed", Status.Category.DONE),
    ("wont-fix", "Won't fix", Status.Category.CLOSED),
    ("duplicate", "Duplicate", Status.Category.CLOSED),
    ("closed", "Closed", Status.Category.CLOSED),
]
