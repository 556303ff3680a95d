"""Store settings: one typed accessor per setting, reading ``settings.STORE_*`` (and STRIPE_*) with its
default declared here, once, the pattern of every app's ``conf.py``. Read through these functions so
tests can override settings."""

from django.conf import settings


def default_currency() -> str:
    return getattr(settings, "STORE_CURRENCY", "USD")


def max_quantity_per_line() -> int:
    """The most units of one variant a single order may hold (products can lower it)."""
    return getattr(settings, "STORE_MAX_QUANTITY_PER_LINE", 10)


def max_lines_per_order() -> int:
    return getattr(settings, "STORE_MAX_LINES_PER_ORDER", 20)


def reservation_minutes() -> int:
    """How long stock stays reserved for an unpaid order. Stripe Checkout needs at least 30 minutes."""
    return getattr(settings, "STORE_RESERVATION_MINUTES", 30)


def flat_shipping_minor() -> int:
    return getattr(settings, "STORE_FLAT_SHIPPING_MINOR", 499)


def free_shipping_from_minor() -> int | None:
    """Orders whose subtotal reaches this ship free; None never does."""
    return getattr(settings, "STORE_FREE_SHIPPING_FROM_MINOR", 10000)


def tax_rate_basis_points() -> int:
    """Tax added on top of the subtotal plus shipping, in hundredths of a percent (800 = 8 %)."""
    return getattr(settings, "STORE_TAX_RATE_BASIS_POINTS", 0)


def stripe_secret_key() -> str:
    return getattr(settings, "STRIPE_SECRET_KEY", "") or ""


def stripe_webhook_secret() -> str:
    return getattr(settings, "STRIPE_WEBHOOK_SECRET", "") or ""


def stripe_api_base() -> str:
    return getattr(settings, "STRIPE_API_BASE", "") or ""


def stripe_enabled() -> bool:
    return bool(stripe_secret_key())
