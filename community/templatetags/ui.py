"""Helpers of the design system's components (themes/base/templates/components/)."""

from django import template

register = template.Library()


@register.simple_tag
def page_window(page, pages, around: int = 1) -> list[int | None]:
    """The page numbers the pagination component shows: the first, the last, ``around`` either side
    of the current one, and None where numbers are left out (1 … 4 5 6 … 20)."""
    try:
        page, pages = int(page), int(pages)
    except (TypeError, ValueError):
        return []
    if pages < 1:
        return []
    page = min(max(page, 1), pages)
    shown = {1, pages, *range(max(1, page - around), min(pages, page + around) + 1)}
    window: list[int | None] = []
    previous = 0
    for number in sorted(shown):
        if number - previous == 2:
            window.append(number - 1)  # a gap of one number shows the number, not "…"
        elif number - previous > 2:
            window.append(None)
        window.append(number)
        previous = number
    return window
