from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from search import hooks

        # Every installed app's ``search.py`` registers its documents (forum.search, store.search).
        autodiscover_modules("search")
        hooks.register_all()
