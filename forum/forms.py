from django import forms
from django.core.exceptions import ValidationError

from community.parsing import MAX_ID
from community.validators import SingleLineField
from forum import conf
from forum.models import Board
from forum.validation import clean_body, clean_poll, clean_tags, clean_title


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "data-forum-editor": ""}))
        kwargs.setdefault("strip", False)
        super().__init__(max_length=conf.post_max_length() + 1000, **kwargs)

    def clean(self, value):
        return clean_body(super().clean(value))


class ThreadForm(forms.Form):
    title = SingleLineField(max_length=400)
    body = BodyField(label="Text (Markdown)")
    tags = forms.CharField(
        max_length=300, required=False, help_text="Up to 5, separated by commas or spaces."
    )
    poll_question = SingleLineField(max_length=400, required=False, label="Poll question (optional)")
    poll_choices = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Poll choices, one per line",
    )
    poll_allows_multiple = forms.BooleanField(required=False, label="People may pick several choices")
    poll_closes_at = forms.DateTimeField(
        required=False,
        label="Poll closes at (optional)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean_title(self):
        return clean_title(self.cleaned_data["title"])

    def clean_tags(self):
        return clean_tags(self.cleaned_data["tags"])

    def clean(self):
        data = super().clean()
        question, choices = data.get("poll_question", ""), (data.get("poll_choices") or "").splitlines()
        if question or any(c.strip() for c in choices):
            try:
                data["poll_question"], data["poll_choice_list"] = clean_poll(question, choices)
            except ValidationError as error:
                self.add_error("poll_choices" if question else "poll_question", error)
        else:
            data["poll_choice_list"] = []
        return data


class ReplyForm(forms.Form):
    body = BodyField(label="Your reply (Markdown)")
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)


class EditForm(forms.Form):
    title = SingleLineField(max_length=400, required=False)
    tags = forms.CharField(
        max_length=300, required=False, help_text="Up to 5, separated by commas or spaces."
    )
    body = BodyField(label="Text (Markdown)")
    reason = SingleLineField(max_length=300, required=False, label="Reason for the edit (optional)")

    def clean_tags(self):
        return clean_tags(self.cleaned_data["tags"])


class ReportForm(forms.Form):
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3}), label="What is wrong?")


class ModerationForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False)
    board = forms.ModelChoiceField(queryset=Board.objects.none(), required=False, to_field_name="slug")
    target = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, label="Thread number to merge into"
    )
    title = SingleLineField(max_length=400, required=False)
    posts = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args, boards=None, post_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        if boards is not None:
            self.fields["board"].queryset = boards
        self.fields["posts"].choices = post_choices


class SuspendForm(forms.Form):
    reason = forms.CharField(max_length=500)
    days = forms.IntegerField(required=False, min_value=1, max_value=3650, help_text="Empty: permanent.")
