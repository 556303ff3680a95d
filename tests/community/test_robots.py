import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_allows_public_pages_and_keeps_crawlers_out_of_private_ones(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/cms/", "/accounts/", "/store/cart/", "/store/checkout/", "/search/"):
        assert f"Disallow: {path}" in lines
    assert "Allow: /" in lines
    # public pages stay crawlable: no rule covers the forum, the store catalog or a product
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")]
    for public in ("/forum/", "/forum/t/1/x/", "/store/", "/store/aurora-14/", "/"):
        assert not any(public.startswith(prefix) for prefix in disallowed), public
    assert "Sitemap: http://testserver/forum/sitemap.xml" in lines
    # and the sitemap it names answers
    assert client.get("/forum/sitemap.xml").status_code == 200


def test_robots_txt_is_get_only(client):
    assert client.post("/robots.txt").status_code == 405


def _allowed(lines: list[str], path: str) -> bool:
    """A crawler's verdict for ``path``: the longest matching rule wins, Allow on a tie (RFC 9309);
    ``*`` matches any characters, ``$`` ends the path."""
    import re

    best = (-1, True)
    for line in lines:
        kind, _, rule = line.partition(": ")
        if kind not in ("Allow", "Disallow") or not rule:
            continue
        pattern = "".join(".*" if c == "*" else "$" if c == "$" else re.escape(c) for c in rule)
        if re.match(pattern, path):
            candidate = (len(rule), kind == "Allow")
            if candidate[0] > best[0] or (candidate[0] == best[0] and candidate[1]):
                best = candidate
    return best[1]


def test_sign_in_sign_up_and_a_plain_search_are_crawlable_but_not_accounts_or_search_variations(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    for path in ("/accounts/login/", "/accounts/signup/", "/search/?q=battery", "/forum/t/1/x/", "/"):
        assert _allowed(lines, path), path
    for path in (
        "/accounts/email/",
        "/accounts/password/change/",
        "/search/",
        "/search/?q=battery&page=2",
        "/search/?q=battery&type=thread",
        "/search/?type=thread&q=battery",
        "/store/cart/",
    ):
        assert not _allowed(lines, path), path
