"""manage.py search_reindex: all or one type, id batches, progress, stale rows swept."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from community import hooks
from search import registry
from search.index import iter_id_batches
from search.models import IndexEntry
from tests.search.factories import make_board, make_product, make_thread

pytestmark = pytest.mark.django_db


def test_reindex_everything_then_one_type(settings):
    board = make_board()
    for n in range(5):
        make_thread(board, f"Thread {n}", "text")
    make_product("Nimbus Phone")
    out = StringIO()
    call_command("search_reindex", "--batch-size", "2", stdout=out, stderr=StringIO())
    assert "thread: 5 documents indexed" in out.getvalue()
    assert "product: 1 documents indexed" in out.getvalue()
    assert IndexEntry.objects.filter(type="thread").count() == 5
    out = StringIO()
    call_command("search_reindex", "product", stdout=out, stderr=StringIO())
    assert "thread" not in out.getvalue() and IndexEntry.objects.filter(type="thread").count() == 5


def test_reindex_sweeps_rows_that_are_gone():
    board = make_board()
    thread = make_thread(board, "Soon hidden", "text")
    call_command("search_reindex", "thread", stdout=StringIO(), stderr=StringIO())
    thread.is_hidden = True
    thread.save()
    call_command("search_reindex", "thread", stdout=StringIO(), stderr=StringIO())
    assert not IndexEntry.objects.filter(type="thread").exists()


def test_ids_come_in_bounded_batches():
    board = make_board()
    for n in range(7):
        make_thread(board, f"T{n}", "x")
    batches = list(iter_id_batches(registry.get_type("thread"), 3))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    flat = [pk for batch in batches for pk in batch]
    assert sorted(flat) == flat


def test_unknown_type_is_a_clear_error():
    with pytest.raises(CommandError, match="Unknown search type"):
        call_command("search_reindex", "nonsense", stdout=StringIO())


def test_list_types():
    out = StringIO()
    call_command("search_reindex", "--list", stdout=out)
    assert "thread" in out.getvalue() and "product" in out.getvalue()


def test_search_fills_no_slot_of_the_store():
    # search sits below store: the product page's discussions panel is the store's own
    providers = hooks.get(hooks.Hook.STORE_PRODUCT_PANELS)
    assert [p for p in providers if p.__module__.split(".")[0] == "search"] == []
