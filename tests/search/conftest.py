import os

import pytest

from search.backends import reset_backend

ENGINES = ["database", "elasticsearch"]


@pytest.fixture(autouse=True)
def _fresh_backend(settings):
    """Each test picks its engine from its own settings (ELASTICSEARCH_URL may be overridden)."""
    settings.ELASTICSEARCH_URL = ""
    reset_backend()
    yield
    reset_backend()


@pytest.fixture(params=ENGINES)
def engine(request, settings, db):
    """The contract suite runs on the database backend (SQLite or PostgreSQL, from DATABASE_URL) and,
    when ELASTICSEARCH_URL is set in the environment, on a live Elasticsearch node."""
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            pytest.skip("needs a live Elasticsearch node: set ELASTICSEARCH_URL")
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_ELASTICSEARCH_INDEX = "canopy-test"
        settings.SEARCH_ELASTICSEARCH_REFRESH = True
    else:
        settings.ELASTICSEARCH_URL = ""
    reset_backend()
    from search.backends import get_backend

    get_backend().clear()
    yield request.param
    get_backend().clear()
    reset_backend()


@pytest.fixture
def reindex_all(db):
    from search.index import reindex

    def run(*types: str):
        return list(reindex(list(types) or None))

    return run
