"""Settings shared by every environment. Everything that varies comes from the environment."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from community.settings import stack
from community.settings.env import env_bool, env_int, env_list, env_str, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CANOPY_VAR_DIR", str(BASE_DIR / "var")))

CANOPY_ENV = "development"
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "") or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Canopy, in layer order: community at the bottom, forum at the top.
    "community",
    "community.reputation",
    "community.profiles",
    "search",
    "store",
    "forum",
    "forum.feedback",
    "webhooks",  # outgoing webhooks (Standard Webhooks), above forum: it announces what every app owns
    "api",  # the JSON API at /api/v1/ (django-ninja) and personal access tokens
    "ninja",  # serves its docs page's Swagger assets through staticfiles (no CDN; the CSP allows self)
    "themes",
    "devdata",  # the demo and load-data commands (seed_demo, generate_load_data); no models
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",  # always installed, so the schema is the same whichever TASKS_BACKEND runs
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.headless",  # a phone app's sign-up, log-in and MFA as JSON at /_allauth/app/v1/
    # Django
    "django_htmx",
    "django.contrib.admin",
    "django_countries",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "community.security.SecurityHeadersMiddleware",  # Permissions-Policy; the CMS's relaxed CSP
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "themes.middleware.ThemeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "community.urls"
WSGI_APPLICATION = "community.wsgi.application"
ASGI_APPLICATION = "community.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Themes come first: themes/<active>/templates, then themes/base/templates, then app templates.
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
            ],
            "loaders": [
                (
                    "themes.loaders.CachedThemeLoader",
                    [
                        "themes.loaders.ThemeLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "builtins": ["django.templatetags.static", "themes.templatetags.icons"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'canopy.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", DEFAULT_SQLITE_URL) or DEFAULT_SQLITE_URL
if DATABASE_URL == DEFAULT_SQLITE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
except (ValueError, dj_database_url.UnknownSchemeError) as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # WAL lets readers and the writer work at once; memory-mapped reads and a bigger page cache
        # keep a 200,000-post database's indexes in memory.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA mmap_size=268435456; PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;"
        ),
    }
    # Opening a SQLite file is cheap but not free (the pragmas above run each time): keep a
    # connection per worker thread unless DB_CONN_MAX_AGE says otherwise.
    if env_str("DB_CONN_MAX_AGE", "") in ("", None):
        _database["CONN_MAX_AGE"] = 600
        _database["CONN_HEALTH_CHECKS"] = True
    _database["TEST"] = {"NAME": env_str("CANOPY_TEST_SQLITE", "") or None}
elif _database["ENGINE"] == "django.db.backends.postgresql":
    _database.setdefault("OPTIONS", {})
    # Full-text search fields (wagtail.search's IndexEntry, ours) need the app on PostgreSQL.
    INSTALLED_APPS.append("django.contrib.postgres")
    # Test databases copied from an already migrated database (CREATE DATABASE ... TEMPLATE):
    # make prod-check migrates once and builds both its databases from that.
    if _test_template := env_str("DATABASE_TEST_TEMPLATE", ""):
        _database["TEST"] = {"TEMPLATE": _test_template}
DATABASES = {"default": _database}
# Read replicas: DATABASE_REPLICA_URL adds a "replica" database that read-only pages read from
# (community/db_router.py has the rules; writes, transactions, tasks and commands use "default").
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "") or ""
DATABASE_ROUTERS: list[str] = []
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
if DATABASE_REPLICA_URL:
    try:
        _replica = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    except (ValueError, dj_database_url.UnknownSchemeError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_REPLICA_URL is not a database URL we understand: {exc}"
        ) from None
    DATABASES["replica"] = stack.replica_database(_database, _replica)
    DATABASE_ROUTERS = ["community.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "community.db_router.ReplicaRoutingMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions --------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "") or ""
if REDIS_URL:
    # Cache, sessions (read from Redis, written through to the database) and rate limits.
    CACHES = stack.redis_cache_settings(REDIS_URL)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # One machine: a file cache that every process (runserver, gunicorn's workers, the task worker)
    # shares, so a version moved on by one process is seen by all (community/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            # Under CANOPY_VAR_DIR like the database and media, so two instances never share
            # counters (rate limits, sign-in throttling) or cached pages.
            "LOCATION": env_str("CACHE_DIR", "") or str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Background tasks (the Django Tasks API as Wagtail 8 uses it) -----------------------------
# TASKS_BACKEND: immediate (in-process, the default here), database (django-tasks-db; a worker runs
# `manage.py db_worker`; production's default) or redis (django-tasks-rq; `manage.py rqworker`).
TASKS_BACKEND = (env_str("TASKS_BACKEND", "") or "immediate").strip().lower()
TASKS = stack.tasks_settings(TASKS_BACKEND, redis_url=REDIS_URL)
if TASKS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = stack.rq_queues_settings(REDIS_URL)

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "community.User"
SITE_ID = 1
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Canopy] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults (but login_failed), stated so the test suite and reviewers see them.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    # Failed sign-ins count per (address, account) pair: our adapter makes allauth's "key" the pair,
    # so neither a stranger nor a shared address (an office, a school) locks a person out. An
    # account that many distinct addresses fail gets a longer limit (community/accounts/throttle.py).
    "login_failed": "5/5m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_ADAPTER = "community.accounts.adapter.AccountAdapter"
# An account that this many distinct addresses failed to sign in to within the window only accepts
# addresses it signed in from before, until the window ends.
CANOPY_LOGIN_ATTACK_ADDRESSES = env_int("CANOPY_LOGIN_ATTACK_ADDRESSES", 10)
CANOPY_LOGIN_ATTACK_WINDOW = 3600
CANOPY_LOGIN_KNOWN_ADDRESS_DAYS = 90
# Behind a reverse proxy every client has the proxy's address unless allauth is told how many
# proxies (X-Forwarded-For entries) to trust: set TRUSTED_PROXY_COUNT=1 behind one nginx.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_FORMS = {"login": "community.accounts.forms.LoginForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Canopy"
# allauth's headless module: the same accounts, rate limits, mandatory verification and MFA as the
# pages, as JSON for a phone app (README, "Phone apps"). Only the "app" client: it gets an
# X-Session-Token instead of cookies and CSRF (the site's own pages and JavaScript keep the
# session). Links in account mail point at the site's own pages (HEADLESS_ONLY off), which any
# phone opens in its browser; the app may also send the key from the link to /auth/email/verify.
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app",)
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/accounts/confirm-email/{key}/",
    "account_reset_password": "/accounts/password/reset/",
    "account_reset_password_from_key": "/accounts/password/reset/key/{key}/",
    "account_signup": "/accounts/signup/",
}
# allauth's OpenAPI document of these endpoints at /_allauth/openapi.{json,yaml,html}. It reads its
# YAML with PyYAML, which only the dev dependencies bring (schemathesis): on in development and the
# tests; production turns it on with HEADLESS_SERVE_SPECIFICATION=1 where PyYAML is installed
# (allauth's system check refuses to start without it). The page uses django-ninja's local
# Swagger UI, as /api/v1/docs does, not allauth's CDN template (the CSP allows only self).
HEADLESS_SERVE_SPECIFICATION = env_bool("HEADLESS_SERVE_SPECIFICATION", False)
HEADLESS_SPECIFICATION_TEMPLATE_NAME = "api/headless_spec.html"
SOCIALACCOUNT_PROVIDERS: dict = {}
# Social providers switch on by configuration: SOCIALACCOUNT_PROVIDERS_ENABLED=github,google plus
# <PROVIDER>_CLIENT_ID / <PROVIDER>_SECRET in the environment. No keys live in the repo.
for _provider in env_list("SOCIALACCOUNT_PROVIDERS_ENABLED", []):
    _name = _provider.lower()
    _client_id = env_str(f"{_name.upper()}_CLIENT_ID", "")
    _secret = env_str(f"{_name.upper()}_SECRET", "")
    if not (_client_id and _secret):
        raise ImproperlyConfigured(
            f"{_name.upper()}_CLIENT_ID and {_name.upper()}_SECRET must be set to enable the {_name} provider"
        )
    INSTALLED_APPS.append(f"allauth.socialaccount.providers.{_name}")
    SOCIALACCOUNT_PROVIDERS[_name] = {"APPS": [{"client_id": _client_id, "secret": _secret, "key": ""}]}

# --- E-mail -----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Canopy <no-reply@canopy.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_url = env_str("EMAIL_URL", "")
if _email_url:
    MAILERS = {"default": parse_email_url(_email_url)}
elif env_str("EMAIL_HOST", ""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Search, payments (apps read these; an integration switches on when its variable is set) --
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "") or ""
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "") or ""
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "") or ""
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "") or ""
# Outgoing webhooks may call loopback and private addresses only where this is on (tests, a laptop).
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Media on an S3-style bucket (django-storages) when AWS_STORAGE_BUCKET_NAME is set; else MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "") or ""
STORAGES = {
    "default": stack.media_storage_settings(
        bucket=AWS_STORAGE_BUCKET_NAME,
        region=env_str("AWS_S3_REGION_NAME", "") or "",
        endpoint_url=env_str("AWS_S3_ENDPOINT_URL", "") or "",
        custom_domain=env_str("AWS_S3_CUSTOM_DOMAIN", "") or "",
        location=env_str("AWS_LOCATION", "media") or "",
        querystring_auth=env_bool("AWS_QUERYSTRING_AUTH", True),
        access_key=env_str("AWS_ACCESS_KEY_ID", "") or "",
        secret_key=env_str("AWS_SECRET_ACCESS_KEY", "") or "",
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Themes -----------------------------------------------------------------------------------
THEMES_DIR = BASE_DIR / "themes"
THEMES = {"base": "Canopy", "citrus": "Citrus"}
DEFAULT_THEME = "base"
STATICFILES_DIRS = [THEMES_DIR / name / "static" for name in THEMES]  # each holds static/<theme>/...

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Canopy"
# The site's public origin (scheme://host[:port]): every absolute link in mail, the Sites framework's
# record (allauth's mail) and Wagtail's default site follow it (community.sites). `make run` sets it.
SITE_URL = (env_str("SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# The product team's group: community.teams creates it on migrate and grants what the team needs.
CANOPY_TEAM_GROUP = env_str("CANOPY_TEAM_GROUP", "") or "Product team"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# No Gravatar in the admin: the CSP allows no third-party images (the team's avatar showed broken)
# and it would send a hash of each member's address to a third party. Wagtail draws its own.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security defaults that hold everywhere ---------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; keep Django's default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (README, "Security"): scripts and styles from our own origin, or inline
# with this response's nonce ({{ csp_nonce }}; never inside a cached fragment); no inline handlers
# or style attributes; nothing frames us. Media may come from the S3-style bucket's domain.
_media_origins: list[str] = []
if AWS_STORAGE_BUCKET_NAME:
    _media_origins = [
        f"https://{env_str('AWS_S3_CUSTOM_DOMAIN', '')}"
        if env_str("AWS_S3_CUSTOM_DOMAIN", "")
        else env_str("AWS_S3_ENDPOINT_URL", "") or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    ]
# form-action: forms post only to us. Chromium (and Firefox) check the redirect that answers a form
# as well, so the origins a view of ours sends a form's answer on to are listed: Stripe Checkout
# (the pay button's POST redirects there) and each enabled social provider's sign-in page (allauth's
# provider login POST redirects to it). A provider missing from the table names its origin in
# <PROVIDER>_AUTHORIZE_ORIGIN.
_SOCIAL_AUTHORIZE_ORIGINS = {
    "apple": "https://appleid.apple.com",
    "discord": "https://discord.com",
    "facebook": "https://www.facebook.com",
    "github": "https://github.com",
    "gitlab": "https://gitlab.com",
    "google": "https://accounts.google.com",
    "microsoft": "https://login.microsoftonline.com",
}
_form_action: list[str] = [CSP.SELF]
if STRIPE_SECRET_KEY:
    _form_action.append("https://checkout.stripe.com")
for _name in SOCIALACCOUNT_PROVIDERS:
    _origin = env_str(f"{_name.upper()}_AUTHORIZE_ORIGIN", "") or _SOCIAL_AUTHORIZE_ORIGINS.get(_name, "")
    if not _origin:
        raise ImproperlyConfigured(
            f"Set {_name.upper()}_AUTHORIZE_ORIGIN to the {_name} sign-in page's origin: the CSP's "
            "form-action must allow the redirect that allauth answers its login form with"
        )
    _form_action.append(_origin)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *_media_origins],
    "media-src": [CSP.SELF, *_media_origins],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": _form_action,
    "frame-ancestors": [CSP.NONE],
}
# Wagtail's admin writes inline scripts, styles and style attributes and frames its own previews.
SECURE_CSP_CMS = SECURE_CSP | {
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *_media_origins],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# Permissions-Policy (community/security.py): browser features no page of ours uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)

# --- Logging: one JSON object per line on stdout ----------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "community.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
