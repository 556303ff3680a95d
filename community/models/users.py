from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """The person behind an account. Profile and reputation fields arrive with the community issue."""

    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(max_length=60, blank=True)
    theme = models.CharField(
        max_length=40, blank=True, help_text="The theme this person picked; empty follows the site's theme."
    )

    class Meta:
        db_table = "community_user"
        verbose_name = "user"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username
