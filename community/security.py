"""Response headers the whole site sends beside Django's own (README, "Security").

- ``Permissions-Policy`` (``PERMISSIONS_POLICY``): the browser features no page of ours uses are
  switched off for us and for anything we might embed.
- ``Content-Security-Policy`` comes from Django's ``ContentSecurityPolicyMiddleware`` with
  ``SECURE_CSP``; Wagtail's admin (``/cms/``) has inline scripts and styles of its own, so its
  responses get ``SECURE_CSP_CMS`` instead (a view that set its own policy keeps it).
"""

from django.conf import settings

CMS_PREFIX = "/cms/"


class SecurityHeadersMiddleware:
    """Sits below ``ContentSecurityPolicyMiddleware`` in ``MIDDLEWARE`` so it picks the CMS
    policy before that middleware writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        if request.path.startswith(CMS_PREFIX) and not hasattr(response, "_csp_config"):
            response._csp_config = getattr(settings, "SECURE_CSP_CMS", settings.SECURE_CSP)
        return response
