import logging

from django.shortcuts import render
from django.views import defaults

logger = logging.getLogger(__name__)


def server_error(request):
    """The themed 500 page; if even that cannot render (say the database is down), Django's plain one."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("themed 500 page failed to render")
        return defaults.server_error(request, template_name="500_plain.html")
