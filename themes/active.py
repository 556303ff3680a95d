"""The theme in force for the current request, shared by the middleware and the template loader."""

from contextvars import ContextVar

from django.conf import settings

_active_theme: ContextVar[str | None] = ContextVar("canopy_active_theme", default=None)


def get_active_theme() -> str:
    return _active_theme.get() or settings.DEFAULT_THEME


def activate(theme: str):
    """Make ``theme`` active; returns a token for ``deactivate``. Unknown names fall back to the default."""
    if theme not in settings.THEMES:
        theme = settings.DEFAULT_THEME
    return _active_theme.set(theme)


def deactivate(token) -> None:
    _active_theme.reset(token)


def theme_search_path(theme: str) -> list[str]:
    """The order templates and static files are looked up in: the theme, then the base theme."""
    return [theme] if theme == settings.DEFAULT_THEME else [theme, settings.DEFAULT_THEME]
