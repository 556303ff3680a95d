from django.conf import settings
from django.db import models
from django.urls import reverse


class EnvironmentSchema(models.Model):
    """The environment fields the team asks for on one product's reports (device model, region, ...).

    ``fields`` is a list of ``{"name": "region", "label": "Region", "type": "text"|"choice",
    "choices": [...], "required": bool}``."""

    product = models.OneToOneField("store.Product", on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Environment fields of {self.product}"

    def definitions(self) -> list[dict]:
        out = []
        for raw in self.fields if isinstance(self.fields, list) else []:
            if not isinstance(raw, dict) or not str(raw.get("name", "")).isidentifier():
                continue
            choices = [str(c) for c in raw.get("choices") or [] if str(c).strip()]
            out.append(
                {
                    "name": raw["name"],
                    "label": str(raw.get("label") or raw["name"]).strip()[:60],
                    "type": "choice" if raw.get("type") == "choice" and choices else "text",
                    "choices": choices,
                    "required": bool(raw.get("required")),
                }
            )
        return out


class FeedbackItem(models.Model):
    """The structure of a bug report or suggestion; the discussion is the forum thread."""

    class Kind(models.TextChoices):
        BUG = "BUG", "Bug"
        SUGGESTION = "SUGGESTION", "Suggestion"

    class Frequency(models.TextChoices):
        ALWAYS = "ALWAYS", "Every time"
        OFTEN = "OFTEN", "Often"
        SOMETIMES = "SOMETIMES", "Sometimes"
        ONCE = "ONCE", "Once"
        NA = "", "Not applicable"

    thread = models.OneToOneField("forum.Thread", on_delete=models.CASCADE, related_name="feedback")
    product = models.ForeignKey("store.Product", on_delete=models.PROTECT, related_name="feedback_items")
    variant = models.ForeignKey(
        "store.Variant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.ForeignKey("feedback.Status", on_delete=models.PROTECT, related_name="items")
    affected_release = models.ForeignKey(
        "feedback.Release", null=True, blank=True, on_delete=models.SET_NULL, related_name="reported_items"
    )
    build_string = models.CharField(
        max_length=60, blank=True, help_text="What the reporter typed, if no release matched."
    )
    description = models.TextField(
        blank=True, db_default="", help_text="What the reporter wrote about it, as written (Markdown)."
    )
    environment = models.JSONField(default=dict, blank=True)
    steps = models.TextField(blank=True)
    expected = models.TextField(blank=True)
    actual = models.TextField(blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    fixed_in = models.ForeignKey(
        "feedback.Release", null=True, blank=True, on_delete=models.SET_NULL, related_name="fixed_items"
    )
    created_at = models.DateTimeField()
    status_changed_at = models.DateTimeField()
    fixed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["product", "status"]),
            models.Index(fields=["affected_release", "created_at"]),
            models.Index(fields=["-created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("forum:feedback:item", kwargs={"pk": self.thread_id})

    @property
    def status_label(self) -> str:
        if self.fixed_in_id and self.status.key == "fixed":
            return f"Fixed in {self.fixed_in.version}"
        return self.status.name


class StatusChange(models.Model):
    """A public entry of the item's timeline."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.ForeignKey(
        "feedback.Status", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_status = models.ForeignKey("feedback.Status", on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    release = models.ForeignKey(
        "feedback.Release", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["item", "created_at"])]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class InternalNote(models.Model):
    """Seen by the product team only."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


def attachment_path(instance, filename: str) -> str:
    if instance.item_id is None:  # uploaded ahead of its report (the API), stays where it was put
        return f"feedback/uploads/{instance.uploaded_by_id}/{filename}"
    return f"feedback/{instance.item.thread_id}/{filename}"


class Attachment(models.Model):
    """A file on a report. ``item`` is empty while it waits for its report: uploaded on its own (the
    API's upload, as the composer uploads an image first) and named by the filing within a day
    (forum.feedback.actions.attachments)."""

    item = models.ForeignKey(
        FeedbackItem, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["uploaded_by", "created_at"],
                condition=models.Q(item__isnull=True),
                name="feedback_attachment_staged",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
