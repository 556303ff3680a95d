"""The account page where a person makes and revokes personal access tokens (/accounts/tokens/)."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from api.actions.tokens import create_token, revoke_token
from api.forms import TokenForm
from api.models import AccessToken
from forum.feedback.permissions import is_product_team


def _page(request, form, *, created=None, token_value: str = "", status: int = 200):
    tokens = list(AccessToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")[:100])
    context = {
        "form": form,
        "tokens": tokens,
        "created": created,
        "token_value": token_value,
        "api_base": request.build_absolute_uri("/api/v1/"),
        "now": timezone.now(),
    }
    response = render(request, "api/tokens.html", context, status=status)
    if token_value:
        response["Cache-Control"] = "no-store"  # the only time the token is shown
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    can_triage = is_product_team(request.user)
    if request.method != "POST":
        return _page(request, TokenForm(can_triage=can_triage))
    form = TokenForm(request.POST, can_triage=can_triage)
    if form.is_valid():
        expires_on = form.cleaned_data.get("expires_on")
        expires_at = (
            timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on is not None else None
        )
        try:
            token, value = create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=expires_at,
            )
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                name = {"expires_at": "expires_on"}.get(field, field)
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            return _page(request, TokenForm(can_triage=can_triage), created=token, token_value=value)
    return _page(request, form, status=400)


@login_required
@require_POST
def revoke(request, pk: int):
    token = revoke_token(user=request.user, token_id=pk)
    messages.success(request, f"Revoked “{token.name}”: it no longer works.")
    return redirect("api_tokens")
