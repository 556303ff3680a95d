"""A product's rich landing page: a Wagtail page of blocks that reads price and stock from the catalog."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page


class BuyBoxBlock(blocks.StructBlock):
    """The live product card (price, stock, variant choice, Buy button) of the page's product."""

    heading = blocks.CharBlock(required=False, max_length=80)

    class Meta:
        template = "store/blocks/buy_box.html"
        icon = "pick"


class FeatureBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=600)
    image = ImageChooserBlock(required=False)

    class Meta:
        template = "store/blocks/feature.html"
        icon = "image"


class LandingStreamBlock(blocks.StreamBlock):
    buy_box = BuyBoxBlock()
    feature = FeatureBlock()
    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], icon="doc-full")


class ProductLandingPage(Page):
    product = models.ForeignKey("store.Product", on_delete=models.PROTECT, related_name="landing_pages")
    intro = models.TextField(blank=True, max_length=400)
    body = StreamField(LandingStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("product"), FieldPanel("intro"), FieldPanel("body")]
    template = "store/landing_page.html"

    class Meta:
        verbose_name = "product landing page"

    def get_context(self, request, *args, **kwargs):
        from store.cards import cards_for_products

        context = super().get_context(request, *args, **kwargs)
        context["card"] = cards_for_products([self.product]).get(self.product.slug)
        return context
