from django.conf import settings
from django.core.exceptions import ValidationError

from community.models import User


def set_theme(*, user: User, theme: str) -> None:
    """Store the theme a person picked; an empty value follows the site's theme again."""
    if theme and theme not in settings.THEMES:
        raise ValidationError(f"Unknown theme {theme!r}.")
    User.objects.filter(pk=user.pk).update(theme=theme)
    user.theme = theme
