from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from community import hooks
from community.blocks import HomeStreamBlock


class HomePage(Page):
    body = StreamField(HomeStreamBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "community/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        """The page's blocks, and the "Latest" list the apps above give for this reader
        (``Hook.HOME_LATEST``: the forum's latest threads of the boards they may read)."""
        context = super().get_context(request, *args, **kwargs)
        context["latest_panels"] = [provider(request=request) for provider in hooks.get(hooks.Hook.HOME_LATEST)]
        return context
