"""Production: refuses to start on a development default, and names the variable to set."""

from django.core.exceptions import ImproperlyConfigured

from community.settings import stack
from community.settings.base import *  # noqa: F403
from community.settings.env import env_bool, env_int, env_str

CANOPY_ENV = "production"

if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production: unset DEBUG or set DEBUG=0")
DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production (50+ random characters)")
if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY is too weak for production: use 50+ random characters")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production, e.g. ALLOWED_HOSTS=forum.example.com"
    )

if MAILERS["default"]["BACKEND"].endswith("console.EmailBackend") and not env_str("EMAIL_URL", ""):  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_URL (or EMAIL_HOST) must be set in production, e.g. EMAIL_URL=smtp://user:pass@mail.example.com:587?tls=1"
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
# Media stays where base.py put it (MEDIA_ROOT, or the S3-style bucket); static files are served by
# WhiteNoise from STATIC_ROOT (`manage.py collectstatic`), compressed, with hashed names.
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Tasks run in a worker by default (`manage.py db_worker`); TASKS_BACKEND=redis for Redis + rq, or
# TASKS_BACKEND=immediate to run them inside the web request (one machine, no worker).
TASKS_BACKEND = (env_str("TASKS_BACKEND", "") or "database").strip().lower()
TASKS = stack.tasks_settings(TASKS_BACKEND, redis_url=REDIS_URL)  # noqa: F405
if TASKS_BACKEND == "redis" and "django_tasks_rq" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]  # noqa: F405
    RQ_QUEUES = stack.rq_queues_settings(REDIS_URL)  # noqa: F405
