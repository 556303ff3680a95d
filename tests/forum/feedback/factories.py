"""Feedback test data, made through the actions as people make it."""

from django.utils import timezone

from forum.actions.votes import toggle_vote
from forum.feedback.actions.filing import file_feedback
from forum.feedback.models import FeedbackItem, Release
from forum.limits import limits_off
from store.actions.payments import settle_demo_payment
from tests.factories import UserFactory
from tests.store.factories import place_test_order


def make_item(
    *, board, author=None, title="Battery drains overnight on standby", kind=FeedbackItem.Kind.BUG, **kwargs
):
    author = author or UserFactory()
    kwargs.setdefault("description", "Since the last update the battery is empty every morning.")
    kwargs.setdefault("steps", "1. Charge to 100%\n2. Leave it overnight")
    with limits_off():
        return file_feedback(actor=author, board=board, kind=kind, title=title, **kwargs)


def vote(item, *users):
    with limits_off():
        for user in users:
            toggle_vote(actor=user, post=item.thread.first_post)


def make_release(
    *, product, version="1.4.2", changelog="", channel=Release.Channel.STABLE, live=False, **kwargs
):
    return Release.objects.create(
        product=product,
        version=version,
        channel=channel,
        released_on=kwargs.pop("released_on", timezone.localdate()),
        changelog=changelog,
        live=live,
        **kwargs,
    )


def make_owner(user, variant):
    """A paid demo order of ``variant`` makes ``user`` a verified owner of its product."""
    order = place_test_order(user=user, variant=variant, email=user.email)
    settle_demo_payment(order=order, succeed=True)
    return order
