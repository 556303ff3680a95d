import base64
import hashlib
import re
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


def test_the_plain_500_page_is_styled_by_a_style_the_csp_allows(client):
    """500_plain.html renders without a request (no nonce): its <style> is allowed by its hash."""
    client.raise_request_exception = False
    with (
        mock.patch("community.views.health.connection.cursor", side_effect=RuntimeError("boom")),
        mock.patch("community.views.errors.render", side_effect=RuntimeError("database down")),
    ):
        response = client.get("/healthz")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html and 'href="/"' in html
    (css,) = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert "prefers-color-scheme:dark" in css
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    (style_src,) = [d for d in response["Content-Security-Policy"].split(";") if d.split()[0] == "style-src"]
    assert f"'sha256-{digest}'" in style_src.split()
    assert "'unsafe-inline'" not in style_src
