from unittest import mock

import pytest
from django.test import RequestFactory

from community.views.errors import server_error

pytestmark = pytest.mark.django_db


def test_404_is_themed(client):
    response = client.get("/definitely/not/here/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'data-theme="base"' in response.text


def test_500_is_themed(rf: RequestFactory):
    request = rf.get("/")
    request.user = mock.Mock(is_authenticated=False)

    response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "base/css/canopy.css" in response.content.decode()


def test_500_falls_back_to_a_plain_page_when_the_themed_one_cannot_render(rf: RequestFactory):
    request = rf.get("/")

    with mock.patch("community.views.errors.render", side_effect=RuntimeError("database down")):
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_an_unhandled_error_answers_the_themed_500(client, settings):
    client.raise_request_exception = False
    with mock.patch("community.views.health.connection.cursor", side_effect=RuntimeError("boom")):
        response = client.get("/healthz")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
