from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError

from themes.active import activate, deactivate


def theme_for_request(request) -> str:
    """A signed-in person's own pick wins; otherwise the site's theme from its settings.

    The site settings are loaded here for every page (from the cache), so templates find them on
    the request instead of querying."""
    from community.sites import load_for_request

    try:
        site_settings = load_for_request(request)
        site_theme = site_settings.theme if site_settings is not None else settings.DEFAULT_THEME
    except (
        DatabaseError,
        ObjectDoesNotExist,
    ):  # no site yet (fresh database) or the database is down: the base theme still renders
        site_theme = settings.DEFAULT_THEME
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.theme in settings.THEMES:
        return user.theme
    return site_theme if site_theme in settings.THEMES else settings.DEFAULT_THEME


class ThemeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.theme = theme_for_request(request)
        token = activate(request.theme)
        try:
            return self.get_response(request)
        finally:
            deactivate(token)
