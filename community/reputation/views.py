"""Public pages (rules and levels, badges, leaderboards) and the check-in button. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from community.parsing import parse_id
from community.reputation import levels, queries
from community.reputation.actions.badges import ensure_badges
from community.reputation.actions.checkins import check_in as check_in_action
from community.reputation.actions.rules import ensure_rules
from community.reputation.models import Badge


def rules(request):
    settings = levels.level_settings()
    needed = levels.ability_levels(settings)
    table = levels.level_table(settings)
    ladder = [
        {
            "number": number,
            "title": title,
            "min_points": min_points,
            "abilities": [label for name, (_, label) in levels.ABILITIES.items() if needed[name] == number],
        }
        for number, (title, min_points) in enumerate(table, start=1)
    ]
    ensure_rules()  # a default rule missing from the table is created before it is listed
    return render(request, "reputation/rules.html", {"rules": queries.public_rules(), "ladder": ladder})


def badge_list(request):
    ensure_badges()
    badges = Badge.objects.order_by("position", "id")
    return render(request, "reputation/badges.html", {"badges": badges})


def badge_detail(request, code: str):
    badge = get_object_or_404(Badge, code=code)
    return render(request, "reputation/badge.html", {"badge": badge, "awards": queries.badge_holders(badge)})


def leaderboard(request):
    period = request.GET.get("period", "week")
    if period not in queries.PERIODS:
        period = "week"
    product_id = parse_id(request.GET.get("product"))  # an optional filter: junk is ignored
    rows = queries.leaderboard(period=period, product_id=product_id, limit=50)
    products = queries.product_choices()
    context = {
        "rows": rows,
        "period": period,
        "periods": queries.PERIODS,
        "product_id": product_id,
        "product_name": queries.product_names([product_id])[product_id] if product_id else "",
        "products": products,
    }
    return render(request, "reputation/leaderboard.html", context)


@login_required
@require_POST
def check_in(request):
    result = check_in_action(user=request.user)
    if result.created:
        messages.success(
            request,
            ngettext(
                "Checked in: +%(points)d point, a %(streak)d-day streak.",
                "Checked in: +%(points)d points, a %(streak)d-day streak.",
                result.points,
            )
            % {"points": result.points, "streak": result.checkin.streak},
        )
    else:
        messages.info(request, "You have already checked in today. Come back tomorrow.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return redirect(target)
