from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from community.blocks import HomeStreamBlock


class HomePage(Page):
    body = StreamField(HomeStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "community/home_page.html"

    class Meta:
        verbose_name = "home page"
