from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render

from community import conf
from community.accounts import throttle


class AccountAdapter(DefaultAccountAdapter):
    error_messages = DefaultAccountAdapter.error_messages | {
        "too_many_login_attempts": (
            "Too many failed sign-in attempts for this account from your network. "
            "Wait a few minutes and try again, or reset your password."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return conf.allow_signup()

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account mail speaks of the site as SITE_URL names it (community.sites): its name and domain
        ("Hello from Canopy"), and every link allauth built on the request's host moved onto SITE_URL,
        whichever host or port the request came in on."""
        from allauth.core import context as allauth_context

        from community import sites

        request = allauth_context.request
        host = request.get_host() if request is not None else sites.site_domain()
        rebased = {
            key: sites.rebase(value)
            for key, value in context.items()
            if isinstance(value, str)
            and value.startswith(("http://", "https://"))
            and urlsplit(value).netloc == host
        }
        super().send_mail(
            template_prefix, email, {**context, **rebased, "current_site": sites.current_site()}
        )

    # --- failed sign-ins: per (address, account), see community/accounts/throttle.py -------------

    def _address(self, request) -> str:
        return throttle.network_of(self.get_client_ip(request))

    @staticmethod
    def _login(credentials) -> str:
        return str(credentials.get("email", credentials.get("username", "")) or "")

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts ``login_failed`` per this key: the pair, not the account alone.
        return f"{self._address(request)}|{super()._get_login_attempts_cache_key(request, **credentials)}"

    def pre_authenticate(self, request, **credentials) -> None:
        login, address = self._login(credentials), self._address(request)
        wait = throttle.attack_wait(login, address)
        if wait:
            raise ImmediateHttpResponse(
                too_many_attempts(
                    request,
                    "Many different networks have failed to sign in to this account in the last "
                    "hour, so it only accepts sign-ins from networks it has signed in from before "
                    "for now. Try again later, or reset your password.",
                    wait,
                )
            )
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ImmediateHttpResponse(
                too_many_attempts(request, self.error_messages["too_many_login_attempts"], 300)
            ) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            throttle.record_success(self._login(credentials), self._address(request))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        throttle.record_failure(self._login(credentials), self._address(request))


def too_many_attempts(request, message: str, retry_after: int):
    if hasattr(getattr(request, "allauth", None), "headless"):
        # A phone app (allauth headless, /_allauth/app/v1/) gets JSON in allauth's error shape.
        response = JsonResponse(
            {"status": 429, "errors": [{"message": message, "code": "too_many_login_attempts"}]},
            status=429,
        )
    else:
        response = render(request, "429.html", {"message": message, "retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
