"""StreamField blocks of the home page.

Featured boards, featured products and announcements come from the apps that own them through
hooks (``home.featured_boards``, ``home.featured_products``, ``home.announcements``). A provider
returns a list of ``FeaturedItem``; with no provider, or no data, the block renders nothing.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from community import hooks


@dataclass(frozen=True)
class FeaturedItem:
    title: str
    url: str
    summary: str = ""
    meta: str = ""
    image_url: str = ""


# Featured items are what an anonymous visitor may see (the same for every reader), so the home page
# keeps them for a minute instead of asking each provider on every visit: the page stays within its
# query budget with the latest threads beside them. A featured count or price is at most this old.
FEATURED_TIMEOUT = 60


def featured_items(hook_name: str, *, slugs: list[str], limit: int) -> list[FeaturedItem]:
    key = "home.featured:" + hashlib.blake2b(
        repr((str(hook_name), list(slugs), limit, get_language())).encode(), digest_size=12
    ).hexdigest()
    items = cache.get(key)
    if items is None:
        items = []
        for provider in hooks.get(hook_name):
            items.extend(provider(slugs=slugs, limit=limit))
        items = items[:limit]
        cache.set(key, items, FEATURED_TIMEOUT)
    return items


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    image = ImageChooserBlock(required=False)
    button_label = blocks.CharBlock(required=False, max_length=40)
    button_url = blocks.CharBlock(
        required=False, max_length=200, help_text="A path such as /forum/ or a full URL"
    )

    class Meta:
        template = "community/blocks/hero.html"
        icon = "image"


class FeaturedBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80)
    slugs = blocks.ListBlock(
        blocks.CharBlock(max_length=120),
        required=False,
        help_text="Pick by slug; empty shows the most active.",
    )
    limit = blocks.IntegerBlock(default=4, min_value=1, max_value=12)

    hook_name = ""

    class Meta:
        template = "community/blocks/featured.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = featured_items(self.hook_name, slugs=list(value["slugs"]), limit=value["limit"])
        return context


class FeaturedBoardsBlock(FeaturedBlock):
    hook_name = hooks.Hook.HOME_FEATURED_BOARDS

    class Meta:
        icon = "list-ul"


class FeaturedProductsBlock(FeaturedBlock):
    hook_name = hooks.Hook.HOME_FEATURED_PRODUCTS

    class Meta:
        icon = "pick"


class AnnouncementsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Announcements")
    limit = blocks.IntegerBlock(default=3, min_value=1, max_value=10)

    class Meta:
        template = "community/blocks/featured.html"
        icon = "info-circle"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = featured_items(hooks.Hook.HOME_ANNOUNCEMENTS, slugs=[], limit=value["limit"])
        return context


class HomeStreamBlock(blocks.StreamBlock):
    hero = HeroBlock()
    featured_boards = FeaturedBoardsBlock()
    featured_products = FeaturedProductsBlock()
    announcements = AnnouncementsBlock()
    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], icon="doc-full")
