from django.shortcuts import render
from django.utils import timezone

from store import conf, queries


def catalog(request):
    categories, current, cards = queries.catalog(category_slug=request.GET.get("category") or None)
    return render(
        request, "store/catalog.html", {"categories": categories, "current": current, "cards": cards}
    )


def product(request, slug):
    page = queries.product_page(slug=slug)
    return render(
        request,
        "store/product.html",
        {
            "page": page,
            "product": page.product,
            "card": page.card,
            "panels": queries.community_panels(product=page.product, request=request),
            "quantity_limit": page.product.quantity_limit,
            "stripe_enabled": conf.stripe_enabled(),
            "selected_variant_id": next((v.id for v in page.card.variants if v.in_stock), None),
        },
    )


def drop(request, slug):
    drop, card, rights = queries.drop_page(slug=slug, user=request.user)
    now = timezone.now()
    return render(
        request,
        "store/drop.html",
        {
            "drop": drop,
            "card": card,
            "rights": rights,
            "is_open": drop.is_open(now),
            "has_ended": drop.has_ended(now),
        },
    )
