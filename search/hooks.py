"""What search plugs into other apps' slots (community.hooks), registered from SearchConfig.ready()."""

from community import hooks


def product_discussions_panel(*, product, request=None, **kwargs) -> str:
    from search.panels import product_discussions

    return product_discussions(product_id=product.pk, request=request, product_name=product.name)


def register_all() -> None:
    hooks.register(hooks.Hook.STORE_PRODUCT_PANELS, product_discussions_panel, order=50)
