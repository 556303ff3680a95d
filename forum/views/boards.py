from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum import queries
from forum.actions.reading import set_board_watch
from forum.fragments import attach_rows
from forum.models import Board
from forum.views.helpers import get_board


def index(request):
    return render(request, "forum/index.html", {"tree": queries.board_tree(request.user)})


def board(request, slug: str):
    board = queries.board_for_reader(request.user, slug)
    listing = queries.board_listing(
        request.user,
        board,
        sort=request.GET.get("sort", "active"),
        period=request.GET.get("period", "all"),
        cursor=request.GET.get("after", ""),
        tag=request.GET.get("tag", "")[:30],
    )
    from forum.permissions import access_for

    attach_rows(listing.pinned, board=board, pinned=True)
    attach_rows(listing.threads, board=board)

    tag_query = f"&tag={quote(listing.tag)}" if listing.tag else ""
    context = {
        "board": board,
        "listing": listing,
        "sorts": queries.SORTS,
        "sort_tabs": [
            {"label": label, "url": f"?sort={key}{tag_query}", "active": listing.sort == key}
            for key, (_field, label) in queries.SORTS.items()
        ],
        "periods": queries.PERIODS,
        "can_start": access_for(request.user).can_start(board.pk),
        # A visitor sees the way to start (it leads through signing in back to the form) where a
        # member could start: never on announcements or boards only a group or moderators start in.
        "sign_in_to_start": not request.user.is_authenticated
        and board.kind in (Board.Kind.DISCUSSION, Board.Kind.FEEDBACK)
        and board.start_access in (Board.Access.EVERYONE, Board.Access.MEMBERS),
    }
    return render(request, "forum/board.html", context)


@login_required
@require_POST
def watch_board(request, slug: str):
    board = get_board(request.user, slug)
    set_board_watch(user=request.user, board=board, watching=request.POST.get("watch") == "1")
    return redirect(board.get_absolute_url())
