"""The product team's triage board, its CSV export and bulk status change, and the weekly report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from community.parsing import parse_ids
from forum.feedback import charts, reports
from forum.feedback.actions.status import bulk_set_status
from forum.feedback.exports import csv_filename, csv_rows
from forum.feedback.forms import BulkStatusForm, TriageFilterForm
from forum.feedback.models import FeedbackItem
from forum.feedback.permissions import check_team
from forum.feedback.queries import triage_board, triage_queryset, visible_items
from forum.views.helpers import denied, error_messages, safe_next

PAGE_SIZE = 100


def _team_only(view):
    def wrapped(request, *args, **kwargs):
        try:
            check_team(request.user)
        except PermissionDenied as exc:
            return denied(request, exc)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return login_required(wrapped)


@_team_only
def board(request):
    triage = triage_board(request.user, request.GET, per_page=PAGE_SIZE)
    return render(
        request,
        "feedback/triage.html",
        {
            "triage": triage,
            "form": triage.form,
            "page": triage.page,
            "items": triage.items,
            "query": triage.query,
            "bulk_form": BulkStatusForm(prefix="bulk", statuses=triage.statuses),
            "status_chart": status_chart(triage.by_status),
        },
        status=400 if triage.form.is_bound and not triage.form.is_valid() else 200,
    )


def status_chart(by_status) -> str:
    """The board's items per status for its filter, as a bar chart (the counts came with the
    board's count query); its accessible name says the numbers, as the bars' tooltips do."""
    summary = ", ".join(f"{status.name} {n}" for status, n in by_status)
    return charts.labelled_bars(
        [(status.name, n) for status, n in by_status], label=f"Items per status for this filter: {summary}"
    )


@_team_only
def export_csv(request):
    form = TriageFilterForm(request.GET or None)
    queryset = triage_queryset(request.user, form.spec())
    rows = csv_rows(queryset, base_url=request.build_absolute_uri("/")[:-1])
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename()}"'
    return response


@_team_only
@require_POST
def bulk_status(request):
    form = BulkStatusForm(request.POST, prefix="bulk")
    back = safe_next(request, "/forum/feedback/triage/")
    ids = parse_ids(request.POST.getlist("items"), limit=500)
    if not form.is_valid() or not ids:
        messages.error(request, "Pick items, a status and write a public comment.")
        return redirect(back)
    items = list(visible_items(request.user).filter(thread_id__in=ids).select_related("thread", "status"))
    try:
        changed = bulk_set_status(
            actor=request.user,
            items=items,
            status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        moved = ngettext("%(n)d item moved", "%(n)d items moved", changed) % {"n": changed}
        messages.success(request, f"{moved} to {form.cleaned_data['status'].name}.")
    return redirect(back)


@_team_only
def weekly_report(request):
    data = reports.weekly(request.user, product_slug=request.GET.get("product", ""))
    return render(
        request,
        "feedback/report.html",
        {
            "data": data,
            "per_day_chart": charts.stacked_bars(
                data.per_day, series=[k for k, _ in FeedbackItem.Kind.choices]
            ),
            # one release a line, its whole name above its bar (turned labels under bars were cut)
            "fixed_chart": charts.bars(
                data.fixed_per_release, horizontal=True, label="Items fixed per release"
            ),
            # whole titles: the chart shortens what does not fit and keeps the rest in a tooltip
            "top_chart": charts.bars(
                [(i.thread.title, i.thread.score) for i in data.top_open], horizontal=True
            ),
        },
    )
