"""Profile pages, follows, the feed, data rights and tester programmes. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from community.parsing import parse_id
from community.profiles import avatars, data, queries, testers
from community.profiles.actions import account
from community.profiles.actions import profile as actions
from community.profiles.actions import testers as tester_actions
from community.profiles.forms import (
    ApplicationForm,
    DecisionForm,
    DeclareProductForm,
    DeleteAccountForm,
    ProfileForm,
)
from community.profiles.models import TesterApplication, TesterProgramme
from community.reputation.actions.ledger import award_points
from community.reputation.permissions import can_award_points
from community.reputation.queries import product_choices, product_names

MAX_AWARD = 100_000  # points one award may give or take (a typo of extra digits is refused)


def profile(request, username: str):
    page = queries.profile_page(username=username, viewer=request.user, tab=request.GET.get("tab", ""))
    # Only staff can hold the permission: nobody else pays the permission queries.
    can_award = request.user.is_staff and not page.is_self and can_award_points(request.user)
    return render(request, "profiles/profile.html", {"page": page, "can_award": can_award})


@login_required
@require_POST
def award(request, username: str):
    """The team awards (or takes back) points with a reason, from the person's profile."""
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    try:
        points = int(request.POST.get("points", ""))
        if abs(points) > MAX_AWARD:
            raise ValueError(points)
        award_points(actor=request.user, user=person, points=points, reason=request.POST.get("reason", ""))
    except ValueError:
        messages.error(request, f"Points must be a whole number from -{MAX_AWARD} to {MAX_AWARD}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("%(points)+d point for %(name)s.", "%(points)+d points for %(name)s.", abs(points))
            % {"points": points, "name": person.public_name},
        )
    return redirect("profiles:profile", username=person.username)


def avatar(request, username: str):
    """The uploaded avatar (a redirect), or a generated one: one URL for every list of people."""
    person = get_object_or_404(get_user_model().objects.select_related("profile"), username=username)
    profile = getattr(person, "profile", None)
    if profile is not None and profile.avatar:
        return redirect(profile.avatar.url)
    svg = avatars.generated_avatar_svg(seed=person.username, name=person.public_name)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def card(request, username: str):
    """The person card (components/person_card.html), loaded by htmx when a reader hovers or focuses
    a person; a plain request gets the same fragment (it is small and has no page around it)."""
    page = queries.person_card(username=username, viewer=request.user)
    return render(request, "components/person_card.html", {"card": page})


@login_required
def me(request):
    return redirect("profiles:profile", username=request.user.username)


@login_required
@require_POST
def follow(request, username: str):
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    try:
        if request.POST.get("action") == "unfollow":
            actions.unfollow(follower=request.user, followed=person)
        else:
            actions.follow(follower=request.user, followed=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("profiles:profile", username=person.username)


@login_required
def edit(request):
    profile = actions.ensure_profile(user=request.user)
    initial = {
        "display_name": request.user.display_name,
        "bio": profile.bio,
        "location": profile.location,
        "links": "\n".join(profile.links),
        "details_visibility": profile.details_visibility,
        "show_owned_products": profile.show_owned_products,
        "show_activity": profile.show_activity,
        "show_follows": profile.show_follows,
    }
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_profile(
                user=request.user,
                **{key: form.cleaned_data[key] for key in initial},
            )
            if form.cleaned_data["avatar"]:
                actions.set_avatar(user=request.user, upload=form.cleaned_data["avatar"])
            elif form.cleaned_data["remove_avatar"]:
                actions.remove_avatar(user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Profile saved.")
            return redirect("profiles:profile", username=request.user.username)
    choices = product_choices()
    declared = list(
        request.user.declared_products.order_by("created_at").values_list("product_id", flat=True)
    )
    context = {
        "form": form,
        "profile": profile,
        "product_form": DeclareProductForm(choices=choices),
        "declared": [{"product_id": pk, "name": name} for pk, name in product_names(declared).items()],
    }
    return render(request, "profiles/edit.html", context)


@login_required
@require_POST
def products(request):
    if request.POST.get("action") == "remove":
        product_id = parse_id(request.POST.get("product_id"))
        if product_id is not None:
            actions.undeclare_product(user=request.user, product_id=product_id)
        return redirect("profiles:edit")
    form = DeclareProductForm(request.POST, choices=product_choices())
    valid_ids = {pk for pk, _ in product_choices()}
    if form.is_valid() and form.cleaned_data["product_id"] in valid_ids:
        actions.declare_product(user=request.user, product_id=form.cleaned_data["product_id"])
        messages.success(request, "Added to the products you own (shown as self-declared).")
    else:
        messages.error(request, "Choose a product from the list.")
    return redirect("profiles:edit")


@login_required
def feed(request):
    context = {"items": queries.feed(viewer=request.user), "following": queries.people_followed(request.user)}
    return render(request, "profiles/feed.html", context)


@login_required
def my_data(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        account.delete_account(user=user, remove_content=form.cleaned_data["content"] == "remove")
        logout(request)
        messages.success(request, "Your account is closed and your personal data deleted.")
        return redirect("/")
    return render(request, "profiles/data.html", {"form": form})


@login_required
def export(request):
    response = HttpResponse(data.export_json(request.user), content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="canopy-{request.user.username}-{stamp}.json"'
    return response


def programme_list(request):
    programmes = list(TesterProgramme.objects.order_by("name"))
    names = product_names([p.product_id for p in programmes if p.product_id])
    for programme in programmes:
        programme.product_name = names.get(programme.product_id, "")
    return render(request, "profiles/programmes.html", {"programmes": programmes})


def programme(request, slug: str):
    programme = get_object_or_404(TesterProgramme, slug=slug)
    mine = None
    if request.user.is_authenticated:
        mine = TesterApplication.objects.filter(programme=programme, user=request.user).first()
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if form.is_valid():
            try:
                tester_actions.apply_to_programme(user=request.user, programme=programme, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Application sent. The team will tell you what they decide.")
                return redirect(programme.get_absolute_url())
    context = {
        "programme": programme,
        "product_name": product_names([programme.product_id])[programme.product_id]
        if programme.product_id
        else "",
        "testers": testers.testers(programme),
        "mine": mine,
        "form": form,
        "can_manage": testers.can_manage_testers(request.user),
    }
    return render(request, "profiles/programme.html", context)


@login_required
def programme_manage(request, slug: str):
    if not testers.can_manage_testers(request.user):
        raise PermissionDenied
    programme = get_object_or_404(TesterProgramme, slug=slug)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            application = get_object_or_404(
                TesterApplication, pk=form.cleaned_data["application"], programme=programme
            )
            decide = {
                "admit": tester_actions.admit_tester,
                "decline": tester_actions.decline_application,
                "remove": tester_actions.remove_tester,
            }
            kwargs = {"actor": request.user, "application": application}
            if form.cleaned_data["decision"] != "admit":
                kwargs["reason"] = form.cleaned_data["reason"]
            try:
                decide[form.cleaned_data["decision"]](**kwargs)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"{application.user.public_name}: done, and told.")
            return redirect("profiles:programme_manage", slug=programme.slug)
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    context = {"programme": programme, "applications": testers.applications_for_team(programme)}
    return render(request, "profiles/programme_manage.html", context)
