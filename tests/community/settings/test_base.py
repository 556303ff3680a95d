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
