from django.urls import path

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from search import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("similar/", views.similar, name="similar"),
    path("related/<str:type_name>/<id:object_id>/", views.related, name="related"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
    path("opensearch/suggest/", views.opensearch_suggest, name="opensearch_suggest"),
]
