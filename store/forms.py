import re
import secrets

from django import forms
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from community.validators import SingleLineField


class CountryChoiceField(LazyTypedChoiceField):
    """The ISO 3166 list; a posted code is accepted in either case ("de" or "DE")."""

    def to_python(self, value):
        return super().to_python(value).upper()


CHECKOUT_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


class CheckoutForm(forms.Form):
    email = forms.EmailField(label="E-mail", help_text="Your receipt and shipping updates go here.")
    name = SingleLineField(label="Full name", max_length=120)
    line1 = SingleLineField(label="Address", max_length=200)
    line2 = SingleLineField(label="Address (line 2)", max_length=200, required=False)
    city = SingleLineField(max_length=120)
    postal_code = SingleLineField(label="Postal code", max_length=20)
    country = CountryChoiceField(
        choices=lambda: [("", "Choose a country"), *countries],  # names in the page's language
        error_messages={"invalid_choice": "Choose the country from the list."},
    )
    purchase_code = SingleLineField(
        label="Purchase-right code",
        max_length=32,
        required=False,
        help_text="Only for limited drops that need one.",
    )
    expected_total_minor = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # A one-time key the page carries: submitting the same form twice gives the same order.
    checkout_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_checkout_key(self) -> str:
        key = self.cleaned_data["checkout_key"]
        return key if CHECKOUT_KEY.fullmatch(key) else ""

    @staticmethod
    def new_checkout_key() -> str:
        return secrets.token_urlsafe(24)


class ShipForm(forms.Form):
    """One order handed to a carrier (the list of known carriers is offered; any other may be typed)."""

    carrier = SingleLineField(
        max_length=60,
        help_text="A carrier store.carriers knows (DHL, UPS, ...) gives the buyer a tracking link.",
    )
    tracking_number = SingleLineField(max_length=120)


class ShipmentsForm(forms.Form):
    """The team's shipments list: move the ticked orders one step; shipping takes one carrier for
    all of them and each order's own tracking number (read from the rows by the view)."""

    MOVES = [("PACKED", "Mark packed"), ("SHIPPED", "Mark shipped"), ("DELIVERED", "Mark delivered")]

    move = forms.ChoiceField(choices=MOVES, error_messages={"invalid_choice": "Choose what to mark."})
    orders = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": "Tick at least one order."}
    )
    carrier = SingleLineField(max_length=60, required=False)

    def __init__(self, *args, order_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orders"].choices = [(pk, pk) for pk in order_ids]
        self.fields["orders"].error_messages["invalid_choice"] = (
            "An order you ticked is no longer on this list: reload the page."
        )

    def clean(self):
        data = super().clean()
        if data.get("move") == "SHIPPED" and not data.get("carrier"):
            self.add_error("carrier", "Name the carrier to mark orders shipped.")
        return data


class RefundForm(forms.Form):
    amount_minor = forms.IntegerField(
        min_value=1, label="Amount (minor units)", help_text="In cents: 1999 refunds 19.99."
    )
    reason = SingleLineField(max_length=200, required=False)


class GrantRightsForm(forms.Form):
    """Grant a drop's purchase rights to a product's top people (store.actions.rights_grants)."""

    source = forms.ChoiceField(
        choices=[("reputation", "Top contributors (reputation)"), ("testers", "Top testers (tester score)")]
    )
    count = forms.IntegerField(min_value=1, max_value=500, initial=10, label="How many people")
    period = forms.ChoiceField(
        choices=[("all", "All time"), ("month", "This month"), ("week", "This week")],
        initial="all",
        help_text="For reputation: points earned in this period on the drop's product.",
    )
