from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from community.parsing import page_number, parse_id, parse_ids
from forum import positions, queries
from forum.actions.polls import vote_in_poll
from forum.actions.posts import delete_own_post, edit_post, reply
from forum.actions.reading import mark_read, save_draft, set_thread_watch, toggle_bookmark
from forum.actions.reports import report_post
from forum.actions.threads import start_thread
from forum.actions.votes import toggle_vote
from forum.forms import EditForm, ReplyForm, ReportForm, ThreadForm
from forum.fragments import anonymous_post_list, attach_cores, attach_footers
from forum.keys import draft_key
from forum.markdown import quote_markdown
from forum.models import Board, Draft, Poll, PostRevision
from forum.permissions import can_see_revisions, check_reply, check_start_thread
from forum.views.helpers import error_messages, get_board, get_post, get_thread, safe_next


def thread(request, pk: int, slug: str = ""):
    """Reads one query function (``queries.thread_page``) and writes nothing: the page script
    moves the reader's watermark by a POST to ``read_marker``."""
    page = queries.thread_page(request.user, pk, page=page_number(request.GET.get("page")))
    if page.moved_to is not None:
        return redirect(page.moved_to.get_absolute_url(), permanent=True)
    thread = page.thread
    if slug and slug != thread.slug:  # an old or mistyped slug (a retitled thread, an ASCII-only slug)
        query = request.GET.urlencode()
        return redirect(thread.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)
    attach_cores(page.posts)
    if request.user.is_authenticated:
        attach_post_urls(page.posts)
        attach_footers(page, thread, get_token(request))
    post_list_html = None if request.user.is_authenticated else anonymous_post_list(page, thread)
    form = None
    if page.can_reply and request.user.is_authenticated:
        form = ReplyForm(initial={"body": page.draft_body})
    canonical = request.build_absolute_uri(
        thread.get_absolute_url() + (f"?page={page.page}" if page.page > 1 else "")
    )
    last_shown = page.posts[-1].number if page.posts else 0
    context = {
        "thread": thread,
        "board": thread.board,
        "page": page,
        "form": form,
        "canonical_url": canonical,
        "draft_key": draft_key(thread=thread),
        "pages": pager(page.page, page.page_count),
        "post_list_html": post_list_html,
        # the page script posts this to read_marker when it is past the reader's watermark (a visitor
        # has none: the marker is for signed-in readers, and posting it only earned a 403 in the console)
        "read_up_to": (
            last_shown if request.user.is_authenticated and last_shown > (page.read_number or 0) else None
        ),
    }
    return render(request, "forum/thread.html", context)


@login_required
@require_POST
def read_marker(request, pk: int):
    """The thread page's script reports the last post shown; the watermark moves forward to it
    (never back, never past the thread's last post). 204 with no body; 400 for a bad number."""
    thread = get_thread(request.user, pk)
    up_to = parse_id(request.POST.get("up_to", ""))
    if up_to is None:
        return HttpResponseBadRequest("Say which post you read up to (up_to=<post number>).")
    mark_read(user=request.user, thread=thread, up_to_number=min(up_to, thread.last_post_number))
    return HttpResponse(status=204)


_PK = 987654321  # a stand-in number, replaced per post


def _url_pattern(name: str, *extra) -> str:
    return reverse(name, args=[_PK, *extra]).replace(str(_PK), "{pk}")


def attach_post_urls(posts) -> None:
    """The links of each post's own controls, reversed once per page instead of once per post
    (``post.urls.vote``, ``.bookmark``, ``.edit``, ``.delete``, ``.report``, ``.revisions``, ``.hide`` ...)."""
    if not posts:
        return
    patterns = {
        "vote": _url_pattern("forum:vote"),
        "bookmark": _url_pattern("forum:bookmark"),
        "edit": _url_pattern("forum:edit_post"),
        "delete": _url_pattern("forum:delete_own"),
        "report": _url_pattern("forum:report"),
        "revisions": _url_pattern("forum:revisions"),
        "hide": _url_pattern("forum:post_action", "hide"),
        "remove": _url_pattern("forum:post_action", "delete"),
        "restore": _url_pattern("forum:post_action", "restore"),
        "approve": _url_pattern("forum:post_action", "approve"),
    }
    for post in posts:
        post.urls = {name: pattern.format(pk=post.pk) for name, pattern in patterns.items()}


def pager(current: int, count: int, *, around: int = 2) -> list[int | None]:
    """Page links the way big forums show them: first, last and a window around the current
    page, with None where pages are skipped (1 … 4 5 [6] 7 8 … 50)."""
    shown = {1, count, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= count)
    links: list[int | None] = []
    for n in numbers:
        if links and n - links[-1] > 1:
            links.append(None)
        links.append(n)
    return links


def post_permalink(request, pk: int):
    post = get_post(request.user, pk)
    page = queries.page_of_post(request.user, post)
    url = post.thread.get_absolute_url() + (f"?page={page}" if page > 1 else "") + f"#p{post.number}"
    return redirect(url)


def first_unread(request, pk: int):
    thread = get_thread(request.user, pk)
    post = queries.first_unread_post(request.user, thread)
    return redirect(post.get_absolute_url() if post else thread.get_absolute_url())


def goto_post(request, pk: int):
    """The position control's "Go to post #" form (a GET that works without JavaScript) and its "Last
    post" link: ``?n=<post number>`` leads to the page holding that post (or the nearest visible one
    before it), scrolled to it. A missing or malformed number says so on the thread page."""
    thread = get_thread(request.user, pk)
    number = parse_id(request.GET.get("n", "").strip().lstrip("#"))
    if number is None:
        messages.error(request, f"Type the number of a post to go to (1 to {thread.last_post_number}).")
        return redirect(thread.get_absolute_url())
    found = positions.post_at_number(request.user, thread, number)
    if found is None:
        return redirect(thread.get_absolute_url())
    post, page = found
    return redirect(positions.post_url(thread, post.number, page))


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request, slug: str):
    board = get_board(request.user, slug)
    if board.kind == Board.Kind.FEEDBACK:  # feedback is filed through its own form
        return redirect("forum:feedback:new", slug=board.slug)
    check_start_thread(request.user, board)
    key = draft_key(board=board)
    if request.method == "POST":
        form = ThreadForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = start_thread(
                    actor=request.user,
                    board=board,
                    title=data["title"],
                    body=data["body"],
                    poll_question=data["poll_question"],
                    poll_choices=data["poll_choice_list"],
                    poll_allows_multiple=data["poll_allows_multiple"],
                    poll_closes_at=data["poll_closes_at"],
                    tags=data["tags"],
                )
            except ValidationError as error:
                for message in error_messages(error):
                    form.add_error(None, message)
            else:
                if not thread.is_approved:
                    messages.info(
                        request,
                        "Thanks! New members' posts are checked by a moderator before others see them.",
                    )
                return redirect(thread.get_absolute_url())
    else:
        draft = Draft.objects.filter(user=request.user, key=key).first()
        form = ThreadForm(initial={"title": draft.title, "body": draft.body} if draft else None)
    status = 400 if form.errors else 200
    return render(
        request, "forum/new_thread.html", {"board": board, "form": form, "draft_key": key}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply_view(request, pk: int):
    thread = get_thread(request.user, pk)
    check_reply(request.user, thread)
    initial = {}
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                reply_to = get_post(request.user, data["reply_to"]) if data["reply_to"] else None
                quote_of = get_post(request.user, data["quote_of"]) if data["quote_of"] else None
                post = reply(
                    actor=request.user, thread=thread, body=data["body"], reply_to=reply_to, quote_of=quote_of
                )
            except (ValidationError, Http404) as error:
                messages_ = (
                    error_messages(error)
                    if isinstance(error, ValidationError)
                    else ["That post is not in this thread."]
                )
                for message in messages_:
                    form.add_error(None, message)
            else:
                if not post.is_approved:
                    messages.info(
                        request, "Thanks! A moderator checks new members' posts before others see them."
                    )
                return redirect(post.get_absolute_url())
    else:
        for name in ("reply_to", "quote"):
            value = request.GET.get(name, "")
            if value and parse_id(value) is None:
                return HttpResponseBadRequest("Bad post number.")
        if request.GET.get("reply_to"):
            target = get_post(request.user, parse_id(request.GET["reply_to"]))
            initial["reply_to"] = target.pk
        if request.GET.get("quote"):
            quoted = get_post(request.user, parse_id(request.GET["quote"]))
            if quoted.thread_id != thread.pk:
                raise Http404("No such post in this thread.")
            selection = request.GET.get("selection", "")[:2000].strip()
            author = quoted.author.public_name if quoted.author else "someone"
            initial.update(
                quote_of=quoted.pk,
                reply_to=quoted.pk,
                body=quote_markdown(
                    author_name=author, body=selection or quoted.body, post_number=quoted.number
                ),
            )
        form = ReplyForm(initial=initial)
    reply_to_post = None
    reply_to_id = form.data.get("reply_to") if form.is_bound else initial.get("reply_to")
    if parse_id(str(reply_to_id or "")) is not None:
        try:
            reply_to_post = get_post(request.user, parse_id(str(reply_to_id)))
        except Http404:
            reply_to_post = None
    status = 400 if form.errors else 200
    context = {
        "thread": thread,
        "board": thread.board,
        "form": form,
        "reply_to_post": reply_to_post,
        "draft_key": draft_key(thread=thread),
    }
    return render(request, "forum/reply.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit_view(request, pk: int):
    post = get_post(request.user, pk)
    is_opening = post.number == 1
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                edit_post(
                    actor=request.user,
                    post=post,
                    body=data["body"],
                    title=data["title"] if is_opening else None,
                    reason=data["reason"],
                    tags=data["tags"] if is_opening else None,
                )
            except ValidationError as error:
                for message in error_messages(error):
                    form.add_error(None, message)
            else:
                return redirect(post.get_absolute_url())
    else:
        from forum.permissions import check_edit_post

        check_edit_post(request.user, post)
        tags = (
            " ".join(post.thread.tags.order_by("name").values_list("name", flat=True)) if is_opening else ""
        )
        form = EditForm(initial={"body": post.body, "title": post.thread.title, "tags": tags})
    status = 400 if form.errors else 200
    return render(
        request,
        "forum/edit.html",
        {
            "post": post,
            "thread": post.thread,
            "board": post.thread.board,
            "form": form,
            "is_opening": is_opening,
        },
        status=status,
    )


def revisions(request, pk: int):
    post = get_post(request.user, pk)
    if not can_see_revisions(request.user, post):
        raise Http404("No such post.")
    rows = list(
        PostRevision.objects.filter(post=post).select_related("editor").order_by("-created_at", "-pk")
    )
    return render(
        request,
        "forum/revisions.html",
        {"post": post, "thread": post.thread, "board": post.thread.board, "revisions": rows},
    )


@login_required
@require_POST
def vote(request, pk: int):
    post = get_post(request.user, pk)
    error = ""
    try:
        post.has_voted, post.score = toggle_vote(actor=request.user, post=post)
    except (ValidationError, PermissionDenied) as exc:
        error = error_messages(exc)[0]
        post.has_voted = post.votes.filter(user=request.user).exists()
    if request.htmx:
        post.is_own = post.author_id == request.user.pk
        attach_post_urls([post])
        return render(request, "forum/includes/vote.html", {"post": post, "vote_error": error}, status=200)
    if error:
        messages.error(request, error)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def bookmark(request, pk: int):
    post = get_post(request.user, pk)
    added = toggle_bookmark(user=request.user, post=post)
    messages.success(request, "Bookmarked." if added else "Bookmark removed.")
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def watch_thread(request, pk: int):
    thread = get_thread(request.user, pk)
    set_thread_watch(user=request.user, thread=thread, watching=request.POST.get("watch") == "1")
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def poll_vote(request, pk: int):
    thread = get_thread(request.user, pk)
    poll = Poll.objects.filter(thread=thread).first()
    if poll is None:
        raise Http404("No poll here.")
    choice_ids = parse_ids(request.POST.getlist("choice"))
    try:
        vote_in_poll(actor=request.user, poll=poll, choice_ids=choice_ids)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_messages(exc)[0])
    return redirect(thread.get_absolute_url() + "#poll")


@login_required
@require_POST
def draft(request):
    try:
        save_draft(
            user=request.user,
            key=request.POST.get("key", ""),
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationError as exc:
        return HttpResponseBadRequest(error_messages(exc)[0])
    if request.htmx:
        return render(request, "forum/includes/draft_status.html", {})
    return redirect(safe_next(request, reverse("forum:index")))


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    post = get_post(request.user, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_post(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, "Thanks, moderators will look at it.")
            return redirect(post.get_absolute_url())
    status = 400 if form.errors else 200
    return render(
        request,
        "forum/report.html",
        {"post": post, "thread": post.thread, "board": post.thread.board, "form": form},
        status=status,
    )


@login_required
@require_POST
def delete_own(request, pk: int):
    post = get_post(request.user, pk)
    try:
        delete_own_post(actor=request.user, post=post)
    except ValidationError as exc:
        messages.error(request, error_messages(exc)[0])
        return redirect(post.get_absolute_url())
    messages.success(request, "Your post was deleted.")
    return redirect(post.thread.get_absolute_url())
