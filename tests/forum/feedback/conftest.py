import pytest

from forum.models import Board
from tests.factories import UserFactory, make_team_member
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item
from tests.store.factories import ProductFactory, VariantFactory


@pytest.fixture
def product(db):
    return ProductFactory(name="Aurora 14", slug="aurora-14")


@pytest.fixture
def variant(product):
    return VariantFactory(product=product, sku="A14-BLK")


@pytest.fixture
def feedback_board(product):
    return BoardFactory(
        slug="aurora-14-feedback", name="Aurora 14 feedback", kind=Board.Kind.FEEDBACK, product=product
    )


@pytest.fixture
def team(db):
    user = make_team_member()
    return user


@pytest.fixture
def reporter(db):
    return UserFactory(username="reporter")


@pytest.fixture
def item(feedback_board, reporter):
    return make_item(board=feedback_board, author=reporter)


@pytest.fixture(autouse=True)
def _demo_payments(settings, tmp_path):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.MEDIA_ROOT = str(tmp_path / "media")
