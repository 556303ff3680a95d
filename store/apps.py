from django.apps import AppConfig


def team_permissions() -> list[str]:
    """The product team runs the catalog and drops and manages orders (never adds or deletes an order)."""
    return [
        *(
            f"store.{verb}_{model}"
            for model in ("product", "category", "drop", "purchaseright")
            for verb in ("view", "add", "change")
        ),
        *(
            f"store.{verb}_{model}"
            for model in ("variant", "productimage")
            for verb in ("view", "add", "change", "delete")
        ),
        "store.view_order",
        "store.change_order",
    ]


class StoreConfig(AppConfig):
    name = "store"
    verbose_name = "Store"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from community import hooks
        from store import signals  # noqa: F401 - connects the log-in receiver
        from store.featured import featured_products
        from store.people import badge_holders, owned_products, product_choices, product_names

        hooks.register(hooks.Hook.HOME_FEATURED_PRODUCTS, featured_products)
        hooks.register(hooks.Hook.PROFILES_OWNED_PRODUCTS, owned_products)
        hooks.register(hooks.Hook.COMMUNITY_PRODUCT_NAMES, product_names)
        hooks.register(hooks.Hook.COMMUNITY_PRODUCT_CHOICES, product_choices)
        hooks.register(hooks.Hook.REPUTATION_BADGE_HOLDERS, badge_holders)
        hooks.register(hooks.Hook.TEAM_PERMISSIONS, team_permissions)
