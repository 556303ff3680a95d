"""Release pages, build ratings, the changelog, the roadmap and release news opt-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forum.feedback import charts
from forum.feedback.actions.releases import publish_release, rate_build, set_release_subscription
from forum.feedback.forms import RatingForm
from forum.feedback.queries import changelog_page, release_page, roadmap_page
from forum.feedback.views.helpers import get_product, get_release
from forum.views.helpers import denied, error_messages


def release(request, product: str, version: str):
    page = release_page(request.user, product, version)
    return render(
        request,
        "feedback/release.html",
        {
            "page": page,
            "release": page.release,
            "product": page.product,
            "per_day_chart": _per_day_chart(page),
            "rating_form": RatingForm(initial={"stars": page.my_rating}),
        },
    )


def _per_day_chart(page) -> str:
    """Bug reports per day from the release day to today (its last month), days without any at 0."""
    if not page.per_day:
        return ""
    first, last = page.per_day[0][0], page.per_day[-1][0]
    days = charts.every_day(
        page.per_day, start=min(page.release.released_on, first), end=max(timezone.localdate(), last)
    )
    return charts.stacked_bars(
        [(day, {"bug": n}) for day, n in days],
        series=["bug"],
        height=220,
        label="New bug reports per day since the release",
        legend=False,
    )


@login_required
@require_POST
def rate(request, product: str, version: str):
    release = get_release(request.user, product, version)
    form = RatingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Rate the build from 1 to 5 stars.")
        rate_build(actor=request.user, release=release, stars=form.cleaned_data["stars"])
        messages.success(request, "Thanks for rating this build.")
    except ValidationError as exc:
        messages.error(request, error_messages(exc)[0])
    except PermissionDenied as exc:
        return denied(request, exc)
    return redirect(release.get_absolute_url())


@login_required
@require_POST
def publish(request, product: str, version: str):
    release = get_release(request.user, product, version, include_drafts=True)
    try:
        told = publish_release(actor=request.user, release=release)
    except PermissionDenied as exc:
        return denied(request, exc)
    told_text = ngettext("%(n)d person was told", "%(n)d people were told", len(told)) % {"n": len(told)}
    messages.success(request, f"{release.version} is published; {told_text}.")
    return redirect(release.get_absolute_url())


def changelog(request, product: str):
    page = changelog_page(request.user, product)
    return render(
        request,
        "feedback/changelog.html",
        {"page": page, "product": page.product, "releases": page.releases, "subscribed": page.subscribed},
    )


@login_required
@require_POST
def subscribe(request, product: str):
    product = get_product(product)
    on = request.POST.get("subscribed") == "1"
    set_release_subscription(actor=request.user, product=product, subscribed=on)
    messages.success(
        request,
        "You will hear about new releases (as a verified owner)."
        if on
        else "You will not hear about new releases.",
    )
    return redirect("forum:feedback:changelog", product=product.slug)


def roadmap_view(request, product: str):
    page = roadmap_page(request.user, product)
    return render(
        request, "feedback/roadmap.html", {"page": page, "product": page.product, "columns": page.columns}
    )
