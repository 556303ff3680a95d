from django.urls import path

from community.profiles import views

app_name = "profiles"

# Fixed paths first: "me" and "programmes" are not usernames here.
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/edit/", views.edit, name="edit"),
    path("me/products/", views.products, name="products"),
    path("me/feed/", views.feed, name="feed"),
    path("me/data/", views.my_data, name="data"),
    path("me/data/export/", views.export, name="export"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("programmes/<slug:slug>/manage/", views.programme_manage, name="programme_manage"),
    path("<str:username>/", views.profile, name="profile"),
    path("<str:username>/avatar/", views.avatar, name="avatar"),
    path("<str:username>/card/", views.card, name="card"),
    path("<str:username>/follow/", views.follow, name="follow"),
    path("<str:username>/award/", views.award, name="award"),
]
