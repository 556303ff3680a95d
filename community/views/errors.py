import base64
import hashlib
import logging
import re

from django.conf import settings
from django.shortcuts import render
from django.views import defaults

logger = logging.getLogger(__name__)

PLAIN_TEMPLATE = "500_plain.html"
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def style_hashes(html: str) -> list[str]:
    """The CSP source ('sha256-…') of each <style> block in ``html``: what allows exactly that CSS."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in _STYLE.findall(html)
    ]


def plain_server_error(request):
    """Django's context-free 500 view on 500_plain.html, with a policy that allows the page's own
    <style> by its hash: the page has no request context, so no nonce."""
    response = defaults.server_error(request, template_name=PLAIN_TEMPLATE)
    policy = dict(settings.SECURE_CSP)
    policy["style-src"] = [*policy.get("style-src", []), *style_hashes(response.content.decode())]
    response._csp_config = policy  # read by Django's ContentSecurityPolicyMiddleware
    return response


def server_error(request):
    """The themed 500 page; if even that cannot render (say the database is down), the plain one."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("themed 500 page failed to render")
        return plain_server_error(request)
