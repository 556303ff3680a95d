"""Who is calling: a personal access token (``Authorization: Bearer cnp_…``), a phone app's session
from allauth headless (``X-Session-Token``), the site's own session (its JavaScript; unsafe methods
need the CSRF token), or nobody.

An operation lists the ways it accepts, and django-ninja tries them in order:

- ``PUBLIC``: a token with ``read``, an app session, the session, or a visitor (what the pages show
  signed out);
- ``MEMBER``: a token with ``read``, an app session or the session;
- ``WRITE``: a token with ``write``, an app session or the session;
- ``TRIAGE``: a token with ``feedback:triage``, an app session or the session (the permission
  functions still ask for the product team).

An app session has no scopes: the person signed in to the app with their password (and second
factor), exactly as on the site, so it acts with their full rights like the browser session does.
Scopes exist to give a script less than that. It needs no CSRF token: a browser never sends the
header by itself, so another site cannot make it.

A malformed, unknown, revoked or expired token, or an unknown, expired or logged-out session token,
is a 401 whatever else the request carries; a token without the scope an operation needs is a 403.
Whoever calls, ``request.user`` is that person, so the permission functions and actions see the same
user as on the pages.
"""

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from api.actions.tokens import record_use
from api.models import AccessToken, Scope
from api.tokens import secret_matches, split_token

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class Caller:
    """What the rate limit and the response headers need to know about the caller."""

    def __init__(self, kind: str, user, token: AccessToken | None = None):
        self.kind, self.user, self.token = kind, user, token

    def __bool__(self) -> bool:  # django-ninja accepts a truthy result
        return True


def _counted(request, caller: Caller) -> Caller:
    from api.ratelimit import count

    count(request, caller)
    return caller


def _token_for(request) -> AccessToken:
    """The request's valid token (cached on the request), or AuthenticationError."""
    cached = getattr(request, "_api_token", None)
    if cached is not None:
        return cached
    value = request.headers.get("Authorization", "")
    scheme, _, raw = value.partition(" ")
    if scheme.lower() != "bearer":
        raise AuthenticationError(message="Use 'Authorization: Bearer <personal access token>'.")
    parts = split_token(raw.strip())
    if parts is None:
        raise AuthenticationError(message="That is not a personal access token.")
    prefix, secret = parts
    token = AccessToken.objects.filter(prefix=prefix).select_related("user").first()
    now = timezone.now()
    if (
        token is None
        or not secret_matches(secret, token.secret_sha256)
        or token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.user.is_active
    ):
        raise AuthenticationError(message="The token is unknown, revoked or expired.")
    record_use(token=token, now=now)
    request._api_token = token
    return token


class BearerToken(AuthBase):
    openapi_type = "http"
    openapi_scheme = "bearer"

    def __init__(self, scope: str):
        self.scope = scope
        super().__init__()

    def __call__(self, request):
        if "Authorization" not in request.headers:
            return None
        token = _token_for(request)
        if not token.has_scope(self.scope):
            raise AuthorizationError(message=f"This token lacks the “{self.scope}” scope.")
        request.user = token.user
        return _counted(request, Caller("token", token.user, token))


class AppSessionToken(XSessionTokenAuth):
    """A phone app's session: the ``X-Session-Token`` that allauth headless answered its log-in at
    ``/_allauth/app/v1/auth/login`` with, resolved to the person by allauth (a logged-out, expired
    or half-finished session, one waiting for its second factor, resolves to nobody)."""

    openapi_type = "apiKey"
    openapi_in = "header"
    openapi_name = SESSION_TOKEN_HEADER = "X-Session-Token"
    openapi_description = (
        "A phone app's session token from allauth headless: `meta.session_token` of the answer to "
        "POST /_allauth/app/v1/auth/login (after any MFA step). Acts with the person's full rights, "
        "like the site's session; no CSRF token. Log out with DELETE /_allauth/app/v1/auth/session."
    )

    def __call__(self, request):
        if self.SESSION_TOKEN_HEADER not in request.headers:
            return None
        user = super().__call__(request)
        if user is None:
            raise AuthenticationError(
                message="The session token is unknown, expired or logged out: "
                "log in again at /_allauth/app/v1/auth/login."
            )
        request.user = user
        return _counted(request, Caller("session", user))


class Session(AuthBase):
    """The site's session cookie; unsafe methods must carry the CSRF token (X-CSRFToken)."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = "sessionid"

    def __init__(self):
        from django.conf import settings

        self.openapi_name = settings.SESSION_COOKIE_NAME
        super().__init__()

    def __call__(self, request):
        if "Authorization" in request.headers or not request.user.is_authenticated:
            return None
        if request.method in UNSAFE and check_csrf(request) is not None:
            raise AuthorizationError(message="CSRF check failed: send the X-CSRFToken header.")
        return _counted(request, Caller("session", request.user))


def anonymous(request):
    """A visitor: no token and no session (what the pages show signed out)."""
    if "Authorization" in request.headers or AppSessionToken.SESSION_TOKEN_HEADER in request.headers:
        return None
    return _counted(request, Caller("anonymous", AnonymousUser()))


_app_session, _session = AppSessionToken(), Session()
PUBLIC = [BearerToken(Scope.READ), _app_session, _session, anonymous]
MEMBER = [BearerToken(Scope.READ), _app_session, _session]
WRITE = [BearerToken(Scope.WRITE), _app_session, _session]
TRIAGE = [BearerToken(Scope.FEEDBACK_TRIAGE), _app_session, _session]


def user_of(request):
    return request.auth.user
