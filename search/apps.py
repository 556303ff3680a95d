from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Every installed app's ``search.py`` registers its documents (forum.search, store.search).
        # (search fills no other app's slot: the product page's discussions panel is the store's,
        # built on search.panels.)
        autodiscover_modules("search")
