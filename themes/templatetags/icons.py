"""The icon component's helper (themes/base/templates/components/icon.html)."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()

SPRITE = "base/icons.svg"


@lru_cache(maxsize=8)
def _sprite_url(static_url: str, storage: str) -> str:
    return static(SPRITE)


@register.simple_tag
def icon_sprite() -> str:
    """The sprite's URL, worked out once per static files set-up: a page draws the icon component
    dozens of times, and ``{% static %}`` asks the storage (the manifest's hashed name) each time."""
    return _sprite_url(settings.STATIC_URL, settings.STORAGES["staticfiles"]["BACKEND"])
