"""With Elasticsearch configured but unreachable, search answers from the database and logs why."""

import logging

import pytest

from search import api
from search.backends import get_backend
from search.query import SearchQuery
from tests.search.factories import make_board, make_thread

pytestmark = pytest.mark.django_db

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def unreachable(settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 0.5
    from search.backends import reset_backend

    reset_backend()
    return settings


def test_search_answers_from_the_database_when_elasticsearch_is_down(unreachable, reindex_all, caplog):
    make_thread(make_board(), "Battery drains overnight", "since the update")
    with caplog.at_level(logging.WARNING, logger="search"):
        reindex_all()  # the database index is written; the engine's failure is logged
        results = api.search(SearchQuery(text="battery"))
        suggestions = api.suggest("batt")
    assert [hit.title for hit in results.hits] == ["Battery drains overnight"]
    assert results.backend == "sqlite" or results.backend == "postgresql"
    assert [s.title for s in suggestions] == ["Battery drains overnight"]
    assert any("elasticsearch failed" in record.getMessage() for record in caplog.records)


def test_after_a_failure_the_engine_is_left_alone_for_a_while(unreachable, reindex_all):
    make_thread(make_board(), "Camera crash", "zoom")
    reindex_all()
    backend = get_backend()
    assert backend.name == "elasticsearch"
    assert not backend._available()  # no request waits for the timeout again right away
    assert api.search(SearchQuery(text="camera")).total == 1


def test_the_search_page_works_with_elasticsearch_down(unreachable, reindex_all, client):
    make_thread(make_board(), "Wifi drops on 5 GHz", "router")
    reindex_all()
    response = client.get("/search/", {"q": "wifi"})
    assert response.status_code == 200
    assert b"drops on 5 GHz" in response.content
