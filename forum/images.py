"""The picture a listing shows for a thread: the first image of its opening post.

Kept on the thread (``Thread.first_image_url``) by the actions that save the opening post
(``start_thread``, ``edit_post``), so a listing reads it with its other columns instead of a query
per row. Only images this site serves count (uploads under ``MEDIA_URL``): anything else would be
blocked by the page's content security policy or would make the listing fetch from elsewhere."""

import re

from django.conf import settings

_IMG_SRC = re.compile(r"""<img\b[^>]*?\ssrc=(["'])(?P<src>[^"']+)\1""", re.IGNORECASE)
MAX_LENGTH = 500


def first_image_url(body_html: str) -> str:
    """The ``src`` of the first image in rendered, sanitised post HTML that lives under
    ``MEDIA_URL``; "" when there is none."""
    prefix = settings.MEDIA_URL
    for match in _IMG_SRC.finditer(body_html or ""):
        src = match.group("src").replace("&amp;", "&")
        if src.startswith(prefix) and len(src) <= MAX_LENGTH:
            return src
    return ""
