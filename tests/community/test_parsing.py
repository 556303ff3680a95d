"""One parser for integer ids and page numbers; every view that takes one answers hostile values with
a 4xx (or ignores them as an optional filter), never a 5xx."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from community.parsing import MAX_ID, IdConverter, page_number, parse_id, parse_ids
from forum.feedback.models import Status
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

HOSTILE = [
    "99999999999999999999",
    "-1",
    "0",
    "1e3",
    "abc",
    "",
    " 1",
    "1.5",
    "0x10",
    "%00",
    "\x00",
    "\uff11\uff12",  # full-width 12
    "9" * 40,
    "-0",
    "+5",
    "1;DROP",
    "NaN",
    "inf",
    "[]",
    "1,2",
    "\u0661",  # Arabic-Indic 1
    "\u00b2",  # superscript 2 (str.isdigit() says yes, int() says no)
    str(2**63),
]


@pytest.mark.parametrize("value", HOSTILE)
def test_parse_id_accepts_only_plain_ids_in_range(value):
    assert parse_id(value) is None


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("42", 42), (str(MAX_ID), MAX_ID), (7, 7)])
def test_parse_id_reads_ids(value, expected):
    assert parse_id(value) == expected


def test_parse_id_refuses_other_types():
    assert (
        parse_id(None) is None
        and parse_id(True) is None
        and parse_id(2**63) is None
        and parse_id(1.0) is None
    )


def test_parse_ids_keeps_valid_distinct_ids_in_order_up_to_a_limit():
    assert parse_ids(["3", "x", "1", "3", "-2", "99999999999999999999", "2"]) == [3, 1, 2]
    assert parse_ids(["1", "2", "3"], limit=2) == [1, 2]


def test_page_number_defaults_to_one_and_stops_at_the_last_page():
    assert [page_number(v) for v in ("", None, "abc", "-3", "0", "4")] == [1, 1, 1, 1, 1, 4]
    assert page_number("99999999999999999999", last=7) == 1
    assert page_number("12", last=7) == 7


def test_the_id_converter_refuses_ids_beyond_64_bits():
    converter = IdConverter()
    assert converter.to_python("12") == 12
    with pytest.raises(ValueError):
        converter.to_python(str(2**63))
    assert reverse("forum:post", kwargs={"pk": 5}) == "/forum/p/5/"


@pytest.fixture
def site(db, admin_user):
    board = BoardFactory(slug="general", name="General")
    thread = make_thread(board=board, poll_question="Which?", poll_choices=["Red", "Blue"])
    UserFactory(username="suspect")
    return {"thread": thread, "status": Status.objects.order_by("pk").first()}


def _path(template: str, value: str) -> str:
    return template.format(v=quote(value, safe=""))


PATH_VIEWS = [
    "/forum/t/{v}/",
    "/forum/t/{v}/some-slug/",
    "/forum/t/{v}/-/reply/",
    "/forum/p/{v}/",
    "/forum/p/{v}/revisions/",
    "/forum/feedback/{v}/",
    "/forum/mod/reports/{v}/",
    "/notifications/{v}/",
    "/search/related/thread/{v}/",
]

QUERY_VIEWS = [
    ("/reputation/leaderboard/", ["product"]),
    ("/search/", ["product", "release", "board", "author", "page"]),
    ("/search/similar/", ["product"]),
    ("/forum/feedback/triage/", ["page", "release"]),
    ("/forum/mod/log/", ["page"]),
]


def test_hostile_ids_in_url_paths_are_404_not_500(admin_client, site):
    for template in PATH_VIEWS:
        for value in HOSTILE:
            response = admin_client.get(_path(template, value))
            assert response.status_code in {301, 302, 400, 404, 405}, (template, value, response.status_code)


def test_hostile_ids_in_query_strings_never_give_5xx(admin_client, site):
    thread = site["thread"]
    views = [
        *QUERY_VIEWS,
        (thread.get_absolute_url(), ["page"]),
        (f"/forum/t/{thread.pk}/-/reply/", ["reply_to"]),
    ]
    views.append((f"/forum/t/{thread.pk}/-/reply/", ["quote"]))
    for url, params in views:
        for value in HOSTILE:
            response = admin_client.get(url, {param: value for param in params} | {"title": "battery"})
            assert response.status_code < 500, (url, value, response.status_code)


def test_hostile_ids_in_forms_never_give_5xx(admin_client, site):
    thread = site["thread"]
    posts = [
        ("/store/cart/add/", lambda v: {"variant": v, "quantity": "1", "source_thread_id": v}),
        ("/store/cart/update/", lambda v: {"variant": v, "quantity": "1"}),
        ("/store/cart/update/", lambda v: {"variant": v, "remove": "1"}),
        (f"/forum/t/{thread.pk}/-/poll/", lambda v: {"choice": v}),
        ("/people/me/products/", lambda v: {"action": "remove", "product_id": v}),
        ("/people/me/products/", lambda v: {"product_id": v}),
        (
            "/forum/feedback/triage/bulk/",
            lambda v: {"items": v, "status": site["status"].pk, "comment": "Checked"},
        ),
        ("/forum/mod/members/suspect/suspend/", lambda v: {"lift": v}),
        ("/people/suspect/award/", lambda v: {"points": v, "reason": "test"}),
    ]
    for url, data in posts:
        for value in HOSTILE:
            response = admin_client.post(url, data(value))
            assert response.status_code < 500, (url, value, response.status_code)


def test_a_huge_product_filter_on_the_leaderboard_is_ignored(client, db):
    response = client.get("/reputation/leaderboard/", {"product": "99999999999999999999"})
    assert response.status_code == 200
