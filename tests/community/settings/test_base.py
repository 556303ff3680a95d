"""community/settings/base.py: the file cache lives under CANOPY_VAR_DIR, so two instances on one
machine never share counters (rate limits, sign-in throttling) or cached pages."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def settings_value(expression: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_DIR", "CANOPY_VAR_DIR"}}
    clean |= {"DJANGO_SETTINGS_MODULE": "community.settings.dev", **env}
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_file_cache_follows_canopy_var_dir(tmp_path):
    one = settings_value("settings.CACHES['default']['LOCATION']", CANOPY_VAR_DIR=str(tmp_path / "one"))
    two = settings_value("settings.CACHES['default']['LOCATION']", CANOPY_VAR_DIR=str(tmp_path / "two"))

    assert one == str(tmp_path / "one" / "cache")
    assert two == str(tmp_path / "two" / "cache")


def test_form_action_allows_our_origin_and_where_our_forms_redirect_to():
    """Chromium checks the redirect that answers a form against form-action too: the pay button's
    POST redirects to Stripe Checkout and allauth's provider login POST to the provider."""
    expression = "' '.join(settings.SECURE_CSP['form-action'])"
    plain = settings_value(expression, STRIPE_SECRET_KEY="", SOCIALACCOUNT_PROVIDERS_ENABLED="")
    integrated = settings_value(
        expression,
        STRIPE_SECRET_KEY="sk_test_canopy",
        SOCIALACCOUNT_PROVIDERS_ENABLED="github",
        GITHUB_CLIENT_ID="canopy-id",
        GITHUB_SECRET="canopy-secret",
    )

    assert plain == "'self'"
    assert integrated == "'self' https://checkout.stripe.com https://github.com"
