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
        from store.loadgen import generate_store
        from store.people import badge_holders, owned_products, product_choices, product_names

        hooks.register("demo.seed", seed_store_demo, order=10)
        hooks.register("loadgen.generate", generate_store, order=10)
        hooks.register("home.featured_products", featured_products)
        hooks.register("profiles.owned_products", owned_products)
        hooks.register("community.product_names", product_names)
        hooks.register("community.product_choices", product_choices)
        hooks.register("reputation.badge_holders", badge_holders)
