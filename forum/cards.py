"""Store integration on the thread page: live product cards for ``[[product:slug]]`` placeholders
(stored at write time by forum.markdown) and verified-owner badges in a product's boards.
One batched load per page, whatever the number of posts."""

from forum.markdown import product_slugs
from store.cards import cards_for_slugs
from store.ownership import owner_user_ids


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
        post.is_verified_owner = post.author_id in owners
    return cards
