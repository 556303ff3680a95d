from django import forms


class CheckoutForm(forms.Form):
    email = forms.EmailField(label="E-mail", help_text="Your receipt and shipping updates go here.")
    name = forms.CharField(label="Full name", max_length=120)
    line1 = forms.CharField(label="Address", max_length=200)
    line2 = forms.CharField(label="Address (line 2)", max_length=200, required=False)
    city = forms.CharField(max_length=120)
    postal_code = forms.CharField(label="Postal code", max_length=20)
    country = forms.RegexField(
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        help_text="Two-letter country code, e.g. US, DE, JP.",
        error_messages={"invalid": "Use the two-letter country code, e.g. US, DE or JP."},
    )
    purchase_code = forms.CharField(
        label="Purchase-right code",
        max_length=32,
        required=False,
        help_text="Only for limited drops that need one.",
    )
    expected_total_minor = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ShipForm(forms.Form):
    tracking_number = forms.CharField(max_length=120)


class RefundForm(forms.Form):
    amount_minor = forms.IntegerField(
        min_value=1, label="Amount (minor units)", help_text="In cents: 1999 refunds 19.99."
    )
    reason = forms.CharField(max_length=200, required=False)


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
