from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.views import health, preferences, robots, styleguide
from community.views.errors import server_error

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    path("accounts/theme/", preferences.theme_preference, name="theme_preference"),
    path("accounts/tokens/", include("api.token_urls")),  # personal access tokens (api/, above us)
    path("accounts/", include("allauth.urls")),
    path("_allauth/", include("allauth.headless.urls")),  # a phone app's accounts as JSON (README)
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("notifications/", include("community.notifications.urls")),
    path("people/", include("community.profiles.urls")),
    path("reputation/", include("community.reputation.urls")),
    path("forum/", include("forum.urls")),
    path("store/", include("store.urls")),
    path("search/", include("search.urls")),
    path("api/v1/", include("api.urls")),  # the JSON API (api/ sits above every app: a dotted path)
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving last: it catches every remaining path.
urlpatterns.append(path("", include(wagtail_urls)))

handler500 = server_error
