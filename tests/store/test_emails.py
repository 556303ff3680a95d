"""Order mail is sent after the commit: a refused recipient is logged, the order change stands."""

import smtplib

import pytest
from django.core import mail

from store.actions.payments import settle_demo_payment
from store.emails import send_order_email
from store.models import Order
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
