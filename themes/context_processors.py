from django.conf import settings

from themes.active import get_active_theme


def theme(request):
    active = get_active_theme()
    return {
        "active_theme": active,
        "theme_static": f"{active}/",
        "available_themes": settings.THEMES,
    }
