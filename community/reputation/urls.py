from django.urls import path

from community.reputation import views

app_name = "reputation"

urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("badges/", views.badge_list, name="badges"),
    path("badges/<slug:code>/", views.badge_detail, name="badge"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("check-in/", views.check_in, name="check_in"),
]
