from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from community.actions.preferences import set_theme


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def theme_preference(request):
    if request.method == "POST":
        theme = request.POST.get("theme", "")
        if theme and theme not in settings.THEMES:
            messages.error(request, "That theme does not exist. Pick one from the list.")
            return render(request, "community/theme_preference.html", {"themes": settings.THEMES}, status=400)
        set_theme(user=request.user, theme=theme)
        messages.success(request, "Theme saved.")
        return redirect(_safe_next(request, request.path))
    return render(request, "community/theme_preference.html", {"themes": settings.THEMES})
