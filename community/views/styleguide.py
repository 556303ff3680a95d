"""The style guide: every component of the design system (themes/base/templates/components/), in
light and dark, for the product team. Others get 403 (anonymous visitors are asked to sign in),
like the team's other pages."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from community.profiles.people import attach_people, with_people
from community.profiles.queries import person_card
from community.reputation.models import Badge
from community.teams import is_team_member

SPRITE = "base/icons.svg"
SAMPLE_PEOPLE = 4
COLOUR_TOKENS = [
    "brand", "bg", "surface", "surface-2", "text", "muted", "border",
    "danger", "success", "warning", "info", "progress", "team", "focus",
]  # fmt: skip


def sprite_icons() -> list[str]:
    """The names of the icons in the sprite (what components/icon.html can draw)."""
    path = finders.find(SPRITE)
    if not path:
        return []
    with open(path, encoding="utf-8") as sprite:
        return re.findall(r'<symbol id="([^"]+)"', sprite.read())


def styleguide(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_team_member(request.user):
        raise PermissionDenied("The style guide is for the product team.")
    people = list(
        with_people(get_user_model().objects.filter(is_active=True)).order_by("-date_joined", "pk")[
            :SAMPLE_PEOPLE
        ]
    )
    attach_people(people)
    me = next((person for person in people if person.pk == request.user.pk), None)
    if me is None:
        me = with_people(get_user_model().objects.filter(pk=request.user.pk)).first()
        attach_people([me])
    context = {
        "people": people,
        "me": me,
        "card": person_card(username=request.user.username, viewer=request.user),
        "badges": list(Badge.objects.order_by("position", "pk")[:8]),
        "icons": sprite_icons(),
        "schemes": [("light", "Light"), ("dark", "Dark")],
        "colour_tokens": COLOUR_TOKENS,
        "sizes": ["xs", "sm", "md", "lg", "xl"],
        "tones": ["neutral", "brand", "success", "warning", "danger", "info"],
        "tabs": [
            {"label": "Latest", "url": "?tab=latest", "active": True, "icon": "message-square"},
            {"label": "Top", "url": "?tab=top", "count": 12},
            {"label": "Following", "url": "?tab=following", "icon": "users"},
        ],
        "now": timezone.now(),
    }
    return render(request, "community/styleguide.html", context)
