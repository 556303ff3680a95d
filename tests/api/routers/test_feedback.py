"""Feedback items, statuses, releases and ratings through the API, against the document."""

import pytest

from forum.feedback.models import FeedbackItem, Status
from tests.api.conftest import Api
from tests.api.contract import check, covers
from tests.forum.feedback.factories import make_item, make_release, vote
from tests.store.factories import VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_api(client, team_member, make_token):
    return Api(client, make_token(team_member, "read", "write", "feedback:triage"))


@covers("GET feedback/statuses")
def test_statuses(api):
    body = check(api.get("feedback/statuses"), "GET feedback/statuses")
    assert [status["key"] for status in body["items"]][:2] == ["new", "needs-info"]


@covers("GET feedback")
def test_triage_is_the_teams_with_its_filters(
    client, api, member_api, team_api, team_member, item, make_token
):
    assert check(api.get("feedback"), "GET feedback")["status"] == 401
    assert check(member_api.get("feedback"), "GET feedback")["status"] == 403
    read_only = Api(client, make_token(team_member, "read"))
    assert check(read_only.get("feedback"), "GET feedback")["status"] == 403
    body = check(team_api.get("feedback?product=aurora-14&kind=BUG&sort=newest"), "GET feedback")
    assert [row["id"] for row in body["items"]] == [item.thread_id] and body["total"] == 1
    body = check(team_api.get("feedback?kind=SUGGESTION"), "GET feedback")
    assert body["items"] == []
    body = check(team_api.get("feedback?status=no-such-status"), "GET feedback")
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.status"


@covers("GET feedback/{item_id}")
def test_an_item(api, item, private_board):
    body = check(api.get(f"feedback/{item.thread_id}"), "GET feedback/{item_id}")
    assert body["title"] == item.thread.title and body["status"]["key"] == "new" and body["has_voted"] is None
    assert check(api.get("feedback/123456789"), "GET feedback/{item_id}")["status"] == 404


@covers("POST boards/{slug}/feedback")
def test_file_feedback_with_its_environment(member_api, feedback_board, product):
    VariantFactory(product=product, sku="A14-BLK")
    make_release(product=product, version="1.4.2", live=True)
    payload = {
        "kind": "BUG",
        "title": "Bluetooth drops every few minutes",
        "description": "Headphones disconnect.",
        "variant": "A14-BLK",
        "version": "1.4.2",
        "steps": "Pair, play music, wait.",
        "frequency": "OFTEN",
    }
    response = member_api.post("boards/aurora-feedback/feedback", payload)
    body = check(response, "POST boards/{slug}/feedback")
    assert response.status_code == 201
    assert body["variant"] == "A14-BLK" and body["affected_release"] == {
        "product": "aurora-14",
        "version": "1.4.2",
    }
    body = check(
        member_api.post("boards/aurora-feedback/feedback", {**payload, "version": "9.9.9"}),
        "POST boards/{slug}/feedback",
    )
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.version"
    # the filing form's rules (queries.reportable_*): a retired model or a draft release is refused
    VariantFactory(product=product, sku="A14-OLD", is_active=False)
    make_release(product=product, version="1.5.0", live=False)
    for field, value in (("variant", "A14-OLD"), ("version", "1.5.0")):
        body = check(
            member_api.post("boards/aurora-feedback/feedback", {**payload, field: value}),
            "POST boards/{slug}/feedback",
        )
        assert body["status"] == 422 and body["errors"][0]["field"] == f"body.{field}"
    body = check(
        member_api.post("boards/aurora-feedback/feedback", {**payload, "steps": "", "actual": ""}),
        "POST boards/{slug}/feedback",
    )
    assert body["status"] == 422 and "steps" in body["detail"]


@covers("POST feedback/{item_id}/status")
def test_the_team_changes_a_status_and_the_reporter_closes(
    client, member_api, team_api, item, other_member, make_token
):
    operation = "POST feedback/{item_id}/status"
    body = check(
        member_api.post(f"feedback/{item.thread_id}/status", {"status": "planned", "comment": "Soon"}),
        operation,
    )
    assert body["status"] == 403
    body = check(
        team_api.post(f"feedback/{item.thread_id}/status", {"status": "acknowledged", "comment": "Seen."}),
        operation,
    )
    assert body["status"]["key"] == "acknowledged" and body["timeline"][-1]["comment"] == "Seen."
    reporter = Api(client, make_token(other_member, "read", "write"))
    body = check(
        reporter.post(f"feedback/{item.thread_id}/status", {"status": "closed", "comment": "Gone now."}),
        operation,
    )
    assert body["status"]["key"] == Status.CLOSED


@covers("POST feedback/{item_id}/merge")
def test_the_team_merges_a_duplicate(team_api, member_api, feedback_board, item, member):
    duplicate = make_item(board=feedback_board, title="Battery empty every morning")
    vote(duplicate, member)
    operation = "POST feedback/{item_id}/merge"
    assert (
        check(member_api.post(f"feedback/{duplicate.thread_id}/merge", {"into": item.thread_id}), operation)[
            "status"
        ]
        == 403
    )
    body = check(
        team_api.post(f"feedback/{duplicate.thread_id}/merge", {"into": duplicate.thread_id}), operation
    )
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.into"
    votes_before = check(team_api.get(f"feedback/{item.thread_id}"), "GET feedback/{item_id}")["votes"]
    body = check(team_api.post(f"feedback/{duplicate.thread_id}/merge", {"into": item.thread_id}), operation)
    assert body["id"] == item.thread_id and duplicate.thread_id in body["duplicates"]
    assert body["votes"] == votes_before + 2  # the member's "me too" and the duplicate's reporter moved
    assert FeedbackItem.objects.get(pk=duplicate.pk).duplicate_of_id == item.pk


@covers("GET products/{slug}/releases", "GET products/{slug}/releases/{version}")
def test_releases_with_fixes_and_regressions(api, team_api, product, item, feedback_board):
    fixed = make_item(board=feedback_board, title="Wi-Fi forgets networks")
    release = make_release(
        product=product, version="1.4.3", live=True, changelog=f"## Fixed\n- #{fixed.thread_id}"
    )
    make_release(product=product, version="1.5.0", live=False)
    regression = make_item(board=feedback_board, title="Camera crashes", release=release)
    body = check(api.get("products/aurora-14/releases"), "GET products/{slug}/releases")
    assert [row["version"] for row in body["items"]] == ["1.4.3"]
    body = check(team_api.get("products/aurora-14/releases"), "GET products/{slug}/releases")
    assert {row["version"] for row in body["items"]} == {"1.4.3", "1.5.0"}
    body = check(api.get("products/aurora-14/releases/1.4.3"), "GET products/{slug}/releases/{version}")
    assert [row["id"] for row in body["fixes"]] == [fixed.thread_id]
    assert [row["id"] for row in body["regressions"]] == [regression.thread_id]
    assert (
        check(api.get("products/aurora-14/releases/1.5.0"), "GET products/{slug}/releases/{version}")[
            "status"
        ]
        == 404
    )


@covers("PUT products/{slug}/releases/{version}/rating")
def test_rate_a_build(api, member_api, product):
    make_release(product=product, version="1.4.2", live=True)
    operation = "PUT products/{slug}/releases/{version}/rating"
    assert check(member_api.put("products/aurora-14/releases/1.4.2/rating", {"stars": 4}), operation) == {
        "stars": 4
    }
    assert (
        check(member_api.put("products/aurora-14/releases/1.4.2/rating", {"stars": 6}), operation)["status"]
        == 422
    )
    assert (
        check(api.put("products/aurora-14/releases/1.4.2/rating", {"stars": 4}), operation)["status"] == 401
    )
    body = check(
        member_api.get("products/aurora-14/releases/1.4.2"), "GET products/{slug}/releases/{version}"
    )
    assert body["my_rating"] == 4 and body["rating_count"] == 1


@covers("POST feedback/attachments")
def test_attachments_are_uploaded_first_then_named_by_the_report(client, api, member_api, feedback_board):
    """As the composer uploads an image first: a multipart upload returns an id, the JSON filing
    names it. The file passes the filing form's checks; a refused one is a 400 that says why."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    operation = "POST feedback/attachments"
    headers = member_api._headers({})

    def upload(name, content, caller_headers=headers):
        return client.post(
            "/api/v1/feedback/attachments", {"file": SimpleUploadedFile(name, content)}, **caller_headers
        )

    response = upload("screen.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    shot = check(response, operation)
    assert (
        response.status_code == 201 and shot["name"] == "screen.png" and shot["content_type"] == "image/png"
    )
    log = check(upload("bt.log", b"E/Bluetooth: link lost"), operation)

    body = check(upload("virus.exe", b"MZ\x90"), operation)
    assert body["status"] == 400 and "only" in body["detail"] and body["errors"][0]["field"] == "file"
    body = check(upload("fake.png", b"GIF89a"), operation)
    assert body["status"] == 400 and "does not look like a .png file" in body["detail"]
    assert check(upload("screen.png", b"x", caller_headers={}), operation)["status"] == 401
    body = check(client.post("/api/v1/feedback/attachments", {}, **headers), operation)
    assert body["status"] == 422 and body["errors"][0]["field"] == "file.file"

    payload = {
        "kind": "BUG",
        "title": "Bluetooth drops every few minutes",
        "description": "Headphones disconnect.",
        "steps": "Pair, play music, wait.",
        "attachments": [shot["id"], log["id"]],
    }
    response = member_api.post("boards/aurora-feedback/feedback", payload)
    check(response, "POST boards/{slug}/feedback")
    assert response.status_code == 201
    item = FeedbackItem.objects.get(thread_id=response.json()["id"])
    assert sorted(item.attachments.values_list("name", flat=True)) == ["bt.log", "screen.png"]
    # named once: a second report cannot take them; someone else's ids are refused the same way
    body = check(
        member_api.post("boards/aurora-feedback/feedback", {**payload, "title": "Again"}),
        "POST boards/{slug}/feedback",
    )
    assert body["status"] == 422 and "No such upload waiting for you" in body["detail"]
    body = check(
        member_api.post("boards/aurora-feedback/feedback", {**payload, "attachments": [1, 2, 3, 4, 5, 6]}),
        "POST boards/{slug}/feedback",
    )
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.attachments"
