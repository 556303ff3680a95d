"""Every page says what it is in a meta description (make audit's SEO line): one per page, never empty,
the page's own words where it has them (a board's description, a thread's first post, a product's)."""

import html
import re

import pytest

from tests.forum.factories import BoardFactory, make_thread
from tests.forum.feedback.factories import make_release
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

META = re.compile(r'<meta name="description" content="([^"]*)">')


def description(response) -> str:
    assert response.status_code == 200, response
    found = META.findall(response.text)
    assert len(found) == 1, found
    assert found[0].strip(), "empty meta description"
    return html.unescape(found[0])


def test_pages_without_words_of_their_own_fall_back_on_the_site_tagline(client):
    from devdata.demo import ensure_home_page

    ensure_home_page()

    for path in ("/", "/forum/", "/search/", "/search/?q=remote", "/accounts/login/", "/accounts/signup/"):
        assert description(client.get(path)), path


def test_board_thread_and_product_describe_themselves(client):
    product = ProductFactory(name="Aurora 14", slug="aurora-14", description="The phone with **two days** of battery.")
    VariantFactory(product=product)
    board = BoardFactory(slug="aurora-14", name="Aurora 14", description="Everything about the Aurora 14.")
    plain_board = BoardFactory(slug="lounge", name="Lounge", description="")
    thread = make_thread(board=board, title="Pairing the remote", body="It **blinks** twice and stops.")

    assert description(client.get("/forum/b/aurora-14/")) == "Everything about the Aurora 14."
    assert "Lounge" in description(client.get(f"/forum/b/{plain_board.slug}/"))
    assert description(client.get(thread.get_absolute_url())) == "It blinks twice and stops."
    assert description(client.get("/store/aurora-14/")).startswith("The phone with two days of battery.")


def test_a_release_page_names_its_product_and_version(client):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    release = make_release(product=product, version="V14.0.3.0", live=True)

    text = description(client.get(release.get_absolute_url()))

    assert text.startswith("Aurora 14 V14.0.3.0 (Stable, released ")


def test_search_results_name_the_query(client):
    assert "“remote”" in description(client.get("/search/?q=remote"))
