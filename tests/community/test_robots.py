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
