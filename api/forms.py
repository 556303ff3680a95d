from django import forms

from api.models import Scope
from community.validators import SingleLineField


class TokenForm(forms.Form):
    name = SingleLineField(
        max_length=80, label="Name", help_text="What will use it, e.g. “release notes bot”."
    )
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
        error_messages={"required": "Pick at least one scope."},
    )
    expires_on = forms.DateField(
        required=False,
        label="Expires on (optional)",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for a token that works until you revoke it.",
    )

    def __init__(self, *args, can_triage: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_triage:
            self.fields["scopes"].choices = [c for c in Scope.choices if c[0] != Scope.FEEDBACK_TRIAGE]
