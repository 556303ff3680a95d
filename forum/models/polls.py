from django.conf import settings
from django.db import models
from django.utils import timezone


class Poll(models.Model):
    thread = models.OneToOneField("forum.Thread", on_delete=models.CASCADE, related_name="poll")
    question = models.CharField(max_length=200)
    allows_multiple = models.BooleanField(default=False)
    closes_at = models.DateTimeField(null=True, blank=True)
    voter_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.question

    @property
    def is_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()


class PollChoice(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    vote_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.text


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(PollChoice, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["choice", "user"], name="forum_pollvote_unique")]
        indexes = [models.Index(fields=["poll", "user"])]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
