from django.urls import path

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from api import views

urlpatterns = [
    path("", views.tokens, name="api_tokens"),
    path("<id:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
