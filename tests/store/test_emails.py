"""Order mail is sent after the commit: a refused recipient is logged, the order change stands."""

import smtplib

import pytest
from django.core import mail

from store.actions.payments import settle_demo_payment
from store.emails import send_order_email
from store.models import Order
from tests.factories import make_team_member
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


def test_a_refused_confirmation_is_logged_and_the_payment_stands(
    member, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"bounce@example.com": (550, b"No such user")})

    monkeypatch.setattr("store.emails.send_mail", refuse)
    order = place_test_order(user=member, variant=VariantFactory(), email="bounce@example.com")

    with caplog.at_level("ERROR", logger="store.emails"), django_capture_on_commit_callbacks(execute=True):
        assert settle_demo_payment(order=order, succeed=True, actor=member)

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert any(
        order.number in r.getMessage() and "bounce@example.com" in r.getMessage() for r in caplog.records
    )


def test_the_confirmation_names_the_shipping_country(member, django_capture_on_commit_callbacks):
    order = place_test_order(user=member, variant=VariantFactory())
    assert send_order_email(order_id=order.pk, kind="confirmation")
    assert "United States of America" in mail.outbox[0].body


def test_an_unknown_order_sends_nothing():
    assert send_order_email(order_id=424242, kind="confirmation") is False
    assert mail.outbox == []


def test_the_shipping_mail_names_the_carrier_and_links_the_order_on_the_site(
    member, settings, django_capture_on_commit_callbacks
):
    from store.actions.fulfilment import mark_order_shipped

    settings.SITE_URL = "https://canopy.example:8443/"
    mira = make_team_member()
    order = place_test_order(user=member, variant=VariantFactory(), email="leo@example.com")
    settle_demo_payment(order=order, succeed=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mark_order_shipped(order_id=order.pk, actor=mira, carrier="DHL Express", tracking_number="JD0142")
    (sent,) = mail.outbox
    assert sent.to == ["leo@example.com"] and sent.subject == f"Order {order.number} is on its way"
    assert "Carrier: DHL Express" in sent.body and "Tracking number: JD0142" in sent.body
    assert "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0142" in sent.body
    assert f"https://canopy.example:8443/store/orders/{order.number}/" in sent.body
