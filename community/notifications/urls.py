from django.urls import path

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from community.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="centre"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<id:pk>/", views.open_notification, name="open"),
]
