"""Conventions on every answer: problem details, ETag and If-None-Match, RateLimit headers and 429,
405 and unknown paths, the OpenAPI document and the docs page."""

import pytest

from tests.api.conftest import Api
from tests.api.contract import check

pytestmark = pytest.mark.django_db


def test_etag_and_if_none_match(api, board):
    first = api.get("boards/general")
    assert first.status_code == 200 and first["ETag"].startswith('"')
    again = api.get("boards/general", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]
    check(again, "GET boards/{slug}")
    assert api.get("boards/general", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_etag_follows_the_content(api, member_api, board):
    before = api.get("boards/general")["ETag"]
    member_api.post("boards/general/threads", {"title": "Something new", "body": "Changes the counts."})
    assert api.get("boards/general")["ETag"] != before


def test_ratelimit_headers_then_429_per_token(client, member, other_member, make_token, settings, board):
    settings.API_RATE_LIMITS = {"token": (3, 60)}
    caller = Api(client, make_token(member))
    remaining = []
    for _ in range(3):
        response = caller.get("boards")
        assert response["RateLimit-Policy"] == '"token";q=3;w=60'
        remaining.append(int(response["RateLimit"].split("r=")[1].split(";")[0]))
    assert remaining == [2, 1, 0]
    refused = caller.get("boards")
    body = check(refused, "GET boards")
    assert body["status"] == 429 and int(refused["Retry-After"]) >= 1
    assert Api(client, make_token(other_member)).get("boards").status_code == 200  # per token


def test_visitors_are_limited_by_address(api, settings, board):
    settings.API_RATE_LIMITS = {"anonymous": (2, 60)}
    assert [api.get("boards").status_code for _ in range(3)] == [200, 200, 429]


def test_the_forums_own_write_limits_answer_429(member_api, thread, settings):
    settings.FORUM_RATE_LIMITS = {"post": (1, 60)}
    assert member_api.post(f"threads/{thread.pk}/posts", {"body": "First reply here."}).status_code == 201
    body = check(
        member_api.post(f"threads/{thread.pk}/posts", {"body": "Second reply here."}),
        "POST threads/{thread_id}/posts",
    )
    assert body["status"] == 429 and "too often" in body["detail"]


def test_malformed_json_is_a_problem_not_a_500(member_api, board):
    response = member_api.client.post(
        "/api/v1/boards/general/threads", "{not json", content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {member_api.token}",
    )  # fmt: skip
    assert response.status_code in (400, 422) and response["Content-Type"] == "application/problem+json"


def test_unknown_path_and_wrong_method_are_problems(api):
    response = api.get("no/such/endpoint")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    response = api.client.patch("/api/v1/boards")
    assert response.status_code == 405 and response["Content-Type"] == "application/problem+json"
    assert "GET" in response["Allow"]


def test_the_document_and_its_docs_page(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Canopy API"
    assert {"BearerToken", "Session"} <= set(document["components"]["securitySchemes"])
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"/static/ninja/swagger-ui-bundle" in page.content


def test_times_are_iso_8601(api, thread):
    from datetime import datetime

    body = api.get(f"threads/{thread.pk}").json()
    assert datetime.fromisoformat(body["created_at"]).tzinfo is not None


def test_problem_has_the_rfc_9457_members(api):
    body = api.get("boards/nope").json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["instance"] == "/api/v1/boards/nope" and body["type"].endswith("/problems/not-found")
