from django import forms

from community.parsing import MAX_ID
from community.profiles.models import Visibility
from community.validators import SingleLineField


class ProfileForm(forms.Form):
    display_name = SingleLineField(max_length=60, required=False)
    bio = forms.CharField(max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    location = SingleLineField(max_length=80, required=False)
    links = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One address a line (http or https), up to five.",
    )
    details_visibility = forms.ChoiceField(
        choices=Visibility.choices, label="Who sees your bio, location and links"
    )
    show_owned_products = forms.BooleanField(required=False, label="Show the products I own")
    show_activity = forms.BooleanField(required=False, label="Show my activity tabs")
    show_follows = forms.BooleanField(required=False, label="Show how many people I follow and who follow me")
    avatar = forms.FileField(required=False, help_text="A square crop of 256 pixels is kept; under 5 MB.")
    remove_avatar = forms.BooleanField(required=False, label="Use the generated avatar instead")

    def clean_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]


class DeclareProductForm(forms.Form):
    product_id = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.Select)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_id"].widget.choices = [("", "Choose a product"), *choices]
        self.fields["product_id"].label = "Product"


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 5}), label="Why do you want to test?"
    )
    setup = SingleLineField(max_length=200, required=False, label="Your device and version")


class DecisionForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    decision = forms.ChoiceField(choices=[("admit", "Admit"), ("decline", "Decline"), ("remove", "Remove")])
    reason = SingleLineField(max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") in {"decline", "remove"} and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give a reason: the person is told.")
        return data


class DeleteAccountForm(forms.Form):
    CONTENT_CHOICES = [
        ("keep", "Keep my posts, shown as by \u201cDeleted user\u201d"),
        ("remove", "Remove my posts"),
    ]
    password = forms.CharField(widget=forms.PasswordInput, label="Your password")
    content = forms.ChoiceField(choices=CONTENT_CHOICES, widget=forms.RadioSelect, initial="keep")
    confirm = forms.BooleanField(label="I understand this cannot be undone")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password
