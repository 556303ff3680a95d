"""SITE_URL is the one source of the site's public address: every link in every mail starts with it,
account mail says "Hello from Canopy" with its domain, and the stored site records follow it."""

import re

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from wagtail.models import Site

from community.actions.sites import sync_site_records
from community.notifications.actions import notify, send_digests, set_email_preference
from community.notifications.models import EmailMode, NotificationKind
from community.sites import absolute_url, check_site_url, site_domain
from forum.feedback.actions.releases import publish_release
from forum.models import Board, ThreadWatch
from store.actions.payments import settle_demo_payment
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item, make_release
from tests.store.factories import ProductFactory, VariantFactory, place_test_order

pytestmark = pytest.mark.django_db
ORIGIN = "http://127.0.0.1:8100"
PASSWORD = "a-long-and-unusual-passphrase"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def served_at_8100(settings):
    """What ``PORT=8100 make run`` sets; the stored records still say port 8000, as after a migrate
    at the default address: mail must not depend on them."""
    settings.SITE_URL = ORIGIN
    settings.STRIPE_SECRET_KEY = ""


def everything_in(message) -> str:
    """Body, HTML alternatives and headers of one message."""
    parts = [message.subject, message.body, *(content for content, _ in getattr(message, "alternatives", []))]
    parts += [f"{name}: {value}" for name, value in message.extra_headers.items()]
    return "\n".join(parts)


def assert_links_on_the_site(messages) -> list[str]:
    assert messages
    links = []
    for message in messages:
        text = everything_in(message)
        assert "example.com" not in text, text
        found = LINK.findall(text)
        assert found, text
        assert all(link.startswith(ORIGIN + "/") for link in found), found
        links += found
    return links


def test_account_mail_links_and_names_the_site_from_site_url(client, mailoutbox):
    # Given a visitor who signs up (verification), a member who forgot the password (reset), and a
    # reset asked for an address nobody has (the sign-up link)
    UserFactory(username="leo", email="leo@canopy.test")
    client.post(
        "/accounts/signup/",
        {"email": "nadia@canopy.test", "username": "nadia", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.logout()
    client.post("/accounts/password/reset/", {"email": "leo@canopy.test"})
    client.post("/accounts/password/reset/", {"email": "nobody@canopy.test"})

    # Then each mail links to SITE_URL only (not testserver, the host the requests came in on)
    assert len(mailoutbox) == 3
    links = assert_links_on_the_site(mailoutbox)
    assert any("/accounts/confirm-email/" in link for link in links)
    assert any("/accounts/password/reset/key/" in link for link in links)
    assert any(link.endswith("/accounts/signup/") for link in links)
    assert all("Hello from Canopy!" in message.body for message in mailoutbox)
    assert all("127.0.0.1:8100" in message.body for message in mailoutbox)  # the domain at the foot


def test_order_release_notification_digest_and_unsubscribe_links_start_with_site_url(
    django_capture_on_commit_callbacks,
):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    variant = VariantFactory(product=product)
    board = BoardFactory(slug="aurora-feedback", kind=Board.Kind.FEEDBACK, product=product)
    buyer = UserFactory(username="buyer", email="buyer@canopy.test")
    follower = UserFactory(username="follower", email="follower@canopy.test")
    reader = UserFactory(username="reader", email="reader@canopy.test")
    item = make_item(board=board, author=UserFactory(username="reporter", email="reporter@canopy.test"))
    ThreadWatch.objects.create(user=follower, thread=item.thread, created_at=item.created_at)
    release = make_release(
        product=product, version="1.4.2", changelog=f"## Fixed\n- Wi-Fi (#{item.thread_id})\n"
    )
    set_email_preference(user=reader, kind=NotificationKind.FEEDBACK, email_mode=EmailMode.DAILY)

    # an order confirmation
    order = place_test_order(user=buyer, variant=variant, email=buyer.email)
    with django_capture_on_commit_callbacks(execute=True):
        settle_demo_payment(order=order, succeed=True, actor=buyer)
    order_mail = list(mail.outbox)
    # a release: its reporter and follower are told at once
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_release(actor=None, release=release)
    release_mail = list(mail.outbox)
    # a daily digest
    mail.outbox.clear()
    notify(
        recipient_ids=[reader.pk],
        kind=NotificationKind.FEEDBACK,
        text="A status moved",
        url=item.get_absolute_url(),
    )
    send_digests()
    digest_mail = list(mail.outbox)

    assert order.number in order_mail[0].subject
    assert ORIGIN + order.get_absolute_url() in assert_links_on_the_site(order_mail)
    assert {message.to[0] for message in release_mail} == {"reporter@canopy.test", "follower@canopy.test"}
    release_links = assert_links_on_the_site(release_mail)
    assert ORIGIN + item.get_absolute_url() in release_links
    assert any("/unsubscribe/" in link for link in release_links)
    assert all(
        message.extra_headers["List-Unsubscribe"].startswith(f"<{ORIGIN}/") for message in release_mail
    )
    assert digest_mail[0].to == ["reader@canopy.test"]
    assert ORIGIN + item.get_absolute_url() in assert_links_on_the_site(digest_mail)


def test_migrate_brings_the_stored_site_records_in_line_with_site_url():
    # Given the records as a migrate at another address left them
    sync_site_records()

    django_site = DjangoSite.objects.get_current()
    wagtail_site = Site.objects.get(is_default_site=True)
    assert (django_site.domain, django_site.name) == ("127.0.0.1:8100", "Canopy")
    assert (wagtail_site.hostname, wagtail_site.port) == ("127.0.0.1", 8100)
    assert wagtail_site.root_url == ORIGIN


def test_https_without_a_port_is_port_443(settings):
    settings.SITE_URL = "https://forum.canopy.test/"

    sync_site_records()

    assert site_domain() == "forum.canopy.test"
    assert absolute_url("/forum/") == "https://forum.canopy.test/forum/"
    assert Site.objects.get(is_default_site=True).port == 443


@pytest.mark.parametrize("value", ["127.0.0.1:8100", "ftp://127.0.0.1", "http://", "http://host/path/"])
def test_a_site_url_that_is_not_an_origin_fails_the_system_check(settings, value):
    settings.SITE_URL = value

    assert [error.id for error in check_site_url()] == ["community.E001"]


def test_a_proper_site_url_passes_the_system_check():
    assert check_site_url() == []
