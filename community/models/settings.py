from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def theme_choices() -> list[tuple[str, str]]:
    return list(settings.THEMES.items())


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(max_length=80, default="Canopy")
    tagline = models.CharField(max_length=160, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.CharField(max_length=40, default="base", choices=theme_choices)

    select_related = ["logo"]
    panels = [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("logo"), FieldPanel("theme")]

    class Meta:
        verbose_name = "site settings"
