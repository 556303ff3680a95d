"""Who is calling: a personal access token (``Authorization: Bearer cnp_…``), the site's own session
(its JavaScript; unsafe methods need the CSRF token), or nobody.

An operation lists the ways it accepts, and django-ninja tries them in order:

- ``PUBLIC``: a token with ``read``, the session, or a visitor (what the pages show signed out);
- ``MEMBER``: a token with ``read`` or the session;
- ``WRITE``: a token with ``write`` or the session;
- ``TRIAGE``: a token with ``feedback:triage`` or the session (the permission functions still ask
  for the product team).

A malformed, unknown, revoked or expired token is a 401 whatever else the request carries; a token
without the scope an operation needs is a 403. Whoever calls, ``request.user`` is that person, so
the permission functions and actions see the same user as on the pages.
"""

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
    if "Authorization" in request.headers:
        return None
    return _counted(request, Caller("anonymous", AnonymousUser()))


_session = Session()
PUBLIC = [BearerToken(Scope.READ), _session, anonymous]
MEMBER = [BearerToken(Scope.READ), _session]
WRITE = [BearerToken(Scope.WRITE), _session]
TRIAGE = [BearerToken(Scope.FEEDBACK_TRIAGE), _session]


def user_of(request):
    return request.auth.user
