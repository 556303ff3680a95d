"""Store integration on the thread page: live product cards for ``[[product:slug]]`` placeholders
(stored at write time by forum.markdown) and verified-owner badges in a product's boards.

Cards are loaded in one batch per page, whatever the number of posts (``attach_cards``), and put in
place of their placeholders after the post's core comes out of the fragment cache
(``insert_cards``, from the ``post_core`` template tag), the way the CSRF token is: a cached core
never holds a price, a stock level or a token. A block placeholder becomes the card itself, an
inline one (in a heading, a table or emphasis) a link with the product's name; a slug that names no
(active) product stays as its plain text.
"""

import itertools
import re

from django.template.loader import get_template
from django.utils.html import escape

from forum.markdown import product_slugs
from store.cards import cards_for_slugs
from store.ownership import owner_user_ids

CARD_TEMPLATE = "store/includes/product_card.html"
# Renderer 2 writes <div> (a card) and <span> (inline) placeholders; renderer 1 wrote a <span> in a
# paragraph of its own, which shows as a card too until ``forum_synchronize --rerender`` runs.
PLACEHOLDER_RE = re.compile(
    r'<p><span data-product-card="(?P<legacy>[a-z0-9-]+)">[^<]*</span></p>'
    r'|<(?P<tag>div|span) data-product-card="(?P<slug>[a-z0-9-]+)">[^<]*</(?P=tag)>'
)


def attach_cards(posts, *, thread) -> dict:
    slugs_by_post = {post.pk: product_slugs(post.body_html) for post in posts}
    wanted = {slug for slugs in slugs_by_post.values() for slug in slugs}
    cards = cards_for_slugs(wanted) if wanted else {}
    owners: set[int] = set()
    product_id = thread.board.product_id
    if product_id:
        owners = owner_user_ids(product_id=product_id, user_ids={p.author_id for p in posts})
    for post in posts:
        seen = []
        for slug in slugs_by_post[post.pk]:
            if slug in cards and cards[slug] not in seen:
                seen.append(cards[slug])
        post.cards = seen
        post.card_map = {card.slug: card for card in seen}
        post.is_verified_owner = post.author_id in owners
    return cards


def insert_cards(
    html: str, cards: dict, *, thread_id=None, csrf_token="", next_url: str = "", key: str = ""
) -> str:
    """``html`` (a post's core) with each placeholder of a product in ``cards`` replaced by its card
    (block) or a link to it (inline). ``next_url`` is where "Add to cart" comes back to; ``key``
    keeps form ids unique on the page."""
    if not cards or "data-product-card" not in html:
        return html
    template = get_template(CARD_TEMPLATE)
    numbers = itertools.count(1)

    def replace(match: re.Match) -> str:
        slug = match.group("legacy") or match.group("slug")
        card = cards.get(slug)
        if card is None:
            return match.group(0)
        if match.group("tag") == "span":
            return f'<a class="product-link" href="{escape(card.url)}">{escape(card.name)}</a>'
        context = {
            "card": card,
            "source_thread_id": thread_id,
            "csrf_token": csrf_token,
            "next_url": next_url,
            "form_key": f"{key}-{next(numbers)}",
        }
        return template.render(context)

    return PLACEHOLDER_RE.sub(replace, html)
