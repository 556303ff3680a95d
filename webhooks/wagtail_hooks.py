"""Webhooks in the Wagtail admin, where the team works: a "Webhooks" menu item for people who manage
them (the product team's group holds the permission) and the pages under /cms/webhooks/."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

import community.parsing  # noqa: F401  (registers the <id:...> path converter)
from webhooks import admin_views
from webhooks.permissions import can_manage_webhooks

app_name = "webhooks_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("add/", admin_views.add, name="add"),
    path("<id:pk>/", admin_views.subscription, name="subscription"),
    path("<id:pk>/edit/", admin_views.edit, name="edit"),
    path("<id:pk>/rotate/", admin_views.rotate, name="rotate"),
    path("<id:pk>/pause/", admin_views.pause, name="pause"),
    path("<id:pk>/resume/", admin_views.resume, name="resume"),
    path("<id:pk>/delete/", admin_views.delete, name="delete"),
    path("<id:pk>/deliveries/<id:delivery_pk>/", admin_views.delivery, name="delivery"),
]


class WebhooksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_webhooks(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("webhooks/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return WebhooksMenuItem("Webhooks", reverse("webhooks_admin:index"), icon_name="link", order=900)
