"""Production settings refuse development defaults, naming the variable; check --deploy passes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-secret-that-is-long-enough-0123456789",
    "ALLOWED_HOSTS": "forum.example.com",
    "DATABASE_URL": "sqlite:////tmp/canopy-prod-check.sqlite3",
    "EMAIL_URL": "smtp://canopy:secret@mail.example.com:587?tls=1",
    "SECURE_HSTS_PRELOAD": "1",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The browser suite's conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the whole test process; a deployment never has it.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "EMAIL_URL", "EMAIL_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean |= {"DJANGO_SETTINGS_MODULE": "community.settings.production", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("override", "variable"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "y" * 60}, "SECRET_KEY"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"EMAIL_URL": ""}, "EMAIL_URL"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
    ],
)
def test_production_refuses_a_development_default_and_names_the_variable(override, variable):
    result = run_manage("check", env=GOOD_ENV | override)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_check_deploy_passes_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=GOOD_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_social_provider_without_keys_is_refused_by_name():
    result = run_manage("check", env=GOOD_ENV | {"SOCIALACCOUNT_PROVIDERS_ENABLED": "github"})

    assert result.returncode != 0
    assert "GITHUB_CLIENT_ID" in result.stderr.splitlines()[-1]


def test_a_social_provider_with_keys_is_switched_on():
    env = GOOD_ENV | {
        "SOCIALACCOUNT_PROVIDERS_ENABLED": "github",
        "GITHUB_CLIENT_ID": "id-from-the-environment",
        "GITHUB_SECRET": "secret-from-the-environment",
    }
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SOCIALACCOUNT_PROVIDERS)", env=env
    )

    assert result.returncode == 0, result.stderr
    assert "id-from-the-environment" in result.stdout
