import pytest

from forum.feedback.similar import similar_items
from search import api, registry
from tests.forum.feedback.factories import make_item, make_release

pytestmark = pytest.mark.django_db


def test_feedback_and_releases_are_registered_search_types():
    assert registry.get_type("feedback") is not None
    assert registry.get_type("release") is not None
    assert "release" in registry.entity_sources()


def test_similar_feedback_is_suggested_while_typing(
    feedback_board, product, reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(board=feedback_board, title="Battery drains overnight on standby")
        make_item(board=feedback_board, title="Camera is blurry in daylight")
    found = similar_items(reporter, title="battery drain at night", product_id=product.pk)
    assert found and found[0].pk == item.pk  # ranked first; weaker matches may follow

    def found_ids(status):
        query = api.SearchQuery(text="battery", types=("feedback",), status=status, product_id=product.pk)
        return [h.object_id for h in api.search(query, user=reporter).hits]

    assert item.pk in found_ids("new")
    assert found_ids("planned") == []


def test_release_versions_link_as_entities(product):
    from forum.feedback.search import release_entities
    from search.linking import Linker
    from store.search import product_entities

    release = make_release(product=product, version="V14.0.3.0", live=True)
    entities = list(release_entities())
    assert [e.version for e in entities] == ["V14.0.3.0"]
    linker = Linker(entities + list(product_entities()))
    links = linker.find("Since V14.0.3.0 my Aurora 14 reboots", product_ids=(product.pk,))
    assert ("release", release.pk) in {(link.kind, link.id) for link in links}


def test_a_board_made_private_elsewhere_is_respected_by_the_next_index_batch(
    feedback_board, product, reporter, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    from forum.models import Board
    from search.index import sync_ids

    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(board=feedback_board, title="Speaker crackles at full volume")

    def anonymous_hits():
        query = api.SearchQuery(text="speaker crackles", types=("feedback",))
        return [h.object_id for h in api.search(query, user=AnonymousUser()).hits]

    assert anonymous_hits() == [item.pk]

    # Another process (the admin, another web worker) closes the board; this process's cache is stale.
    Board.objects.filter(pk=feedback_board.pk).update(read_access=Board.Access.MEMBERS)
    sync_ids(model_label="feedback.feedbackitem", ids=[item.pk])

    assert anonymous_hits() == []
