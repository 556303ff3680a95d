"""/api/v1/: django-ninja's views, each finished by api.responses.finish; any other path under it is
a problem-details 404 (not the site's HTML one)."""

from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

from api.main import api
from api.problems import problem
from api.responses import finish

patterns, _app_name, _namespace = api.urls
app_name = "api"
for pattern in patterns:
    pattern.callback = finish(pattern.callback)


@csrf_exempt
def unknown(request):
    return problem(request, 404, "No such API endpoint: see /api/v1/docs for the list.")


urlpatterns = [*patterns, re_path(r"^.*$", unknown, name="unknown")]
