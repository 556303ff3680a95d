"""Posts rendered again (their stored HTML): when what they may name changes (forum/rendering.py
finds which) and when the renderer moved on (``forum_synchronize --rerender``)."""

from forum.markdown import RENDERER_VERSION, render_markdown
from forum.models import Post

BATCH = 500


def rerender_posts(*, posts) -> int:
    """Render these posts again (with their board's product as context); returns how many changed."""
    changed = 0
    rows = posts.order_by("pk").values_list("pk", "body", "body_html", "thread__board__product_id")
    for pk, body, old_html, product_id in rows.iterator(chunk_size=BATCH):
        html = render_markdown(body, product_id=product_id)
        if html != old_html:
            Post.objects.filter(pk=pk).update(body_html=html, renderer_version=RENDERER_VERSION)
            changed += 1
    return changed


def rerender_stale_posts() -> int:
    """Render again the posts stored with an older renderer version; returns how many."""
    count = 0
    rows = (
        Post.objects.filter(renderer_version__lt=RENDERER_VERSION)
        .order_by("pk")
        .values_list("pk", "body", "thread__board__product_id")
    )
    for pk, body, product_id in rows.iterator(chunk_size=BATCH):
        Post.objects.filter(pk=pk).update(
            body_html=render_markdown(body, product_id=product_id), renderer_version=RENDERER_VERSION
        )
        count += 1
    return count
