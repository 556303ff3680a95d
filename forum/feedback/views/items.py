"""Filing feedback, the item page and the triage verbs on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.feedback.actions.filing import environment_fields, file_feedback
from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.actions.status import add_internal_note, set_feedback_status
from forum.feedback.candidates import clean_query, merge_candidates
from forum.feedback.forms import FilingForm, MergeForm, NoteForm, StatusForm
from forum.feedback.models import FeedbackItem
from forum.feedback.permissions import is_product_team
from forum.feedback.queries import item_page
from forum.feedback.views.helpers import get_item
from forum.models import Board
from forum.permissions import access_for, check_start_thread
from forum.views.helpers import denied, error_messages, get_board


def _feedback_board(user, slug: str) -> Board:
    board = get_board(user, slug)
    if board.kind != Board.Kind.FEEDBACK or board.product_id is None:
        raise Http404("No such feedback board.")
    return board


@login_required
def new_feedback(request, slug: str):
    board = _feedback_board(request.user, slug)
    try:
        check_start_thread(request.user, board)
    except PermissionDenied as exc:
        return denied(request, exc)
    fields = environment_fields(board.product_id)
    bound = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    # "Report a bug" and "Suggest a feature" on the board open the form with that kind chosen.
    kind = request.GET.get("kind", "")
    initial = {"kind": kind} if kind in FeedbackItem.Kind.values else {}
    form = FilingForm(*bound, product=board.product, environment_fields=fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = file_feedback(
                actor=request.user,
                board=board,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                variant=data.get("variant"),
                release=data.get("release"),
                build_string=data.get("build_string", ""),
                environment=form.environment(),
                steps=data.get("steps", ""),
                expected=data.get("expected", ""),
                actual=data.get("actual", ""),
                frequency=data.get("frequency", ""),
                attachments=data.get("attachments") or [],
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        except PermissionDenied as exc:
            return denied(request, exc)
        else:
            messages.success(
                request, "Thanks, your feedback is filed. You will hear when its status changes."
            )
            return redirect(item.get_absolute_url())
    return render(
        request,
        "feedback/new.html",
        {"board": board, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def similar(request):
    """Existing feedback like a title being typed (htmx partial)."""
    from forum.feedback.similar import similar_items

    board = Board.objects.filter(slug=request.GET.get("board", "")).first()
    if board is None or not access_for(request.user).can_read(board.pk):
        items = []
    else:
        items = similar_items(
            request.user, title=request.GET.get("title", "")[:200], product_id=board.product_id
        )
    return render(request, "feedback/includes/similar.html", {"items": items})


def item_detail(request, pk: int):
    # ?merge_q=... is the "Merge into…" search submitted without JavaScript: the page shows the
    # candidates as radios in the merge form.
    return _render_item(request, pk, merge_query=request.GET.get("merge_q", ""))


def _render_item(request, pk: int, *, merge_query: str = "", merge_form=None, status: int = 200):
    page = item_page(request.user, pk, merge_query=merge_query)
    item = page.item
    if page.merged_into is not None:
        messages.info(request, f"“{item.thread.title}” was merged into this report.")
        return redirect(page.merged_into.get_absolute_url())
    return render(
        request,
        "feedback/item.html",
        {
            "page": page,
            "item": item,
            "description_html": page.description_html,
            "board": item.thread.board,
            "status_form": StatusForm(
                product_id=item.product_id, statuses=page.statuses, releases=page.releases
            ),
            "note_form": NoteForm(),
            "merge_form": merge_form or MergeForm(item=item, user=request.user),
            "merge_query": page.merge_query,
            "candidates": page.candidates,
        },
        status=status,
    )


@login_required
def merge_candidates_view(request, pk: int):
    """The "Merge into…" candidates for what the team typed (htmx partial; the item page shows the
    same list without JavaScript)."""
    item = get_item(request.user, pk)
    if not is_product_team(request.user):
        return denied(request, PermissionDenied("Only the product team merges duplicates."))
    query = clean_query(request.GET.get("merge_q", ""))
    return render(
        request,
        "feedback/includes/merge_candidates.html",
        {"item": item, "merge_query": query, "candidates": merge_candidates(request.user, item, query)},
    )


def _act(request, pk: int, perform):
    item = get_item(request.user, pk)
    try:
        perform(item)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    except PermissionDenied as exc:
        return denied(request, exc)
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def change_status(request, pk: int):
    def perform(item: FeedbackItem):
        form = StatusForm(request.POST, product_id=item.product_id)
        if not form.is_valid():
            raise ValidationError([f"{name}: {' '.join(errs)}" for name, errs in form.errors.items()])
        set_feedback_status(
            actor=request.user,
            item=item,
            status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
            release=form.cleaned_data.get("release"),
        )
        messages.success(request, f"Status changed to {form.cleaned_data['status'].name}.")

    return _act(request, pk, perform)


@login_required
@require_POST
def add_note(request, pk: int):
    def perform(item: FeedbackItem):
        form = NoteForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Write the note first.")
        add_internal_note(actor=request.user, item=item, body=form.cleaned_data["body"])

    return _act(request, pk, perform)


@login_required
@require_POST
def merge(request, pk: int):
    item = get_item(request.user, pk)
    if not is_product_team(request.user):
        return denied(request, PermissionDenied("Only the product team merges duplicates."))
    form = MergeForm(request.POST, item=item, user=request.user)
    if form.is_valid():
        try:
            survivor = merge_duplicate(
                actor=request.user,
                duplicate=item,
                survivor=form.cleaned_data["survivor"],
                comment=form.cleaned_data.get("comment", ""),
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        except PermissionDenied as exc:
            return denied(request, exc)
        else:
            messages.success(request, f"Merged “{item.thread.title}” here: its votes and followers moved.")
            return redirect(survivor.get_absolute_url())
    # The page again, the form's error at the merge box and the candidates that were shown.
    return _render_item(
        request, item.thread_id, merge_query=request.POST.get("merge_q", ""), merge_form=form, status=400
    )
