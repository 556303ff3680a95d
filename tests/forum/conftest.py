import pytest

from tests.forum.factories import BoardFactory


@pytest.fixture
def board(db):
    return BoardFactory(slug="general", name="General")


@pytest.fixture
def fresh(db):
    """Re-read a user so cached board access is recomputed."""

    def _fresh(user):
        return type(user).objects.get(pk=user.pk)

    return _fresh
