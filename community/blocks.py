"""StreamField blocks of the home page.

Featured boards, featured products and announcements come from the apps that own them through
hooks (``home.featured_boards``, ``home.featured_products``, ``home.announcements``). A provider
returns a list of ``FeaturedItem``; with no provider, or no data, the block renders nothing.
"""

from dataclasses import dataclass

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


def featured_items(hook_name: str, *, slugs: list[str], limit: int) -> list[FeaturedItem]:
    items: list[FeaturedItem] = []
    for provider in hooks.get(hook_name):
        items.extend(provider(slugs=slugs, limit=limit))
    return items[:limit]


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
