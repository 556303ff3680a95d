"""The composer's endpoints (base/js/composer.js asks them while someone writes). Each answers a small
HTML fragment; none writes anything."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from community.parsing import parse_id
from forum.composer import people_to_mention, render_preview
from forum.limits import RateLimited, hit
from forum.views.helpers import error_messages, get_board, get_thread
from store.picker import products_to_pick

PREVIEW_TEMPLATE = "forum/includes/composer_preview.html"


@login_required
@require_POST
def preview(request):
    """POST ``body`` with ``thread`` (an id: a reply or an edit) or ``board`` (a slug: a new thread or
    a feedback report): the text rendered exactly as the post will show it there, product cards and
    links included. Counted against the ``preview`` rate limit; never saved. 400 with the reason for
    text a post would refuse, 429 past the limit, 404 for a thread or board out of sight."""
    product_id = thread_id = None
    next_url = ""
    if request.POST.get("thread"):
        pk = parse_id(request.POST["thread"])
        if pk is None:
            return HttpResponseBadRequest("Bad thread number.")
        thread = get_thread(request.user, pk)
        product_id, thread_id, next_url = thread.board.product_id, thread.pk, thread.get_absolute_url()
    elif request.POST.get("board"):
        product_id = get_board(request.user, request.POST["board"][:200]).product_id
    try:
        hit(request.user, "preview")
        html = render_preview(
            request.POST.get("body", ""),
            product_id=product_id,
            thread_id=thread_id,
            csrf_token=get_token(request),
            next_url=next_url,
        )
    except RateLimited as error:
        return render(request, PREVIEW_TEMPLATE, {"error": error_messages(error)[0]}, status=429)
    except ValidationError as error:
        return render(request, PREVIEW_TEMPLATE, {"error": error_messages(error)[0]}, status=400)
    return render(request, PREVIEW_TEMPLATE, {"html": html})


@login_required
@require_GET
def people(request):
    """``?q=`` (what follows the @): up to 8 active members by username or name, as options that
    insert ``@username``. One query."""
    found = people_to_mention(request.GET.get("q", ""))
    return render(request, "forum/includes/composer_people.html", {"people": found})


@login_required
@require_GET
def products(request):
    """``?q=``: up to 8 products on sale by name, as options that insert ``[[product:slug]]``. One query."""
    query = request.GET.get("q", "")
    found = products_to_pick(query=query)
    return render(request, "forum/includes/composer_products.html", {"products": found, "query": query})
