from django.conf import settings
from django.db import models
from django.urls import reverse


class Board(models.Model):
    """A board in the tree: sections (no threads of their own), boards and sub-boards."""

    class Kind(models.TextChoices):
        SECTION = "SECTION", "Section"
        DISCUSSION = "DISCUSSION", "Discussion"
        FEEDBACK = "FEEDBACK", "Feedback"
        ANNOUNCEMENTS = "ANNOUNCEMENTS", "Announcements"

    class Access(models.TextChoices):
        EVERYONE = "EVERYONE", "Everyone"
        MEMBERS = "MEMBERS", "Signed-in members"
        GROUP = "GROUP", "Members of the access group"
        MODERATORS = "MODERATORS", "Moderators only"

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.DISCUSSION)
    position = models.PositiveIntegerField(default=0, help_text="Order among siblings (ascending).")
    product = models.ForeignKey(
        "store.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="boards"
    )
    read_access = models.CharField(max_length=12, choices=Access.choices, default=Access.EVERYONE)
    start_access = models.CharField(max_length=12, choices=Access.choices, default=Access.MEMBERS)
    reply_access = models.CharField(max_length=12, choices=Access.choices, default=Access.MEMBERS)
    access_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The group that GROUP access means (e.g. beta testers).",
    )
    moderators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="moderated_boards")

    thread_count = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    last_thread = models.ForeignKey(
        "forum.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_post_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        permissions = [("moderate_forum", "Can moderate every board")]
        indexes = [models.Index(fields=["parent", "position"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:board", kwargs={"slug": self.slug})

    @property
    def is_section(self) -> bool:
        return self.kind == self.Kind.SECTION
