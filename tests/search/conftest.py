import pytest

from search.backends import reset_backend


@pytest.fixture(autouse=True)
def _fresh_backend(settings):
    """Each test picks its engine from its own settings (ELASTICSEARCH_URL may be overridden)."""
    reset_backend()
    yield
    reset_backend()


@pytest.fixture
def reindex_all(db):
    from search.index import reindex

    def run(*types: str):
        return list(reindex(list(types) or None))

    return run
