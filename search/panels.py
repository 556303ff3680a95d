"""HTML fragments other apps place on their pages through community.hooks (search imports none of them)."""

from __future__ import annotations

from django.template.loader import render_to_string

from search import api, registry


def product_discussions(*, product_id: int, request=None, limit: int = 8, product_name: str = "") -> str:
    """store.product_panels: discussions and feedback that mention a product, most voted first.
    The product page passes the name it already has; otherwise the product's labeler names it."""
    user = getattr(request, "user", None)
    hits = api.mentions(product_id=product_id, user=user, limit=limit)
    if not product_name:
        product_name = registry.labels_for("product", [product_id]).get(product_id, "this product")
    return render_to_string(
        "search/product_panel.html",
        {"hits": hits, "product_id": product_id, "product_name": product_name},
        request=request,
    )
