from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.models import Site

        from community import sites
        from community.models import SiteSettings

        for model in (Site, SiteSettings, get_image_model()):
            post_save.connect(
                sites.forget, sender=model, dispatch_uid=f"community.sites.{model.__name__}.save"
            )
            post_delete.connect(
                sites.forget, sender=model, dispatch_uid=f"community.sites.{model.__name__}.delete"
            )
