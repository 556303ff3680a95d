"""Development on the embedded defaults: SQLite, database search, in-process tasks, console mail."""

from community.settings.base import *  # noqa: F403
from community.settings.env import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "django-insecure-canopy-development-only"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
HEADLESS_SERVE_SPECIFICATION = env_bool("HEADLESS_SERVE_SPECIFICATION", True)  # PyYAML is a dev dependency
