"""Forms validate shapes; the actions re-check every rule."""

from django import forms
from django.utils.translation import ngettext_lazy

from community.parsing import parse_id
from community.validators import SingleLineField
from forum.feedback.models import FeedbackItem, Release, Status
from forum.feedback.queries import (
    SORTS,
    TriageFilter,
    reportable_releases,
    reportable_variants,
    visible_items,
)
from forum.feedback.validation import MAX_ATTACHMENTS
from store.models import Product, Variant


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class FilingForm(forms.Form):
    kind = forms.ChoiceField(choices=FeedbackItem.Kind.choices, widget=forms.RadioSelect, initial="BUG")
    title = SingleLineField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    variant = forms.ModelChoiceField(queryset=Variant.objects.none(), required=False, label="Model")
    release = forms.ModelChoiceField(queryset=Release.objects.none(), required=False, label="Version you run")
    build_string = SingleLineField(
        max_length=60, required=False, label="Or type the build", help_text="If it is not in the list."
    )
    steps = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Steps to reproduce"
    )
    expected = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Expected result"
    )
    actual = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Actual result")
    frequency = forms.ChoiceField(choices=FeedbackItem.Frequency.choices, required=False)
    attachments = MultipleFileField(
        required=False,
        help_text=f"Screenshots or logs: up to {MAX_ATTACHMENTS} files of 5 MB (png, jpg, gif, webp, txt, log, zip).",
    )

    def __init__(self, *args, product: Product, environment_fields: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.environment_fields = environment_fields
        variants = reportable_variants(product.pk)
        self.fields["variant"].queryset = variants
        self.fields["variant"].label_from_instance = lambda v: (
            ", ".join(str(x) for x in (v.options or {}).values()) or v.sku
        )
        self.fields["release"].queryset = reportable_releases(product.pk)
        self.fields["release"].label_from_instance = lambda r: f"{r.version} ({r.get_channel_display()})"
        if variants.count() < 2:
            del self.fields["variant"]
        for field in environment_fields:
            name = f"env_{field['name']}"
            if field["type"] == "choice":
                self.fields[name] = forms.ChoiceField(
                    label=field["label"],
                    required=field["required"],
                    choices=[("", "—")] + [(c, c) for c in field["choices"]],
                )
            else:
                self.fields[name] = SingleLineField(
                    label=field["label"], required=field["required"], max_length=120
                )

    def environment(self) -> dict:
        return {f["name"]: self.cleaned_data.get(f"env_{f['name']}", "") for f in self.environment_fields}

    def environment_bound_fields(self):
        return [self[f"env_{f['name']}"] for f in self.environment_fields]


class PreloadedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that renders and validates from rows a page's query function read already
    (``preload(rows)``), instead of querying its queryset to render and again to validate; without
    them it is a plain ModelChoiceField."""

    rows: list | None = None

    def preload(self, rows) -> None:
        self.rows = list(rows)
        empty = [("", self.empty_label)] if self.empty_label is not None else []
        self.choices = empty + [(self.prepare_value(row), self.label_from_instance(row)) for row in self.rows]

    def to_python(self, value):
        if self.rows is None:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        for row in self.rows:
            if str(getattr(row, key)) == str(value):
                return row
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class StatusForm(forms.Form):
    status = PreloadedChoiceField(
        queryset=Status.objects.exclude(key=Status.DUPLICATE).order_by("position", "pk")
    )
    release = PreloadedChoiceField(queryset=Release.objects.none(), required=False)
    comment = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, product_id=None, statuses=None, releases=None, **kwargs):
        """``statuses`` and ``releases``: the choices as the item page read them (no query here)."""
        super().__init__(*args, **kwargs)
        self.fields["release"].queryset = Release.objects.filter(product_id=product_id, live=True)
        if statuses is not None:
            self.fields["status"].preload(statuses)
        if releases is not None:
            self.fields["release"].preload(releases)


class NoteForm(forms.Form):
    body = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 2}), label="Internal note")


class MergeForm(forms.Form):
    """The item a duplicate is merged into: a radio picked from the "Merge into…" candidates (or an
    item number). ``cleaned_data["survivor"]`` is that FeedbackItem, readable by ``user``, of the
    same product, not merged itself and not the duplicate; merge_duplicate re-checks every rule."""

    survivor = forms.CharField(
        label="Merge into",
        max_length=40,
        strip=True,
        error_messages={"required": "Pick the item this one duplicates."},
    )
    comment = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Public note (optional)",
        help_text="Shown in the duplicate's timeline; “Duplicate of #…” when left empty.",
    )

    def __init__(self, *args, item: FeedbackItem, user, **kwargs):
        kwargs.setdefault("auto_id", "merge_%s")  # the status form on the same page has a comment too
        super().__init__(*args, **kwargs)
        self.item = item
        self.user = user

    def clean_survivor(self) -> FeedbackItem:
        number = parse_id(self.cleaned_data["survivor"].removeprefix("#"))
        if number is None:
            raise forms.ValidationError("Pick one of the items found, or give an item number.")
        if number == self.item.thread_id:
            raise forms.ValidationError("An item cannot duplicate itself: pick another one.")
        survivor = (
            visible_items(self.user)
            .filter(thread_id=number)
            .select_related("thread__board", "status")
            .first()
        )
        if survivor is None:
            raise forms.ValidationError(f"There is no feedback item #{number}.")
        if survivor.product_id != self.item.product_id:
            raise forms.ValidationError(
                f"#{number} is about another product: only items about the same product can be merged."
            )
        if survivor.duplicate_of_id is not None:
            raise forms.ValidationError(f"#{number} was itself merged: pick the item it was merged into.")
        return survivor


class RatingForm(forms.Form):
    """A build's rating: a group of five radios (stars), each labelled with its number."""

    stars = forms.TypedChoiceField(
        choices=[(i, ngettext_lazy("%(n)d star", "%(n)d stars", "n") % {"n": i}) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        label="Your rating",
        error_messages={
            "required": "Pick from 1 to 5 stars.",
            "invalid_choice": "Pick from 1 to 5 stars.",
        },
    )


class TriageFilterForm(forms.Form):
    product = PreloadedChoiceField(
        queryset=Product.objects.order_by("name"), required=False, to_field_name="slug"
    )
    kind = forms.ChoiceField(choices=[("", "Any kind"), *list(FeedbackItem.Kind.choices)], required=False)
    status = PreloadedChoiceField(
        queryset=Status.objects.order_by("position", "pk"), required=False, to_field_name="key"
    )
    release = PreloadedChoiceField(
        queryset=Release.objects.select_related("product").order_by("product_id", "-released_on"),
        required=False,
    )
    owners_only = forms.BooleanField(required=False, label="Owners only")
    sort = forms.ChoiceField(choices=[(k, v[0]) for k, v in SORTS.items()], required=False)
    q = forms.CharField(required=False, max_length=100, label="Title contains")

    def spec(self) -> TriageFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return TriageFilter(
            product=data.get("product"),
            kind=data.get("kind") or "",
            status=data.get("status"),
            release=data.get("release"),
            owners_only=bool(data.get("owners_only")),
            sort=data.get("sort") or "votes",
            q=data.get("q") or "",
        )

    def preload(self, *, products, statuses, releases) -> None:
        """Render and validate from the rows the triage board read (forum.feedback.queries)."""
        self.fields["product"].preload(products)
        self.fields["status"].preload(statuses)
        self.fields["release"].preload(releases)


class BulkStatusForm(forms.Form):
    items = forms.CharField(widget=forms.MultipleHiddenInput, required=False)
    status = PreloadedChoiceField(
        queryset=Status.objects.exclude(key=Status.DUPLICATE).order_by("position", "pk")
    )
    comment = forms.CharField(max_length=2000)

    def __init__(self, *args, statuses=None, **kwargs):
        """``statuses``: every status as the triage board read them (no query here)."""
        super().__init__(*args, **kwargs)
        if statuses is not None:
            self.fields["status"].preload([s for s in statuses if s.key != Status.DUPLICATE])
