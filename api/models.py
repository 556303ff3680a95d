"""Personal access tokens for apps and integrations (Wagtail 8's own ``wagtailcore.APIToken`` serves its CMS
API and has no scopes or expiry, so the site's API keeps its own).

A token is shown once, when it is made: ``cnp_<prefix>_<secret>``. Only the prefix (to find the row and
to show on the account page) and the SHA-256 of the secret are stored; the secret has 256 bits of
entropy, so a plain hash is enough (no salt or slow hash is needed for a random key)."""

from django.conf import settings
from django.db import models


class Scope(models.TextChoices):
    READ = "read", "Read what you can read on the site"
    WRITE = "write", "Post, reply, vote, watch, bookmark and file feedback as you"
    FEEDBACK_TRIAGE = "feedback:triage", "Triage feedback (product team only)"


class AccessToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=80, help_text="What the token is for, e.g. “CI release notes”.")
    prefix = models.CharField(max_length=16, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} (cnp_{self.prefix}_…)"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def display(self) -> str:
        return f"cnp_{self.prefix}_…"
