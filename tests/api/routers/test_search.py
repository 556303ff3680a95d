"""Search and suggestions through the API, against the document."""

import pytest

from tests.api.conftest import Api
from tests.api.contract import check, covers
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


@covers("GET search")
def test_search_with_facets_as_the_page(
    api, board, other_member, private_board, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=board, author=other_member, title="Remote pairing fails after update")
    body = check(api.get("search?q=pairing"), "GET search")
    assert [hit["title"] for hit in body["items"]] == ["Remote pairing fails after update"]
    assert {facet["name"] for facet in body["facets"]} >= {"type"}
    type_facet = next(facet for facet in body["facets"] if facet["name"] == "type")
    assert type_facet["options"][0]["value"] == "thread"
    body = check(api.get("search?q=pairing&product=abc&from=yesterday"), "GET search")
    assert len(body["notes"]) == 2


def test_search_leaves_out_a_private_board(
    client,
    api,
    member_api,
    make_token,
    private_board,
    board,
    other_member,
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth.models import Group

    insider = other_member
    insider.groups.add(Group.objects.get(name="Insiders"))
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=private_board, author=insider, title="Secret roadmap pairing")
    for caller in (api, member_api):
        assert check(caller.get("search?q=roadmap"), "GET search")["items"] == []
    insider_api = Api(client, make_token(insider))
    assert [hit["title"] for hit in check(insider_api.get("search?q=roadmap"), "GET search")["items"]] == [
        "Secret roadmap pairing"
    ]


@covers("GET search/suggestions")
def test_suggestions(api, board, other_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=board, author=other_member, title="Remote pairing fails after update")
    body = check(api.get("search/suggestions?q=pair"), "GET search/suggestions")
    assert [row["title"] for row in body["items"]] == ["Remote pairing fails after update"]
