import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.models import DraftStateMixin, RevisionMixin

VERSION_RE = re.compile(r"^[A-Za-z]?\d+(\.\d+){1,4}([-+][0-9A-Za-z.\-]+)?$")
ITEM_REF_RE = re.compile(r"(?<![\w#&/])#(\d{1,10})\b")
SECTION_RE = re.compile(r"^#{2,3}\s*(new|improved|fixed)\b", re.IGNORECASE | re.MULTILINE)


class Release(DraftStateMixin, RevisionMixin, models.Model):
    """A build of a product. Its markdown changelog has ``## New``, ``## Improved`` and ``## Fixed``
    sections; an entry references a feedback item as ``#<thread id>``."""

    class Channel(models.TextChoices):
        STABLE = "STABLE", "Stable"
        BETA = "BETA", "Beta"
        WEEKLY = "WEEKLY", "Weekly"

    product = models.ForeignKey("store.Product", on_delete=models.PROTECT, related_name="releases")
    version = models.CharField(max_length=40, help_text="Semantic (1.4.2) or build style (V14.0.3.0).")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.STABLE)
    released_on = models.DateField()
    changelog = models.TextField(
        blank=True, help_text="Markdown with ## New, ## Improved, ## Fixed sections; reference items as #123."
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="First time referenced items were moved to fixed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "version"], name="feedback_release_version_unique")
        ]
        indexes = [models.Index(fields=["product", "-released_on"])]

    def __str__(self) -> str:
        return f"{self.product} {self.version}" if self.product_id else self.version

    def get_absolute_url(self) -> str:
        return reverse(
            "forum:feedback:release", kwargs={"product": self.product.slug, "version": self.version}
        )

    def clean(self):
        super().clean()
        if self.version and not VERSION_RE.match(self.version.strip()):
            raise ValidationError({"version": "Use a version such as 1.4.2 or V14.0.3.0."})

    def referenced_sections(self) -> dict[str, list[int]]:
        """{section: [thread ids]} in changelog order; entries before any heading count as "fixed"."""
        sections: dict[str, list[int]] = {"new": [], "improved": [], "fixed": []}
        current = "fixed"
        for line in self.changelog.splitlines():
            heading = SECTION_RE.match(line)
            if heading:
                current = heading.group(1).lower()
                continue
            for ref in ITEM_REF_RE.findall(line):
                if int(ref) not in sections[current]:
                    sections[current].append(int(ref))
        return sections

    def referenced_thread_ids(self) -> list[int]:
        seen: list[int] = []
        for ids in self.referenced_sections().values():
            seen += [pk for pk in ids if pk not in seen]
        return seen


class ReleaseNotification(models.Model):
    """One row per person told about a release: publishing twice or editing tells no one again."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="notifications_sent")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "user"], name="feedback_releasenotification_unique")
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class BuildRating(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "user"], name="feedback_buildrating_unique"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="feedback_buildrating_stars_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class ReleaseSubscription(models.Model):
    """An owner who wants to hear about every release of a product."""

    product = models.ForeignKey("store.Product", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "user"], name="feedback_releasesubscription_unique")
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
