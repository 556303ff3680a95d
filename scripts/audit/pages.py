"""The pages make audit visits, picked from the seeded demo's own rows (no hard-coded ids).

Run inside the audit's Django environment: ``python -m scripts.audit.pages`` prints them as JSON,
``{"signed_out": {name: path}, "signed_in": {name: path}, "team": {name: path}}``. The signed-in set is
the signed-out one plus the member's own pages; ``team`` is what the product team sees (mira).
"""

import json
import os
import sys

SEARCH_QUERY = "battery"


def discover() -> dict[str, dict[str, str]]:
    from django.db.models import Count, Q

    from forum.feedback.models import Release
    from forum.models import Board, Thread
    from store.models import Product

    def public_threads():
        return Thread.objects.filter(
            board__read_access=Board.Access.EVERYONE,
            is_hidden=False,
            deleted_at__isnull=True,
            is_approved=True,
            merged_into__isnull=True,
        )

    board = (
        Board.objects.filter(read_access=Board.Access.EVERYONE, kind=Board.Kind.DISCUSSION, product__isnull=False)
        .annotate(n=Count("threads", filter=Q(threads__is_hidden=False, threads__deleted_at__isnull=True)))
        .order_by("-n", "pk")
        .first()
    )
    # A thread whose first page is full (20 posts at the default page size): the weight budget's page.
    thread = public_threads().filter(reply_count__gte=19).order_by("-reply_count", "pk").first()
    product = (
        Product.objects.active().annotate(n=Count("releases")).order_by("-n", "pk").first()
    )
    release = (
        Release.objects.filter(product=product, published_at__isnull=False).order_by("-released_on", "-pk").first()
        if product
        else None
    )
    missing = [name for name, row in (("board", board), ("thread", thread), ("product", product),
                                      ("release", release)) if row is None]
    if missing:
        raise SystemExit(f"the seeded demo has no {', '.join(missing)} to audit (is the demo seeded?)")
    signed_out = {
        "home": "/",
        "boards": "/forum/",
        "board": f"/forum/b/{board.slug}/",
        "thread": thread.get_absolute_url(),
        "product": product.get_absolute_url(),
        "search": f"/search/?q={SEARCH_QUERY}",
        "release": release.get_absolute_url(),
        "login": "/accounts/login/",
    }
    signed_in = {
        **{name: path for name, path in signed_out.items() if name != "login"},
        "notifications": "/notifications/",
        "new-thread": f"/forum/b/{board.slug}/new/",
        "cart": "/store/cart/",
        "checkout": "/store/checkout/",
    }
    team = {"triage": "/forum/feedback/triage/"}
    return {"signed_out": signed_out, "signed_in": signed_in, "team": team,
            "thread_posts": {"path": thread.get_absolute_url(), "replies": thread.reply_count}}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.production")
    import django

    django.setup()
    json.dump(discover(), sys.stdout)


if __name__ == "__main__":
    main()
