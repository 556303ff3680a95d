"""Fetch-and-authorise: not found and not allowed look the same (404)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from forum.models import Board, Post, Thread
from forum.permissions import check_see_board, check_see_post, check_see_thread


def get_board(user, slug: str) -> Board:
    board = Board.objects.filter(slug=slug).select_related("product", "parent").first()
    if board is None:
        raise Http404("No such board.")
    check_see_board(user, board)
    return board


def get_thread(user, pk: int) -> Thread:
    thread = Thread.objects.filter(pk=pk).select_related("board", "board__product", "author").first()
    if thread is None:
        raise Http404("No such thread.")
    check_see_thread(user, thread)
    return thread


def get_post(user, pk: int) -> Post:
    post = Post.objects.filter(pk=pk).select_related("thread__board", "author").first()
    if post is None:
        raise Http404("No such post.")
    check_see_post(user, post)
    return post


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def error_messages(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or "You cannot do that."]


def denied(request, error: PermissionDenied):
    return render(request, "forum/denied.html", {"reason": str(error) or "You cannot do that."}, status=403)
