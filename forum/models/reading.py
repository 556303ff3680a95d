from django.conf import settings
from django.db import models


class ReadMark(models.Model):
    """Per-person watermark: every post numbered up to ``last_read_number`` has been seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("forum.Thread", on_delete=models.CASCADE, related_name="read_marks")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_readmark_unique")]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class ThreadWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("forum.Thread", on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_threadwatch_unique")]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class BoardWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey("forum.Board", on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "board"], name="forum_boardwatch_unique")]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="forum_bookmark_unique")]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
