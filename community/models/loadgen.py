from django.db import models


class LoadDataRun(models.Model):
    """The marker ``manage.py generate_load_data`` leaves: what it generated, with which seed, how fast.
    A second run with ``--reuse`` finds it and does nothing."""

    posts = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    rows = models.JSONField(default=dict, help_text="Rows written per stage.")
    seconds = models.FloatField()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "load data run"

    def __str__(self) -> str:
        return f"{self.posts} posts (seed {self.seed})"
