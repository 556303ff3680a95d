import pytest

from forum.feedback.similar import similar_items
from search import api, registry
from tests.forum.feedback.factories import make_item, make_owner, make_release, vote

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


def test_release_channel_is_not_a_status(
    feedback_board, product, reporter, django_capture_on_commit_callbacks
):
    from forum.feedback.models import Release
    from search.index import sync_ids

    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(board=feedback_board, author=reporter, title="Aurora 14 battery drains")
    release = make_release(
        product=product,
        version="V14.0.3.0",
        channel=Release.Channel.WEEKLY,
        live=True,
        changelog="Battery fixes",
    )
    sync_ids(model_label="feedback.release", ids=[release.pk])

    results = api.search(api.SearchQuery(text="battery"))
    assert {(hit.type, hit.object_id) for hit in results.hits} == {
        ("feedback", item.pk),
        ("release", release.pk),
    }
    assert dict(results.facets["status"]) == {item.status.key: 1}
    release_hit = next(hit for hit in results.hits if hit.type == "release")
    assert release_hit.status == ""
    assert api.search(api.SearchQuery(text="battery", status="weekly")).hits == []
    # The channel is still words of the release's document.
    assert [hit.object_id for hit in api.search(api.SearchQuery(text="weekly", types=("release",))).hits] == [
        release.pk
    ]


def test_a_vote_reindexes_the_feedback_item(feedback_board, reporter, django_capture_on_commit_callbacks):
    from search.models import IndexEntry
    from tests.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        first = make_item(board=feedback_board, author=reporter, title="Battery drains overnight")
        second = make_item(board=feedback_board, title="Battery gauge jumps")

    def by_votes():
        query = api.SearchQuery(text="battery", types=("feedback",), sort="votes")
        return [(hit.object_id, hit.votes) for hit in api.search(query).hits]

    assert {votes for _, votes in by_votes()} == {0}

    voters = [UserFactory(username="v1"), UserFactory(username="v2")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        vote(second, *voters)
    assert callbacks, "the votes enqueue the re-index after commit"

    assert IndexEntry.objects.get(type="feedback", object_id=second.pk).votes == 2
    assert by_votes() == [(second.pk, 2), (first.pk, 0)]

    with django_capture_on_commit_callbacks(execute=True):
        vote(second, voters[0])  # voting again takes the vote back
    assert by_votes() == [(second.pk, 1), (first.pk, 0)]


def test_owners_only_finds_feedback_filed_by_verified_owners(
    feedback_board, variant, reporter, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    make_owner(reporter, variant)
    with django_capture_on_commit_callbacks(execute=True):
        owned = make_item(board=feedback_board, author=reporter, title="Speaker crackles at full volume")
        make_item(
            board=feedback_board, author=UserFactory(username="guest"), title="Speaker crackles on calls"
        )

    assert len(api.search(api.SearchQuery(text="speaker crackles")).hits) == 2
    found = api.search(api.SearchQuery(text="speaker crackles", owners_only=True))
    assert [(hit.type, hit.object_id) for hit in found.hits] == [("feedback", owned.pk)]
