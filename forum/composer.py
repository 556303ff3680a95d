"""What the composer (themes/base/templates/forum/includes/composer.html, base/js/composer.js) asks
the server while someone writes: the preview of their text, rendered exactly as the post will be,
and the people an @mention may name. The product picker's read is ``store.picker``.

Nothing here writes: a preview is rendered and thrown away.
"""

from django.db.models import Q

from forum.cards import insert_cards
from forum.markdown import product_slugs, render_markdown
from forum.validation import clean_body
from store.cards import cards_for_slugs

MENTION_LIMIT = 8
MENTION_PREFIX_MAX = 30


def render_preview(
    body: str,
    *,
    product_id: int | None,
    thread_id: int | None = None,
    csrf_token: str = "",
    next_url: str = "",
) -> str:
    """The HTML a post with ``body`` shows in a board about ``product_id``: the same pipeline as a
    post written and then read on the thread page (``forum.markdown.render_markdown`` at write time,
    then its product cards put in place by ``forum.cards.insert_cards``). Raises ValidationError for
    text a post would refuse (empty, too long, unstorable)."""
    html = render_markdown(clean_body(body), product_id=product_id)
    cards = cards_for_slugs(product_slugs(html)) if "data-product-card" in html else {}
    return insert_cards(
        html, cards, thread_id=thread_id, csrf_token=csrf_token, next_url=next_url, key="preview"
    )


def people_to_mention(prefix: str, *, limit: int = MENTION_LIMIT) -> list:
    """Active members whose username or name starts with ``prefix`` (or a word of the name does), in
    one query: usernames starting with it first, then by username. An empty prefix finds nobody."""
    from community.models import User

    prefix = prefix.strip().lstrip("@")[:MENTION_PREFIX_MAX]
    if not prefix:
        return []
    people = list(
        User.objects.filter(
            Q(username__istartswith=prefix)
            | Q(display_name__istartswith=prefix)
            | Q(display_name__icontains=f" {prefix}"),
            is_active=True,
        )
        .only("username", "display_name")
        .order_by("username")[: limit * 3]
    )
    lowered = prefix.casefold()
    people.sort(key=lambda person: not person.username.casefold().startswith(lowered))
    return people[:limit]
