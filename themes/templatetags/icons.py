"""The icon component's helper (themes/base/templates/components/icon.html)."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


ICON_PX = {"sm": 16, "md": 20, "lg": 24, "xl": 32}


@register.simple_tag
def icon(name: str, size: str = "md", label: str = "", **extra) -> str:
    """``{% icon "bell" size="sm" label="" class="" %}``: one symbol of the sprite, as the icon
    component (components/icon.html, whose comment documents the parameters) draws it. A tag, not
    an include: pages draw dozens of icons, and each include costs a template render."""
    size = size or "md"
    classes = f"icon icon--{size}" + (f" {extra['class']}" if extra.get("class") else "")
    px = ICON_PX.get(size, 20)
    if label:
        a11y = format_html(' role="img" aria-label="{}">', label) + format_html("<title>{}</title>", label)
    else:
        a11y = mark_safe(' aria-hidden="true">')
    return format_html(
        '<svg class="{}" width="{}" height="{}" focusable="false"{}<use href="{}#{}"></use></svg>',
        classes, px, px, a11y, icon_sprite(), name,
    )  # fmt: skip
