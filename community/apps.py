from django.apps import AppConfig, apps


def is_last_post_migrate(sender) -> bool:
    """True for the ``post_migrate`` signal of the last app with models: ``migrate`` sends one per app,
    in INSTALLED_APPS order, so by then every app's permissions and default rows exist."""
    labels = [config.label for config in apps.get_app_configs() if config.models_module is not None]
    return bool(labels) and sender.label == labels[-1]


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.models import Group
        from django.core import checks
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
        from wagtail.images import get_image_model
        from wagtail.models import Site

        from community import memberships, sites, teams
        from community.models import SiteSettings, User

        for model in (Site, SiteSettings, get_image_model()):
            post_save.connect(
                sites.forget, sender=model, dispatch_uid=f"community.sites.{model.__name__}.save"
            )
            post_delete.connect(
                sites.forget, sender=model, dispatch_uid=f"community.sites.{model.__name__}.delete"
            )
        # Cached group memberships (community.memberships) follow joins, leaves, renames and deletes.
        m2m_changed.connect(
            memberships.forget, sender=User.groups.through, dispatch_uid="community.groups.m2m"
        )
        post_save.connect(memberships.forget, sender=Group, dispatch_uid="community.groups.save")
        post_delete.connect(memberships.forget, sender=Group, dispatch_uid="community.groups.delete")
        # A fresh install has the product team's group with its permissions (community.teams).
        post_migrate.connect(teams.ensure_team_group_after_migrate, dispatch_uid="community.teams.ensure")
        # The Sites framework's record and Wagtail's default site follow SITE_URL (community.sites).
        post_migrate.connect(sites.sync_site_records_after_migrate, dispatch_uid="community.sites.sync")
        checks.register(sites.check_site_url)
