from unittest import mock

from django.db import OperationalError


def test_healthz_is_200_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_is_503_when_the_database_does_not_answer(client, db):
    with mock.patch(
        "community.views.health.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_rejects_post(client, db):
    assert client.post("/healthz").status_code == 405
