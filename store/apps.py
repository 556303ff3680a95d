from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "store"
    verbose_name = "Store"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from community import hooks
        from store import signals  # noqa: F401 - connects the log-in receiver
        from store.demo import seed_store_demo
        from store.featured import featured_products

        hooks.register("demo.seed", seed_store_demo, order=10)
        hooks.register("home.featured_products", featured_products)
