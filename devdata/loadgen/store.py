"""Load data for the store (a stage of ``devdata.loadgen``).

A handful of products with variants, and paid demo-provider orders for a tenth of the people, so the
forum has verified owners. Rows are written in bulk but hold the store's invariants: totals from
store.pricing.quote, line totals, stock taken by the orders (reservations consumed), the "placed" and
"paid" order events, and the verified-owner badge a paid order earns."""

from datetime import timedelta

from devdata.loadgen import LoadContext, db_datetime, insert_rows, next_id, reset_sequences
from store import pricing
from store.models import Category, Order, OrderEvent, OrderLine, Product, StockReservation, Variant
from store.pricing import PricedLine

# slug, name, category, aliases, version pattern, [(sku, options, price, stock left after the orders)]
PRODUCTS = [
    (
        "load-nimbus-x2",
        "Nimbus X2",
        "phones",
        ["NimbusX2"],
        r"V\d+\.\d+\.\d+\.\d+",
        [
            ("LNX2-GRY-128", {"Colour": "Graphite", "Storage": "128 GB"}, 59900, 40),
            ("LNX2-GRY-256", {"Colour": "Graphite", "Storage": "256 GB"}, 69900, 25),
            ("LNX2-BLU-256", {"Colour": "Glacier Blue", "Storage": "256 GB"}, 69900, 8),
        ],
    ),
    (
        "load-nimbus-buds",
        "Nimbus Buds",
        "audio",
        [],
        "",
        [("LNB-WHT", {"Colour": "White"}, 9900, 60), ("LNB-BLK", {"Colour": "Black"}, 9900, 30)],
    ),
    (
        "load-strata-hub",
        "Strata Hub",
        "home",
        ["Strata"],
        "",
        [("LSH-STD", {"Model": "Standard"}, 11900, 50)],
    ),
    (
        "load-vela-watch",
        "Vela Watch",
        "wearables",
        [],
        "",
        [("LVW-41", {"Size": "41 mm"}, 24900, 20), ("LVW-45", {"Size": "45 mm"}, 26900, 15)],
    ),
    ("load-orbit-charger", "Orbit Charger", "accessories", [], "", [("LOC-100W", {}, 4900, 100)]),
]
CURRENCY = "USD"
ADDRESS = ("1 Load Street", "Testville", "10001", "US")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_store(ctx: LoadContext) -> dict[str, int]:
    from community.reputation.actions.badges import ensure_badge
    from community.reputation.badges import VERIFIED_OWNER
    from community.reputation.models import BadgeAward

    rng = ctx.rng("store")
    products, variants = [], []
    for position, (slug, name, category_slug, aliases, pattern, variant_specs) in enumerate(PRODUCTS):
        category, _ = Category.objects.get_or_create(
            slug=f"load-{category_slug}", defaults={"name": category_slug.title(), "position": 90 + position}
        )
        product = Product.objects.create(
            slug=slug,
            name=name,
            category=category,
            description=f"The **{name}**, made for load tests. Discussed on its boards, sold in the store.",
            aliases=aliases,
            version_pattern=pattern,
            status=Product.Status.ACTIVE,
        )
        product_variants = Variant.objects.bulk_create(
            [
                Variant(
                    product=product,
                    sku=sku,
                    options=options,
                    price_minor=price,
                    currency=CURRENCY,
                    stock=left,
                    sort_order=index,
                )
                for index, (sku, options, price, left) in enumerate(variant_specs)
            ]
        )
        products.append(product)
        variants.append(product_variants)

    # Orders: a tenth of the people, the first product (the feedback board's) bought most.
    people = ctx.data["people"]
    buyers = sorted(rng.sample(people, max(1, len(people) // 10)))
    weights = [8, 3, 2, 2, 1][: len(products)]
    order_id, line_id, event_id, reservation_id = (
        next_id(Order),
        next_id(OrderLine),
        next_id(OrderEvent),
        next_id(StockReservation),
    )
    orders, lines, events, reservations = [], [], [], []
    sold: dict[int, int] = {}
    owners: dict[int, set[int]] = {product.pk: set() for product in products}
    numbers: set[str] = set()
    first_paid = {}  # buyer -> when their first order was paid: the owner badge's date
    for position, buyer in enumerate(buyers):
        chosen = sorted(
            {rng.choices(range(len(products)), weights=weights)[0] for _ in range(rng.choice((1, 1, 2)))}
        )
        if position == 0 and 0 not in chosen:
            chosen.insert(0, 0)  # even the smallest run has an owner of the feedback board's product
        priced = []
        for index in chosen:
            variant = rng.choice(variants[index])
            quantity = 1 if index < 4 else rng.choice((1, 2))
            priced.append(
                PricedLine(
                    variant_id=variant.pk,
                    product_id=products[index].pk,
                    title=str(variant),
                    sku=variant.sku,
                    unit_price_minor=variant.price_minor,
                    quantity=quantity,
                )
            )
            owners[products[index].pk].add(buyer)
            sold[variant.pk] = sold.get(variant.pk, 0) + quantity
        quote = pricing.quote(lines=priced, currency=CURRENCY, country=ADDRESS[3])
        placed_at = ctx.at(rng.random() * 0.9)
        paid_at = placed_at + timedelta(minutes=rng.randint(1, 10))
        number = _number(rng, numbers)
        placed, paid = db_datetime(placed_at), db_datetime(paid_at)
        first_paid.setdefault(buyer, paid)
        orders.append(
            (
                order_id, number, buyer, f"buyer{buyer}@load.canopy.localhost", Order.Status.PAID,
                Order.Provider.DEMO, CURRENCY, quote.subtotal_minor, quote.shipping_minor, quote.tax_minor,
                quote.total_minor, 0, f"Buyer {buyer}", ADDRESS[0], "", ADDRESS[1], ADDRESS[2], ADDRESS[3],
                None, None, None, "", None, "", "", "", db_datetime(placed_at + timedelta(minutes=15)), placed, paid,
                paid, Order.Fulfilment.UNFULFILLED, "",
            )
        )  # fmt: skip
        for line in priced:
            lines.append(
                (
                    line_id, order_id, line.product_id, line.variant_id, line.title, line.sku,
                    line.unit_price_minor, line.quantity, line.total_minor, None,
                )
            )  # fmt: skip
            reservations.append(
                (
                    reservation_id, order_id, line.variant_id, line.quantity, StockReservation.Status.CONSUMED,
                    db_datetime(placed_at + timedelta(minutes=15)), placed,
                )
            )  # fmt: skip
            line_id += 1
            reservation_id += 1
        events.append(
            (event_id, order_id, "placed", "", "", "Order placed; stock held.", buyer, "{}", placed)
        )
        events.append(
            (
                event_id + 1, order_id, "paid", Order.Status.PENDING, Order.Status.PAID,
                "Demo payment succeeded (no money moved).", buyer, "{}", paid,
            )
        )  # fmt: skip
        event_id += 2
        order_id += 1

    # The stock in PRODUCTS is what is left: the shelf held that plus what the orders took.
    rows = {"products": len(products), "variants": sum(len(v) for v in variants)}
    rows["orders"] = insert_rows(
        Order,
        [
            "id", "number", "user_id", "email", "status", "provider", "currency", "subtotal_minor",
            "shipping_minor", "tax_minor", "total_minor", "refunded_minor", "shipping_name", "shipping_line1",
            "shipping_line2", "shipping_city", "shipping_postal_code", "shipping_country", "source_thread_id",
            "drop_id", "stripe_checkout_session_id", "checkout_key", "cart_id", "stripe_checkout_url",
            "stripe_payment_intent_id",
            "tracking_number", "reserved_until", "created_at", "paid_at", "updated_at", "fulfilment_status",
            "carrier",
        ],
        orders,
    )  # fmt: skip
    rows["order lines"] = insert_rows(
        OrderLine,
        [
            "id", "order_id", "product_id", "variant_id", "title", "sku", "unit_price_minor", "quantity",
            "total_minor", "source_thread_id",
        ],
        lines,
    )  # fmt: skip
    rows["stock reservations"] = insert_rows(
        StockReservation,
        ["id", "order_id", "variant_id", "quantity", "status", "expires_at", "created_at"],
        reservations,
    )
    rows["order events"] = insert_rows(
        OrderEvent,
        ["id", "order_id", "kind", "from_status", "to_status", "message", "actor_id", "data", "created_at"],
        events,
    )
    reset_sequences(Order, OrderLine, StockReservation, OrderEvent)

    # A paid order makes the buyer a verified owner, with the badge that says so.
    badge = ensure_badge(code=VERIFIED_OWNER)
    first_award = next_id(BadgeAward)
    rows["badge awards"] = insert_rows(
        BadgeAward,
        ["id", "user_id", "badge_id", "awarded_at"],
        [
            (first_award + i, user_id, badge.pk, at)
            for i, (user_id, at) in enumerate(sorted(first_paid.items()))
        ],
    )
    reset_sequences(BadgeAward)

    ctx.data["products"] = [
        {"id": p.pk, "slug": p.slug, "name": p.name, "variant_ids": [v.pk for v in vs]}
        for p, vs in zip(products, variants, strict=True)
    ]
    ctx.data["owners"] = {product_id: sorted(ids) for product_id, ids in owners.items()}
    ctx.data.setdefault("summary", []).append(
        f"products: /store/{products[0].slug}/ ... ({', '.join(p.slug for p in products)}); "
        f"{len(orders)} paid orders, {len(owners[products[0].pk])} owners of the {products[0].name}"
    )
    ctx.write(
        f"  store: {len(products)} products, {len(orders)} paid orders, stock sold {sum(sold.values())}"
    )
    return rows


def _number(rng, taken: set[str]) -> str:
    while True:
        number = "LD-" + "".join(rng.choice(_ALPHABET) for _ in range(8))
        if number not in taken:
            taken.add(number)
            return number
