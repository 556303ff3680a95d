"""Community settings: one typed accessor per setting, reading ``settings.X`` with its default declared
here, once (the pattern of every app's ``conf.py``: forum.conf, store.conf, search.conf). Read them at
call time, so ``override_settings`` and a changed setting take effect."""

from django.conf import settings

# --- The site --------------------------------------------------------------------------------------


def site_url() -> str:
    """The public origin people reach the site at (``SITE_URL``), without a trailing slash."""
    return (getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def site_name() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Canopy"


def team_group() -> str:
    """The product team's group (``CANOPY_TEAM_GROUP``), see community.teams."""
    return getattr(settings, "CANOPY_TEAM_GROUP", "") or "Product team"


# --- Accounts --------------------------------------------------------------------------------------


def allow_signup() -> bool:
    return bool(getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True))


def login_attack_addresses() -> int:
    """Distinct addresses failing one account within the window that make it "under attack"."""
    return int(getattr(settings, "CANOPY_LOGIN_ATTACK_ADDRESSES", 10))


def login_attack_window() -> int:
    """Seconds."""
    return int(getattr(settings, "CANOPY_LOGIN_ATTACK_WINDOW", 3600))


def login_known_address_days() -> int:
    return int(getattr(settings, "CANOPY_LOGIN_KNOWN_ADDRESS_DAYS", 90))


# --- Database --------------------------------------------------------------------------------------


def replica_pin_seconds() -> int:
    """After a browser writes, its pages read from the primary this long (community.db_router)."""
    return int(getattr(settings, "REPLICA_PIN_SECONDS", 10))
