"""Reputation: a ledger of every point, stored totals rebuilt from it, rules the team edits,
level thresholds in a site setting, badges, and daily check-ins."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class ReputationRule(models.Model):
    """What a kind of contribution is worth. Code names the rule; the team edits points and caps.
    Changing points changes future awards only: the ledger keeps what was given."""

    code = models.SlugField(max_length=40, unique=True, help_text="Used by the code; do not rename.")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    points = models.IntegerField(help_text="Points per award (a moderator award may set its own).")
    daily_cap = models.PositiveIntegerField(
        default=0, help_text="Most points one person can earn from this rule in a day; 0 means no cap."
    )
    is_active = models.BooleanField(default=True, help_text="Inactive rules award nothing.")
    position = models.PositiveIntegerField(default=0, help_text="Order on the public rules page.")

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("points"),
        FieldPanel("daily_cap"),
        FieldPanel("is_active"),
        FieldPanel("position"),
    ]

    class Meta:
        verbose_name = "reputation rule"

    def __str__(self) -> str:
        return self.name


class ReputationEntry(models.Model):
    """One award of points to one person, from one source. Reversal keeps the row and stamps
    ``reversed_at``: the (rule, source, recipient) key stays the one identity of an award, so
    awarding again after a reversal restores the same row instead of adding another."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reputation_entries"
    )
    rule = models.SlugField(max_length=40)
    points = models.IntegerField()
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    subject = models.CharField(
        max_length=80, blank=True, db_index=True, help_text="What it is about, e.g. forum.post:12."
    )
    product_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    awarded_on = models.DateField(help_text="The day it counts against the rule's daily cap.")
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversed_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "reputation entry"
        verbose_name_plural = "reputation ledger"
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "source_type", "source_id", "user"], name="reputation_entry_once_per_source"
            )
        ]
        indexes = [
            models.Index(fields=["user", "rule", "awarded_on"]),
            models.Index(fields=["created_at"]),
            models.Index(fields=["product_id", "created_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.points:+d} {self.rule} to user {self.user_id}"

    @property
    def is_live(self) -> bool:
        return self.reversed_at is None


class ReputationTotal(models.Model):
    """Stored per-person totals, moved with F() by the actions; ``reputation_recount`` rebuilds them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="reputation"
    )
    points = models.IntegerField(default=0)
    checkin_streak = models.PositiveIntegerField(default=0)
    longest_checkin_streak = models.PositiveIntegerField(default=0)
    last_checkin_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "reputation total"
        indexes = [models.Index(fields=["-points"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.points}"


class ManualAward(models.Model):
    """A moderator's award (or deduction): the source row of its ledger entry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    points = models.IntegerField()
    reason = models.CharField(max_length=200)
    product_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.points:+d}: {self.reason}"


class CheckIn(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField()
    streak = models.PositiveIntegerField(help_text="The streak this check-in made.")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reputation_checkin_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.day}"


class Badge(models.Model):
    """A badge. The code decides who earns it (community/reputation/badges.py); the team edits its
    name, icon, description and threshold."""

    code = models.SlugField(max_length=40, unique=True, help_text="Used by the code; do not rename.")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    icon = models.CharField(max_length=8, help_text="An emoji shown as the badge's icon.")
    threshold = models.PositiveIntegerField(
        default=1, help_text="How many (bugs, days of streak...) it takes, where the badge counts."
    )
    position = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("icon"),
        FieldPanel("description"),
        FieldPanel("threshold"),
        FieldPanel("position"),
    ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reputation:badge", args=[self.code])


class BadgeAward(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_awards")
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="awards")
    awarded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "badge"], name="reputation_badge_once")]
        indexes = [models.Index(fields=["badge", "-awarded_at"])]

    def __str__(self) -> str:
        return f"{self.badge_id} to {self.user_id}"


class LevelBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=40)
    min_points = blocks.IntegerBlock(min_value=0)


@register_setting(icon="pick")
class LevelSettings(BaseSiteSetting):
    """Levels (titles from point thresholds) and the level each ability needs."""

    levels = StreamField(
        [("level", LevelBlock())],
        blank=True,
        use_json_field=True,
        help_text="Levels in ascending order of points. Empty uses the built-in ladder.",
    )
    post_links_level = models.PositiveIntegerField(default=2)
    post_images_level = models.PositiveIntegerField(default=2)
    start_polls_level = models.PositiveIntegerField(default=3)
    skip_approval_level = models.PositiveIntegerField(default=4)
    report_weight_level = models.PositiveIntegerField(
        default=5, help_text="From this level a person's reports weigh double."
    )

    panels = [
        FieldPanel("levels"),
        MultiFieldPanel(
            [
                FieldPanel("post_links_level"),
                FieldPanel("post_images_level"),
                FieldPanel("start_polls_level"),
                FieldPanel("skip_approval_level"),
                FieldPanel("report_weight_level"),
            ],
            heading="Level each ability needs (level 1 is the first)",
        ),
    ]

    class Meta:
        verbose_name = "levels and abilities"
