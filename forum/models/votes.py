from django.conf import settings
from django.db import models


class Vote(models.Model):
    """One up-vote by one person on one post. A thread's vote is the vote on its opening post."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_votes")
    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="forum_vote_unique")]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
