from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from forum.models import Bookmark, Post, Thread, ThreadWatch
from forum.permissions import filter_posts, filter_threads


@login_required
def bookmarks(request):
    visible = filter_posts(request.user, Post.objects.all())
    rows = list(
        Bookmark.objects.filter(user=request.user, post__in=visible)
        .select_related("post__thread", "post__author")
        .order_by("-created_at")[:200]
    )
    watched = list(
        filter_threads(
            request.user,
            Thread.objects.filter(pk__in=ThreadWatch.objects.filter(user=request.user).values("thread_id")),
        )
        .select_related("board")
        .order_by("-last_post_at")[:200]
    )
    return render(request, "forum/bookmarks.html", {"bookmarks": rows, "watched": watched})


@login_required
def upload(request):
    """POST an image (multipart ``image``): JSON with the markdown to insert (JavaScript), or a page
    showing it (without JavaScript). GET shows the upload form."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from forum.actions.attachments import attachment_markdown, upload_attachment

    context, status = {}, 200
    if request.method == "POST":
        try:
            attachment = upload_attachment(actor=request.user, uploaded=request.FILES.get("image"))
        except (ValidationError, PermissionDenied) as exc:
            # a bad file can be replaced by another; a refusal (a new account) cannot
            can_retry = isinstance(exc, ValidationError)
            message = exc.messages[0] if can_retry else str(exc)
            status = 400 if can_retry else 403
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"error": message, "can_retry": can_retry}, status=status)
            context = {"error": message, "can_retry": can_retry}
        else:
            markdown = attachment_markdown(attachment)
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"markdown": markdown, "url": attachment.image.url})
            context = {"markdown": markdown, "attachment": attachment}
    return render(request, "forum/upload.html", context, status=status)
