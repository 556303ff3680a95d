"""Copy: a count of one reads "1 vote", never "1 votes" (feedback, release, roadmap, triage, report
and board pages, where such counts show)."""

import re

import pytest
from django.urls import reverse

from forum.actions.posts import reply
from forum.feedback.actions.releases import rate_build
from forum.feedback.actions.status import set_feedback_status
from forum.feedback.models import Status
from forum.limits import limits_off
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_owner, make_release, vote

pytestmark = pytest.mark.django_db

WRONG = re.compile(
    r"(?<![\d.,])1 (votes|replies|owners|posts|threads|items|ratings|points|days|units|people|new items)\b"
)


def _wrong(html: str) -> list[str]:
    text = re.sub(r"<[^>]+>", "", html)  # "<span>1</span> votes" reads "1 votes" too
    return [m.group(0) for m in WRONG.finditer(text)]


def test_counts_of_one_are_singular(client, team, feedback_board, product, variant, item):
    # Given an item with one vote (from a verified owner), one reply, planned, on a release rated once
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    vote(item, owner)
    with limits_off():
        reply(actor=owner, thread=item.thread, body="Same here since the update.")
    set_feedback_status(actor=team, item=item, status=Status.objects.get(key="planned"), comment="Soon")
    release = make_release(product=product, version="1.5.0", live=True)
    item.affected_release = release
    item.save(update_fields=["affected_release"])
    rate_build(actor=owner, release=release, stars=4)

    client.force_login(team)
    pages = {
        "item": item.get_absolute_url(),
        "release": release.get_absolute_url(),
        "roadmap": reverse("forum:feedback:roadmap", args=[product.slug]),
        "triage": reverse("forum:feedback:triage"),
        "report": reverse("forum:feedback:report"),
        "forum": reverse("forum:index"),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert _wrong(response.content.decode()) == [], name
    # and the singular forms are there
    assert "1 vote ·" in re.sub(r"<[^>]+>", "", client.get(item.get_absolute_url()).content.decode())
    assert "Discussion (1 reply)" in client.get(item.get_absolute_url()).content.decode()
    assert "(1 from owner)" in client.get(pages["roadmap"]).content.decode()
    assert "from 1 rating" in client.get(pages["release"]).content.decode()
    assert "(1 item)" in client.get(pages["triage"]).content.decode()


def test_messages_and_home_cards_count_in_the_singular(client, team, feedback_board, item):
    from forum.home import featured_boards

    [card] = featured_boards(slugs=[feedback_board.slug], limit=1)
    assert card.meta == "1 thread · 1 post"

    client.force_login(team)
    response = client.post(
        reverse("forum:feedback:bulk_status"),
        {"items": [item.thread_id], "bulk-status": Status.objects.get(key="planned").pk, "bulk-comment": "Soon"},
        follow=True,
    )
    assert "1 item moved to Planned." in response.content.decode()
