"""The mobile CPU slowdown make audit's Lighthouse runs use (scripts/audit/calibration.mjs), run in Node."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

CALIBRATION = Path(__file__).resolve().parents[3] / "scripts" / "audit" / "calibration.mjs"


def slowdowns(*indexes):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (make audit needs it: apt-get install -y nodejs npm)")
    script = (
        f"import({json.dumps(CALIBRATION.as_uri())}).then(m => "
        f"console.log(JSON.stringify({json.dumps(list(indexes))}.map(m.cpuSlowdownFor))))"
    )
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_a_high_end_desktop_host_keeps_lighthouses_4x():
    assert slowdowns(1600, 2000, 3500) == [4, 4, 4]


def test_a_slower_host_gets_a_smaller_slowdown_that_holds_the_phone_at_about_400():
    assert slowdowns(1200, 800, 500) == [3, 2, 1.25]


def test_a_host_slower_than_a_mid_tier_phone_runs_unslowed_never_sped_up():
    assert slowdowns(400, 250, 100) == [1, 1, 1]


def test_an_unmeasured_host_gets_lighthouses_default():
    assert slowdowns(0, None) == [4, 4]
