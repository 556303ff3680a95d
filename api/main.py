"""The API object: django-ninja with problem details, its OpenAPI document completed with what every
operation may answer (problem details for errors, 304 for a conditional read, who may call)."""

from ninja import NinjaAPI

from api import problems

ERROR_STATUSES = {
    "400": "Bad request",
    "401": "No valid credentials (or a malformed, revoked or expired token)",
    "403": "Not allowed (a token without the scope, a failed CSRF check, or the permission rules)",
    "404": "Not found, or not visible to the caller",
    "409": "Conflict",
    "422": "Invalid input, with the fields at fault",
    "429": "Rate limited: see the RateLimit and Retry-After headers",
}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class CanopyAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
            problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        for name, definition in (
            problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            .get("$defs", {})
            .items()
        ):
            schema["components"]["schemas"][name] = definition
        schema["components"]["schemas"]["Problem"].pop("$defs", None)
        for path_item in schema.get("paths", {}).values():
            for method, operation in path_item.items():
                _complete(method, operation)
        return schema


def _complete(method: str, operation: dict) -> None:
    responses = {str(status): response for status, response in operation.get("responses", {}).items()}
    operation["responses"] = responses
    for status, description in ERROR_STATUSES.items():
        responses.setdefault(status, {"description": description})
    for status, response in responses.items():
        if status.isdigit() and int(status) >= 400:
            response["content"] = {problems.MEDIA_TYPE: {"schema": PROBLEM_REF}}
    if method == "get":
        responses.setdefault("304", {"description": "Not modified (If-None-Match matched the ETag)"})
    security = operation.get("security")
    if security is not None and operation.pop("x-anonymous", False):
        security.append({})


api = CanopyAPI(
    title="Canopy API",
    version="1",
    description=(
        "The forum, feedback, store and search of Canopy as JSON. Call it with a personal access "
        "token (`Authorization: Bearer cnp_…`, made on your account page), from a phone app with the "
        "`X-Session-Token` its sign-in through allauth headless (`/_allauth/app/v1/`) returned, or, from "
        "the site's own JavaScript, with the session and its CSRF token. Errors are RFC 9457 problem "
        "details."
    ),
    urls_namespace="api",
)
problems.install(api)

# triage before feedback: its fixed paths (feedback/export.csv, feedback/bulk-status) are matched
# before feedback/{item_id} would take them.
for _module in ("forum", "posts", "triage", "feedback", "store", "search", "me"):
    api.add_router("/", f"api.routers.{_module}.router")
