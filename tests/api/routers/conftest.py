"""A product's feedback board and one filed item, shared by the feedback and triage operations' tests."""

import pytest

from forum.models import Board
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item
from tests.store.factories import ProductFactory


@pytest.fixture
def product(db):
    return ProductFactory(name="Aurora 14", slug="aurora-14")


@pytest.fixture
def feedback_board(product):
    return BoardFactory(
        slug="aurora-feedback", name="Aurora feedback", kind=Board.Kind.FEEDBACK, product=product
    )


@pytest.fixture
def item(feedback_board, other_member):
    return make_item(board=feedback_board, author=other_member)
