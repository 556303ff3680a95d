"""Profiles, follows, self-declared products and tester programmes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from wagtail.admin.panels import FieldPanel


class Visibility(models.TextChoices):
    EVERYONE = "EVERYONE", "Everyone"
    MEMBERS = "MEMBERS", "Signed-in members"
    ONLY_ME = "ONLY_ME", "Only me"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="profile"
    )
    bio = models.TextField(max_length=1000, blank=True)
    location = models.CharField(max_length=80, blank=True)
    links = models.JSONField(default=list, blank=True, help_text="Up to five http(s) addresses.")
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    details_visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.EVERYONE,
        help_text="Who sees the bio, location and links.",
    )
    show_owned_products = models.BooleanField(default=True)
    show_activity = models.BooleanField(default=True)
    show_follows = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"


class DeclaredProduct(models.Model):
    """A product someone says they own (shown as self-declared, unlike those verified by an order)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declared_products"
    )
    product_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "product_id"], name="profiles_declared_once")]

    def __str__(self) -> str:
        return f"{self.user_id} declares {self.product_id}"


class Follow(models.Model):
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following")
    followed = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="profiles_follow_once"),
            models.CheckConstraint(condition=~Q(follower=F("followed")), name="profiles_no_self_follow"),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"


class TesterProgramme(models.Model):
    """A tester programme of one product (e.g. the weekly beta). Admitted testers join ``group``,
    which the forum's private boards name as their access group."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    product_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        unique=True,
        help_text="The product this programme tests (its id in the store).",
    )
    summary = models.CharField(max_length=300, blank=True)
    rules = models.TextField(help_text="Published rules: what testers do, and what keeps or removes them.")
    minimum_score = models.PositiveIntegerField(
        default=0,
        help_text="Contribution score a tester is expected to keep (shown to the team and testers).",
    )
    is_open = models.BooleanField(default=True, help_text="Accepting applications.")
    group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Testers' group (created on the first admission when empty).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("product_id"),
        FieldPanel("summary"),
        FieldPanel("rules"),
        FieldPanel("minimum_score"),
        FieldPanel("is_open"),
        FieldPanel("group"),
    ]

    class Meta:
        permissions = [("manage_testers", "Can admit, decline and remove testers")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("profiles:programme", args=[self.slug])


class TesterApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "PENDING", "Waiting for the team"
        ADMITTED = "ADMITTED", "Admitted"
        DECLINED = "DECLINED", "Declined"
        REMOVED = "REMOVED", "Removed"

    programme = models.ForeignKey(TesterProgramme, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tester_applications"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    motivation = models.TextField(max_length=2000)
    setup = models.CharField(max_length=200, blank=True, help_text="Device, version, how they use it.")
    reason = models.CharField(max_length=300, blank=True, help_text="Why the team declined or removed.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    admitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="profiles_apply_once")]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.programme_id} ({self.status})"
