"""What every API answer gets on its way out (wrapped around django-ninja's views in api/urls.py):
the caller's RateLimit headers, an ETag on a successful read with a 304 for a matching
If-None-Match, ``Vary`` on the credentials, and problem details for a method the path does not take."""

import hashlib
from functools import wraps

from django.utils.cache import get_conditional_response, patch_vary_headers

from api.problems import MEDIA_TYPE, problem


def finish(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "") != MEDIA_TYPE:
            allowed = response.get("Allow", "")
            response = problem(
                request,
                405,
                f"{request.method} is not allowed here (allowed: {allowed}).",
                headers={"Allow": allowed},
            )
        window = getattr(request, "_api_window", None)
        if window is not None:
            for name, value in window.headers().items():
                response[name] = value
        patch_vary_headers(response, ("Authorization", "Cookie", "X-Session-Token"))
        response.setdefault("Cache-Control", "private, no-cache")
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            conditional = get_conditional_response(request, etag=etag, response=response)
            if conditional is not response:
                for name in ("RateLimit", "RateLimit-Policy", "Vary", "Cache-Control"):
                    if name in response:
                        conditional[name] = response[name]
                return conditional
        return response

    return wrapped
