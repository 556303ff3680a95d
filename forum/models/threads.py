from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager


class VisibleMixin(models.Model):
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_approved = models.BooleanField(default=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return not self.is_hidden and self.deleted_at is None and self.is_approved


class Thread(VisibleMixin):
    board = models.ForeignKey("forum.Board", on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_threads"
    )
    created_at = models.DateTimeField()
    first_post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_post_at = models.DateTimeField()
    last_post_number = models.PositiveIntegerField(default=1, help_text="Number of the last public post.")
    next_post_number = models.PositiveIntegerField(default=1, help_text="Number the next post gets.")
    reply_count = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0, help_text="Up-votes of the opening post.")
    hot_rank = models.FloatField(default=0.0, help_text="See forum/ranking.py.")
    is_pinned = models.BooleanField(default=False)
    is_pinned_globally = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_image_url = models.CharField(
        max_length=500,
        blank=True,
        default="",
        help_text="The first uploaded image of the opening post (its thumbnail), for listings; "
        "kept by the actions that save the opening post (forum.images).",
    )
    tags = TaggableManager(blank=True, related_name="forum_threads")

    class Meta:
        indexes = [
            models.Index(fields=["board", "-last_post_at", "-id"]),
            models.Index(fields=["board", "-created_at", "-id"]),
            models.Index(fields=["board", "-hot_rank", "-id"]),
            models.Index(fields=["board", "-score", "-id"]),
            # The listing's pinned threads: (board and pinned) or pinned everywhere, as an OR of two
            # index searches instead of a walk through every thread of the readable boards.
            models.Index(fields=["board", "is_pinned"], name="forum_thread_pinned"),
            models.Index(fields=["is_pinned_globally"], name="forum_thread_pinned_globally"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        """The title as a URL word: letters of any script stay ("小米 13 MIUI 14.0.3" gives
        "小米-13-miui-1403", not "13-miui-1403"); only the id finds the thread, the slug is decoration."""
        return slugify(self.title, allow_unicode=True)[:80].strip("-_") or "thread"


class Post(VisibleMixin):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="posts")
    number = models.PositiveIntegerField(help_text="Stable position in the thread, from 1.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    body = models.TextField(help_text="Markdown, as written.")
    body_html = models.TextField(help_text="Rendered and sanitised at write time.")
    renderer_version = models.PositiveSmallIntegerField(default=1)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    score = models.IntegerField(default=0)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number_unique")]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self) -> str:
        return f"#{self.number} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("forum:post", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        """What search shows for a reply: the thread's title."""
        return self.thread.title

    @property
    def board(self):
        return self.thread.board


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    title = models.CharField(max_length=200, blank=True, help_text="The thread title, for opening posts.")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["post", "-created_at"])]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class Draft(models.Model):
    """A half-written post saved on the server: one per person and place (a board or a thread)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts")
    key = models.CharField(max_length=40, help_text="board:<id> for a new thread, thread:<id> for a reply.")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="forum_draft_unique")]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
