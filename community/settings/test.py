"""Settings for the test suite: fast hashing, mail to memory, immediate tasks."""

from community.settings.base import *  # noqa: F403

SECRET_KEY = "canopy-test-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run inside the test, whatever TASKS_BACKEND the environment names (make prod-check sets one).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Rate limits stay on (allauth's and ours) but tests clear the cache between runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "canopy-test"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The webhook tests deliver to a server of their own on 127.0.0.1.
WEBHOOKS_ALLOW_PRIVATE = True
# allauth headless's OpenAPI document (/_allauth/openapi.*): PyYAML comes with the dev dependencies.
HEADLESS_SERVE_SPECIFICATION = True
