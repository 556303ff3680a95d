from datetime import timedelta

import pytest
from django.utils import timezone

from forum.feedback.forms import FilingForm
from tests.forum.feedback.factories import make_release
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_the_version_list_offers_every_released_version_newest_first(product):
    today = timezone.localdate()
    for version, days, channel, live in [
        ("V14.0.3.0", 40, "STABLE", True),
        ("V14.0.4.0", 3, "STABLE", True),  # the one the home page announces
        ("V14.0.5.2", 0, "WEEKLY", True),
        ("V14.0.5.0", 1, "BETA", True),
        ("V14.1.0.0", 0, "STABLE", False),  # a draft: not released
    ]:
        make_release(
            product=product,
            version=version,
            channel=channel,
            live=live,
            released_on=today - timedelta(days=days),
        )
    make_release(product=ProductFactory(slug="other"), version="9.9.9", live=True)

    form = FilingForm(product=product, environment_fields=[])
    choices = [label for value, label in form.fields["release"].choices if value]
    assert choices == ["V14.0.5.2 (Weekly)", "V14.0.5.0 (Beta)", "V14.0.4.0 (Stable)", "V14.0.3.0 (Stable)"]


# --- MergeForm: the item a duplicate is merged into --------------------------------------------


def _merge_form(duplicate, user, survivor):
    from forum.feedback.forms import MergeForm

    return MergeForm({"survivor": survivor}, item=duplicate, user=user)


def test_the_merge_form_gives_the_picked_item(feedback_board, team):
    from tests.forum.feedback.factories import make_item

    duplicate, original = make_item(board=feedback_board), make_item(board=feedback_board, title="Original")
    for picked in (str(original.thread_id), f"#{original.thread_id}", f" {original.thread_id} "):
        form = _merge_form(duplicate, team, picked)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["survivor"] == original


@pytest.mark.parametrize(
    "picked",
    ["", "x", "0", "-1", "1e3", "0x10", "9" * 30, "\u0661\u0662", "\uff11\uff12", "12 13", "12;DROP"],
)
def test_the_merge_form_refuses_what_is_no_item_number(feedback_board, team, picked):
    from tests.forum.feedback.factories import make_item

    form = _merge_form(make_item(board=feedback_board), team, picked)
    assert not form.is_valid() and form.errors["survivor"]


def test_the_merge_form_refuses_itself_another_product_and_a_merged_item(feedback_board, team):
    from forum.feedback.actions.merging import merge_duplicate
    from forum.models import Board
    from tests.forum.factories import BoardFactory
    from tests.forum.feedback.factories import make_item

    elsewhere = make_item(
        board=BoardFactory(slug="buds-fb", kind=Board.Kind.FEEDBACK, product=ProductFactory(slug="buds")),
        title="Elsewhere",
    )
    duplicate = make_item(board=feedback_board)
    original = make_item(board=feedback_board, title="Original")
    merged = make_item(board=feedback_board, title="Merged already")
    merge_duplicate(actor=team, duplicate=merged, survivor=original)
    expected = {
        duplicate.thread_id: "An item cannot duplicate itself: pick another one.",
        elsewhere.thread_id: f"#{elsewhere.thread_id} is about another product: only items about the same "
        "product can be merged.",
        merged.thread_id: f"#{merged.thread_id} was itself merged: pick the item it was merged into.",
        999999: "There is no feedback item #999999.",
    }
    for number, message in expected.items():
        form = _merge_form(duplicate, team, str(number))
        assert not form.is_valid()
        assert form.errors["survivor"] == [message]
