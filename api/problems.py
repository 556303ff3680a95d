"""Errors as RFC 9457 problem details (``application/problem+json``), with field errors.

Every error the API answers goes through ``problem()``: a type URI under /api/v1/problems/, a title,
the status, a detail meant for a person, and for bad input the fields at fault::

    {"type": "https://example.org/api/v1/problems/invalid", "title": "Invalid input", "status": 422,
     "detail": "Check the fields below.", "errors": [{"field": "body.title", "message": "..."}]}
"""

import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    422: ("invalid", "Invalid input"),
    429: ("rate-limited", "Too many requests"),
    500: ("server-error", "Server error"),
}


class FieldError(Schema):
    field: str  # where: "body.title", "query.sort", "path.thread_id"; "" for the request as a whole
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError] = []


def problem(request, status: int, detail: str = "", *, errors=(), headers=None, type_slug: str = ""):
    slug, title = TITLES.get(status, ("error", "Error"))
    body = {
        "type": request.build_absolute_uri(f"/api/v1/problems/{type_slug or slug}"),
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": request.path,
        "errors": [{"field": field, "message": message} for field, message in errors],
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _location(loc) -> str:
    return ".".join(str(part) for part in loc if part not in ("",))


def _validation(request, exc: NinjaValidationError):
    errors = []
    for error in exc.errors:
        loc = list(error.get("loc", ()))
        # ninja nests a body model under its parameter name: body.payload.title -> body.title
        if len(loc) >= 2 and loc[0] == "body" and loc[1] == "payload":
            loc = ["body", *loc[2:]]
        message = str(error.get("msg", "Invalid value."))
        errors.append((_location(loc), message.removeprefix("Value error, ")))
    return problem(request, 422, "Check the fields listed in errors.", errors=errors)


def django_errors(exc: DjangoValidationError) -> tuple[str, list[tuple[str, str]]]:
    """(detail, field errors) of a Django ValidationError raised by an action or a form."""
    if hasattr(exc, "error_dict"):
        errors = [
            ("" if name == "__all__" else f"body.{name}", message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
        return " ".join(message for _, message in errors), errors
    messages = list(exc.messages)
    return " ".join(messages), [("", message) for message in messages]


def _django_validation(request, exc: DjangoValidationError):
    from forum.limits import RateLimited

    detail, errors = django_errors(exc)
    if isinstance(exc, RateLimited):
        return problem(request, 429, detail)
    return problem(request, 422, detail, errors=errors)


def install(api) -> None:
    """Replace django-ninja's default error answers with problem details."""

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        return _validation(request, exc)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        detail = str(exc) if str(exc) != "Unauthorized" else "Sign in, or send a personal access token."
        return problem(request, 401, detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})

    from api.ratelimit import RateLimitExceeded

    @api.exception_handler(RateLimitExceeded)
    def rate_limited(request, exc):
        return problem(request, 429, str(exc), headers={"Retry-After": str(exc.wait)})

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        return problem(request, 429, "Too many requests: wait, then try again.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem(request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        text = str(exc)
        return problem(request, 404, text if text.startswith("No such") else "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(request, 403, str(exc) or "You cannot do that.")

    @api.exception_handler(DjangoValidationError)
    def invalid(request, exc):
        return _django_validation(request, exc)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s %s", request.method, request.path)
        return problem(request, 500, "Something went wrong on our side; it has been logged.")
