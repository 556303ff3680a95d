from django import template

from community import hooks
from community.hooks import Hook
from forum.permissions import access_for

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_is_moderator(context) -> bool:
    """True for people who moderate any board (board moderators, the moderator group, superusers)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    access = access_for(user)
    return access.is_global_moderator or bool(access.moderated)


@register.simple_tag(takes_context=True)
def forum_nav_links(context) -> list[tuple[str, str]]:
    """(label, url) links other apps add to the forum's header for this person (Hook.FORUM_NAV_LINKS:
    feedback gives the product team its triage board)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    return [link for provider in hooks.get(Hook.FORUM_NAV_LINKS) for link in provider(user=user)]


@register.filter
def has_public_feed(board_id: int) -> bool:
    """Feeds are read as a signed-out visitor (forum/feeds.py): only a board that visitors can read
    has one, so the page offers the link only then (a beta board's link would be a 404)."""
    from django.contrib.auth.models import AnonymousUser

    return access_for(AnonymousUser()).can_read(board_id)


UPLOAD_REFUSAL_SECONDS = 60


@register.simple_tag
def upload_refusal(user) -> str:
    """Why ``user`` may not upload images and when they may ("" when they may): the composer shows
    it in place of the upload button. Kept a minute per person, so the thread page's reply box costs
    no query (a level reached shows the button within a minute; the upload itself checks afresh)."""
    from django.core.cache import cache

    from forum.actions.attachments import upload_refusal as refusal

    if not getattr(user, "is_authenticated", False):
        return refusal(user)
    key = f"forum.upload-refusal:{user.pk}"
    text = cache.get(key)
    if text is None:
        text = refusal(user)
        cache.set(key, text, UPLOAD_REFUSAL_SECONDS)
    return text


@register.simple_tag(takes_context=True)
def post_core(context, post):
    """A post's cached core with its live product cards put in place of their placeholders (price,
    stock and this request's CSRF token never enter the cache). "Add to cart" comes back here."""
    from django.utils.safestring import mark_safe

    from forum.cards import insert_cards

    html = getattr(post, "core_html", "")
    cards = getattr(post, "card_map", None)
    if cards:
        request = context.get("request")
        thread = context.get("thread")
        html = insert_cards(
            html,
            cards,
            thread_id=getattr(thread, "pk", None),
            csrf_token=context.get("csrf_token", ""),
            next_url=f"{request.get_full_path()}#p{post.number}" if request is not None else "",
            key=f"p{post.number}",
        )
    return mark_safe(html)  # the core is sanitised HTML, the cards our own template


@register.filter
def plain(markdown_text: str) -> str:
    """A post's markdown as plain text, for excerpts: ``{{ post.body|plain|truncatechars:400 }}``."""
    from forum.markdown import plain_text

    return plain_text(markdown_text or "")
