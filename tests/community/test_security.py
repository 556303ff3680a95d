"""community/security.py and the CSP settings: every page carries a Content-Security-Policy with a
fresh nonce and a Permissions-Policy; Wagtail's admin gets its relaxed policy; no template has an
inline script, handler or style attribute the policy would block; cached fragments hold no nonce."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from forum import fragments
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db

THEMES = Path(settings.THEMES_DIR)
NONCE_RE = re.compile(r"'nonce-([^']+)'")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/forum/", "/search/?q=battery", "/accounts/login/", "/no-such-page/"])
def test_every_page_has_a_content_security_policy_and_a_permissions_policy(client, path):
    response = client.get(path)

    rules = policy(response)
    assert rules["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in rules["script-src"] and "'unsafe-eval'" not in rules["script-src"]
    assert "'unsafe-inline'" not in rules["style-src"]
    assert rules["frame-ancestors"] == ["'none'"] and rules["object-src"] == ["'none'"]
    assert rules["form-action"] == ["'self'"]  # (no Stripe or social sign-in in the tests' settings)
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_an_inline_style_carries_this_responses_nonce_and_each_response_has_its_own(client, member):
    first, second = client.get(f"/people/{member.username}/"), client.get(f"/people/{member.username}/")

    nonces = []
    for response in (first, second):
        (nonce,) = set(NONCE_RE.findall(response["Content-Security-Policy"]))
        assert f'<style nonce="{nonce}">' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_wagtail_admin_gets_the_relaxed_policy(client):
    rules = policy(client.get("/cms/login/"))

    assert "'unsafe-inline'" in rules["script-src"]
    assert rules["frame-ancestors"] == ["'self'"]
    assert rules["form-action"] == ["'self'"]
    assert policy(client.get("/forum/"))["frame-ancestors"] == ["'none'"]


def page_templates() -> list[Path]:
    return [
        path
        for path in THEMES.glob("*/templates/**/*.html")
        if "/email/" not in path.as_posix() and path.name != "500_plain.html"  # mail; no request there
    ]


def test_no_template_has_an_inline_script_handler_or_style_attribute_the_policy_blocks():
    offences = []
    for path in page_templates():
        source = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", source):
            if "src=" not in tag and "nonce=" not in tag and 'type="application/json"' not in tag:
                offences.append(f"{path}: inline script without a nonce: {tag}")
        for tag in re.findall(r"<style\b[^>]*>", source):
            if "nonce=" not in tag:
                offences.append(f"{path}: inline style without a nonce: {tag}")
        offences += [f"{path}: style attribute" for _ in re.findall(r"\sstyle=[\"']", source)]
        offences += [f"{path}: inline handler {m}" for m in re.findall(r"\son[a-z]+=[\"']", source)]
    assert offences == []


@pytest.mark.parametrize(
    "name", [fragments.CORE_TEMPLATE, fragments.LIST_TEMPLATE, fragments.ROW_TEMPLATE, fragments.FOOTER_TEMPLATE]
)
def test_cached_fragments_never_hold_a_nonce(name):
    """A nonce is per response: like the CSRF token it must stay out of what the cache shares."""
    for path in THEMES.glob(f"*/templates/{name}"):
        assert "csp_nonce" not in path.read_text()


def test_a_thread_page_served_from_cached_fragments_has_no_stale_nonce(client):
    thread = make_thread(board=BoardFactory(slug="general"))
    client.get(thread.get_absolute_url())  # fills the fragment cache
    response = client.get(thread.get_absolute_url())

    nonces = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    assert nonces <= set(NONCE_RE.findall(response["Content-Security-Policy"]))
