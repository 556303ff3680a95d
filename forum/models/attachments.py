from django.conf import settings
from django.db import models


class Attachment(models.Model):
    """An image a member uploaded for their posts: the original (checked, re-encoded) and a thumbnail."""

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="forum_attachments"
    )
    image = models.ImageField(upload_to="forum/attachments/%Y/%m/")
    thumbnail = models.ImageField(upload_to="forum/thumbnails/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.original_name
