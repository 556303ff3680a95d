from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.models import User
from community.parsing import parse_id
from forum.actions import moderation as mod
from forum.actions.reports import check_can_suspend, handle_report, lift_suspension, suspend_user
from forum.forms import ModerationForm, SuspendForm
from forum.models import Board, ModerationLog, Post, Report, Suspension, Thread
from forum.permissions import access_for, check_moderate, filter_boards, filter_posts, filter_threads
from forum.views.helpers import error_messages, get_post, get_thread

THREAD_ACTIONS = {
    "pin",
    "unpin",
    "pin_globally",
    "unpin_globally",
    "lock",
    "unlock",
    "hide",
    "delete",
    "restore",
    "move",
    "merge",
    "split",
}
POST_ACTIONS = {"hide", "delete", "restore", "approve"}


def _moderated_boards(user):
    access = access_for(user)
    return (
        filter_boards(user, Board.objects.exclude(kind=Board.Kind.SECTION))
        .filter(pk__in=access.readable if access.is_global_moderator else access.moderated)
        .order_by("position", "name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_action(request, pk: int, action: str):
    thread = get_thread(request.user, pk)
    if action not in THREAD_ACTIONS:
        raise Http404("No such action.")
    check_moderate(request.user, thread.board_id)
    post_choices = (
        [
            (p.pk, f"#{p.number}")
            for p in Post.objects.filter(thread=thread).exclude(number=1).order_by("number")
        ]
        if action == "split"
        else ()
    )
    form = ModerationForm(
        request.POST or None, boards=_moderated_boards(request.user), post_choices=post_choices
    )
    if request.method == "POST" and form.is_valid():
        data, actor, reason = form.cleaned_data, request.user, form.cleaned_data["reason"]
        try:
            if action in {"pin", "unpin", "pin_globally", "unpin_globally"}:
                mod.pin_thread(
                    actor=actor,
                    thread=thread,
                    pinned=action.startswith("pin"),
                    globally=action.endswith("globally"),
                    reason=reason,
                )
            elif action in {"lock", "unlock"}:
                mod.lock_thread(actor=actor, thread=thread, locked=action == "lock", reason=reason)
            elif action in {"hide", "delete", "restore"}:
                state = {"hide": "hidden", "delete": "deleted", "restore": "visible"}[action]
                mod.set_thread_visibility(actor=actor, thread=thread, state=state, reason=reason)
            elif action == "move":
                if not data["board"]:
                    raise ValidationError("Pick the board to move the thread to.")
                mod.move_thread(actor=actor, thread=thread, board=data["board"], reason=reason)
            elif action == "merge":
                target = filter_threads(actor, Thread.objects.filter(pk=data["target"] or 0)).first()
                if target is None:
                    raise ValidationError("No thread with that number that you can moderate.")
                thread = mod.merge_threads(actor=actor, source=thread, target=target, reason=reason)
            elif action == "split":
                thread = mod.split_posts(
                    actor=actor,
                    thread=thread,
                    post_ids=data["posts"],
                    title=data["title"],
                    board=data["board"],
                    reason=reason,
                )
        except (ValidationError, PermissionDenied) as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "Done.")
            return redirect(thread.get_absolute_url())
    status = 400 if form.errors else 200
    return render(
        request,
        "forum/moderation/thread_action.html",
        {"thread": thread, "board": thread.board, "action": action, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_action(request, pk: int, action: str):
    post = get_post(request.user, pk)
    if action not in POST_ACTIONS:
        raise Http404("No such action.")
    check_moderate(request.user, post.thread.board_id)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        state = {"hide": "hidden", "delete": "deleted", "restore": "visible", "approve": "approved"}[action]
        try:
            mod.set_post_visibility(
                actor=request.user, post=post, state=state, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "Done.")
            return redirect(post.thread.get_absolute_url() + f"#p{post.number}")
    status = 400 if form.errors else 200
    return render(
        request,
        "forum/moderation/post_action.html",
        {"post": post, "thread": post.thread, "board": post.thread.board, "action": action, "form": form},
        status=status,
    )


@login_required
def queue(request):
    access = access_for(request.user)
    if not (access.is_global_moderator or access.moderated):
        raise Http404("No such page.")
    reports = list(
        Report.objects.filter(
            status=Report.Status.OPEN, post__in=filter_posts(request.user, Post.objects.all())
        )
        .filter(
            post__thread__board_id__in=access.readable if access.is_global_moderator else access.moderated
        )
        .select_related("post__thread__board", "post__author", "reporter")
        .order_by("-weight", "created_at")[:200]
    )
    awaiting = list(
        filter_posts(request.user, Post.objects.filter(is_approved=False, deleted_at__isnull=True))
        .filter(thread__board_id__in=access.readable if access.is_global_moderator else access.moderated)
        .select_related("thread__board", "author")
        .order_by("created_at")[:200]
    )
    return render(request, "forum/moderation/queue.html", {"reports": reports, "awaiting": awaiting})


@login_required
@require_POST
def report_outcome(request, pk: int):
    report = get_object_or_404(Report.objects.select_related("post__thread"), pk=pk)
    if not access_for(request.user).can_moderate(report.post.thread.board_id):
        raise Http404("No such report.")
    try:
        handle_report(
            actor=request.user,
            report=report,
            outcome=request.POST.get("outcome", ""),
            reason=request.POST.get("reason", "")[:500],
        )
    except ValidationError as exc:
        messages.error(request, error_messages(exc)[0])
    return redirect("forum:mod_queue")


@login_required
def log(request):
    access = access_for(request.user)
    if not (access.is_global_moderator or access.moderated):
        raise Http404("No such page.")
    rows = ModerationLog.objects.select_related("actor", "thread", "post", "target_user", "board").order_by(
        "-created_at", "-pk"
    )
    if not access.is_global_moderator:
        rows = rows.filter(board_id__in=access.moderated)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "forum/moderation/log.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def suspend(request, username: str):
    try:
        check_can_suspend(request.user)
    except PermissionDenied:
        raise Http404("No such page.") from None
    person = get_object_or_404(User, username=username)
    form = SuspendForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("lift"):
            suspension = get_object_or_404(Suspension, pk=parse_id(request.POST["lift"]), user=person)
            lift_suspension(
                actor=request.user, suspension=suspension, reason=request.POST.get("reason", "")[:500]
            )
            messages.success(request, "Suspension lifted.")
            return redirect("forum:suspend", username=person.username)
        if form.is_valid():
            try:
                suspend_user(
                    actor=request.user,
                    user=person,
                    reason=form.cleaned_data["reason"],
                    days=form.cleaned_data["days"],
                )
            except (ValidationError, PermissionDenied) as exc:
                for message in error_messages(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, f"{person.public_name} is suspended.")
                return redirect("forum:suspend", username=person.username)
    suspensions = Suspension.objects.filter(user=person).order_by("-starts_at")
    status = 400 if form.errors else 200
    return render(
        request,
        "forum/moderation/suspend.html",
        {"person": person, "form": form, "suspensions": suspensions},
        status=status,
    )
