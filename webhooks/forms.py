from django import forms

from community.events import Event

EVENT_HELP = {
    Event.THREAD_STARTED: "A thread is started (its opening post included)",
    Event.POST_CREATED: "A reply is posted",
    Event.FEEDBACK_FILED: "Feedback (a bug or a suggestion) is filed",
    Event.FEEDBACK_STATUS_CHANGED: "Feedback changes status",
    Event.FEEDBACK_MERGED: "A duplicate is merged into another item",
    Event.RELEASE_PUBLISHED: "A release is published",
    Event.ORDER_PAID: "An order is paid",
    Event.ORDER_REFUNDED: "An order is refunded (in part or in full)",
}


class SubscriptionForm(forms.Form):
    url = forms.CharField(
        label="Endpoint URL",
        max_length=500,
        help_text="Deliveries are POSTed here as JSON, signed with the Standard Webhooks headers.",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/webhooks/canopy"}),
    )
    description = forms.CharField(label="Description", max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label="Events",
        choices=[(event.value, f"{event.value}: {EVENT_HELP[event]}") for event in Event],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one event."},
    )
