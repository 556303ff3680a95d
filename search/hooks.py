"""What search plugs into other apps' slots (community.hooks), registered from SearchConfig.ready()."""

from community import hooks


def reindex_demo(stdout=None, **kwargs) -> None:
    """demo.seed: rebuild the whole index so the demo's search works after seeding."""
    from search.index import reindex

    for search_type, count in reindex(stdout=None):
        if stdout is not None:
            stdout.write(f"Indexed {count} {search_type.label.lower()} for search.")


def product_discussions_panel(*, product, request=None, **kwargs) -> str:
    from search.panels import product_discussions

    return product_discussions(product_id=product.pk, request=request, product_name=product.name)


def register_all() -> None:
    hooks.register(hooks.Hook.DEMO_SEED, reindex_demo, order=90)
    hooks.register(hooks.Hook.STORE_PRODUCT_PANELS, product_discussions_panel, order=50)
