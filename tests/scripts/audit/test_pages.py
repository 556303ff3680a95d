"""The pages make audit visits, picked from the demo's rows (scripts/audit/pages.py)."""

import pytest

from forum.models import Board
from scripts.audit.pages import discover
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, bulk_posts, make_thread
from tests.forum.feedback.factories import make_release
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_it_picks_a_public_product_board_a_full_thread_the_product_and_its_latest_published_release():
    from django.utils import timezone

    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    board = BoardFactory(slug="aurora-14", name="Aurora 14", product=product)
    BoardFactory(slug="insiders", name="Insiders", product=product, read_access=Board.Access.MEMBERS)
    short = make_thread(board=board, title="Short one")
    full = make_thread(board=board, title="Twenty posts and more")
    bulk_posts(full, 24, authors=[UserFactory(username="leo"), UserFactory(username="amara")])
    make_release(product=product, version="1.0.0", published_at=timezone.now(), released_on=timezone.localdate())
    newest = make_release(product=product, version="1.1.0", published_at=timezone.now())
    make_release(product=product, version="2.0.0")  # a draft: never published

    pages = discover()

    assert pages["signed_out"]["board"] == "/forum/b/aurora-14/"
    assert pages["signed_out"]["thread"] == full.get_absolute_url() != short.get_absolute_url()
    assert pages["signed_out"]["product"] == "/store/aurora-14/"
    assert pages["signed_out"]["release"] == newest.get_absolute_url()
    assert pages["signed_in"]["new-thread"] == "/forum/b/aurora-14/new/"
    assert "login" not in pages["signed_in"] and pages["team"] == {"triage": "/forum/feedback/triage/"}


def test_an_empty_site_is_refused_with_what_is_missing():
    with pytest.raises(SystemExit, match="no board, thread, product, release"):
        discover()
