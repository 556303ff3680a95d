"""The audit's WSGI application: Canopy's, with the uploaded media served beside it.

In production the media files (avatars, product photos, attachments) come from the S3-style bucket or
the reverse proxy in front of gunicorn, not from Django (community/urls.py serves them only with DEBUG
on); WhiteNoise already serves the static files inside the app. The audit has neither bucket nor proxy,
so WhiteNoise stands in for them here, serving MEDIA_ROOT at MEDIA_URL as the seeded demo left it,
so that pages load their images as they would in production instead of logging 404s. It looks files
up per request (autorefresh): Wagtail writes an image's renditions when a page first asks for them,
after the server started.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from community.wsgi import application as canopy

application = WhiteNoise(
    canopy, root=str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL, max_age=3600, autorefresh=True
)
