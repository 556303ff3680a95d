"""Thread forms: titles and the other one-line fields refuse control characters with a form error."""

import pytest
from django.core.exceptions import ValidationError

from forum.forms import EditForm, ReplyForm, ThreadForm
from forum.validation import clean_title

BODY = "It blinks twice and stops, every time."


@pytest.mark.parametrize(
    "title", ["Battery\r\ndrains", "Battery drains\n", "Battery\x00drains", "Battery\x07 drains"]
)
def test_a_thread_title_refuses_control_characters(title):
    form = ThreadForm({"title": title, "body": BODY})
    assert not form.is_valid()
    assert "line breaks and control characters" in form.errors["title"][0]


def test_an_edited_title_refuses_control_characters():
    assert "title" in EditForm({"title": "New\r\ntitle", "body": BODY}).errors


def test_the_action_rule_refuses_them_too():
    """Actions re-check (the API and bulk writers do not go through the form)."""
    with pytest.raises(ValidationError):
        clean_title("A long enough title\nwith a break")
    assert clean_title("  A long   enough title ") == "A long enough title"


@pytest.mark.parametrize("value", ["99999999999999999999", str(2**63), "-1", "0"])
def test_hidden_post_numbers_are_bounded(value):
    assert "reply_to" in ReplyForm({"body": BODY, "reply_to": value}).errors
