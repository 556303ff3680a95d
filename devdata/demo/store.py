"""The demo store: products with variants, stock and a gallery of pictures drawn per variant colour
(devdata.demo.images), an upcoming limited drop with purchase-right codes, a landing page, and orders
by members placed through the store's actions with the demo provider. Idempotent: products are
matched by slug, orders are placed once."""

import inspect
import random
from collections import Counter
from contextlib import nullcontext
from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from devdata.demo import images
from devdata.demo.runtime import DemoClock, days_ago
from store.models import Category, Drop, Order, Product, ProductImage, Variant

PHONE_DESCRIPTION = """The **Aurora 14** is the phone this community helps build: every release is
planned from the feedback boards, and you can follow your report to the build that fixes it.

- 6.7" OLED, 120 Hz, 1,800 nits peak
- 50 MP main camera, 12 MP ultra-wide, 10 MP 3x telephoto
- 5,000 mAh battery, 90 W charging
- Monthly stable updates (V14.0.x.0) and a weekly beta channel
"""

# colour names -> RGB used by the pictures
COLOURS = {
    "Midnight Black": (28, 29, 33),
    "Forest Green": (31, 122, 77),
    "Sage": (150, 168, 140),
    "Sand": (214, 196, 164),
    "White": (240, 240, 236),
    "Black": (44, 44, 48),
    "Chalk": (206, 202, 194),
    "Titanium": (138, 136, 130),
    "Graphite": (70, 72, 78),
}

PRODUCTS = [
    {
        "slug": "aurora-14",
        "name": "Aurora 14",
        "category": ("phones", "Phones"),
        "description": PHONE_DESCRIPTION,
        "aliases": ["Aurora14", "A14"],
        "version_pattern": r"V\d+\.\d+\.\d+\.\d+",
        "shape": "phone",
        "variants": [
            ("A14-BLK-256", {"Colour": "Midnight Black", "Storage": "256 GB"}, 79900, 25),
            ("A14-BLK-512", {"Colour": "Midnight Black", "Storage": "512 GB"}, 89900, 12),
            ("A14-GRN-256", {"Colour": "Forest Green", "Storage": "256 GB"}, 79900, 6),
            ("A14-GRN-512", {"Colour": "Forest Green", "Storage": "512 GB"}, 89900, 0),
        ],
    },
    {
        "slug": "aurora-buds-pro",
        "name": "Aurora Buds Pro",
        "category": ("audio", "Audio"),
        "description": "Noise-cancelling earbuds with three ANC levels, multipoint and 6 hours per "
        "charge (28 with the case). Firmware updates are planned on the community boards (1.4.2 and up).",
        "aliases": ["Buds Pro"],
        "version_pattern": "",
        "shape": "buds",
        "variants": [
            ("ABP-WHT", {"Colour": "White"}, 14900, 40),
            ("ABP-BLK", {"Colour": "Black"}, 14900, 18),
        ],
    },
    {
        "slug": "home-hub",
        "name": "Canopy Home Hub",
        "category": ("home", "Smart home"),
        "description": "The smart-home hub with a public roadmap: Zigbee, Thread and Matter, local "
        "automations that keep working offline, and a speaker for announcements. Semantic versions "
        "(2.3.0 and up).",
        "aliases": ["Home Hub"],
        "version_pattern": "",
        "shape": "hub",
        "variants": [
            ("CHH-STD", {"Colour": "Chalk"}, 12900, 30),
            ("CHH-GRA", {"Colour": "Graphite"}, 12900, 14),
        ],
    },
    {
        "slug": "aurora-14-case",
        "name": "Aurora 14 Silicone Case",
        "category": ("accessories", "Accessories"),
        "description": "A soft-touch silicone case made for the Aurora 14, with a raised lip around the "
        "camera and a microfibre lining.",
        "aliases": [],
        "version_pattern": "",
        "shape": "case",
        "variants": [
            ("A14-CASE-SAGE", {"Colour": "Sage"}, 2900, 60),
            ("A14-CASE-SAND", {"Colour": "Sand"}, 2900, 3),
        ],
    },
    {
        "slug": "usb-c-charger-65w",
        "name": "65 W USB-C Charger",
        "category": ("accessories", "Accessories"),
        "description": "A compact GaN charger for phone, buds and laptop, with a 1.5 m braided cable.",
        "aliases": [],
        "version_pattern": "",
        "shape": "charger",
        "variants": [("CHG-65W", {"Colour": "White"}, 3900, 80)],
    },
    {
        "slug": "aurora-14-ultra",
        "name": "Aurora 14 Ultra (limited edition)",
        "category": ("phones", "Phones"),
        "description": "A numbered run of 100 in titanium with a fourth, periscope camera, sold in a "
        "limited drop to community members with a purchase-right code.",
        "aliases": ["A14 Ultra"],
        "version_pattern": r"V\d+\.\d+\.\d+\.\d+",
        "shape": "phone",
        "ultra": True,
        "variants": [("A14U-TI-1TB", {"Colour": "Titanium", "Storage": "1 TB"}, 139900, 100)],
    },
]


def _variant_colours(spec) -> list[str]:
    return list(dict.fromkeys(options.get("Colour", "White") for _, options, _, _ in spec["variants"]))


def _gallery(product: Product, spec: dict) -> int:
    """One picture per view and colour: the first colour's views first (the product card shows it),
    each marked with its colour (picking a version of that colour shows it; its first is the swatch)."""
    Image = get_image_model()
    made = 0
    position = 0
    for colour_name in _variant_colours(spec):
        for view in images.VIEWS[spec["shape"]]:
            data = images.render(spec["shape"], COLOURS[colour_name], view, ultra=spec.get("ultra", False))
            name = f"{spec['slug']}-{colour_name.lower().replace(' ', '-')}-{view}.png"
            picture = Image.objects.create(
                title=f"{spec['name']}, {colour_name} ({view.replace('-', ' ')})",
                file=ImageFile(BytesIO(data), name=name),
            )
            ProductImage.objects.create(
                product=product,
                image=picture,
                alt_text=f"{spec['name']} in {colour_name}, {view.replace('-', ' ')} view",
                option_value=colour_name,
                sort_order=position,
            )
            position += 1
            made += 1
    return made


def ensure_product(spec: dict) -> tuple[Product, bool]:
    product = Product.objects.filter(slug=spec["slug"]).first()
    if product is not None:
        return product, False
    category, _ = Category.objects.get_or_create(
        slug=spec["category"][0], defaults={"name": spec["category"][1]}
    )
    product = Product.objects.create(
        slug=spec["slug"],
        name=spec["name"],
        category=category,
        description=spec["description"],
        aliases=spec["aliases"],
        version_pattern=spec["version_pattern"],
        status=Product.Status.ACTIVE,
    )
    for position, (sku, options, price, stock) in enumerate(spec["variants"]):
        Variant.objects.create(
            product=product,
            sku=sku,
            options=options,
            price_minor=price,
            currency="USD",
            stock=stock,
            sort_order=position,
        )
    _gallery(product, spec)
    return product, True


def ensure_drop(people: dict) -> Drop:
    from store.actions.drops import grant_purchase_right

    product = Product.objects.get(slug="aurora-14-ultra")
    drop, created = Drop.objects.get_or_create(
        slug="aurora-14-ultra-launch",
        defaults={
            "product": product,
            "title": "Aurora 14 Ultra launch drop",
            "starts_at": timezone.now() + timedelta(days=3),
            "quantity": 100,
            "remaining": 100,
            "per_person_limit": 1,
            "requires_code": True,
        },
    )
    if created and "admin" in people:
        for username in ("leo", "amara", "kenji"):
            if username in people:
                grant_purchase_right(drop=drop, user=people[username], actor=people["admin"])
    return drop


def ensure_landing_page() -> None:
    from community.models import HomePage
    from store.models import ProductLandingPage

    home = HomePage.objects.first()
    if home is None or ProductLandingPage.objects.filter(slug="meet-aurora-14").exists():
        return
    page = ProductLandingPage(
        title="Meet the Aurora 14",
        slug="meet-aurora-14",
        product=Product.objects.get(slug="aurora-14"),
        intro="Planned on the feedback boards, shipped every month.",
        body=[
            (
                "feature",
                {
                    "heading": "Built with its community",
                    "text": "Every release starts from the most voted reports and ideas on the Aurora 14 boards.",
                    "image": None,
                },
            ),
            ("buy_box", {"heading": "Get yours"}),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()


ADDRESSES = {
    "US": {"line1": "1 Canopy Way", "city": "Springfield", "postal_code": "12345", "country": "US"},
    "DE": {"line1": "Lindenstraße 12", "city": "Berlin", "postal_code": "10969", "country": "DE"},
    "NG": {"line1": "14 Awolowo Road", "city": "Lagos", "postal_code": "101233", "country": "NG"},
    "JP": {"line1": "2-3-1 Umeda", "city": "Osaka", "postal_code": "530-0001", "country": "JP"},
    "ES": {"line1": "Calle de Atocha 40", "city": "Madrid", "postal_code": "28012", "country": "ES"},
    "CN": {"line1": "科技园南区 8 栋", "city": "深圳", "postal_code": "518057", "country": "CN"},
    "BR": {"line1": "Rua Augusta 1500", "city": "São Paulo", "postal_code": "01304-001", "country": "BR"},
    "IN": {"line1": "12 MG Road", "city": "Bengaluru", "postal_code": "560001", "country": "IN"},
}

# (buyer, country, [(sku, quantity)], what happens after placing): pending, failed, paid, packed,
# shipped, delivered or refunded_partly. A few orders in each fulfilment state, so the buyer's timeline
# and the team's shipments list have something to show.
ORDERS = [
    ("leo", "DE", [("A14-BLK-256", 1), ("A14-CASE-SAGE", 1)], "delivered"),
    ("amara", "NG", [("ABP-WHT", 1)], "shipped"),
    ("jonas", "DE", [("CHH-STD", 1)], "paid"),
    ("sofia", "ES", [("CHG-65W", 2)], "refunded_partly"),
    ("kenji", "JP", [("A14-GRN-256", 1)], "pending"),
    ("sofia", "ES", [("ABP-BLK", 1)], "failed"),
    ("chen_yu", "CN", [("A14-GRN-256", 1), ("CHG-65W", 1)], "delivered"),
    ("lin_xiao", "CN", [("A14-BLK-512", 1)], "shipped"),
    ("priya.k", "IN", [("A14-BLK-256", 1), ("ABP-WHT", 1)], "shipped"),
    ("marco_r", "BR", [("A14-BLK-256", 1)], "delivered"),
    ("wang.hao", "CN", [("ABP-BLK", 1)], "packed"),
    ("ingrid", "DE", [("CHH-GRA", 2)], "delivered"),
    ("tomasz", "DE", [("A14-CASE-SAND", 1)], "packed"),
    ("yuki_t", "JP", [("A14-BLK-256", 1)], "delivered"),
    ("leo", "DE", [("CHG-65W", 1)], "shipped"),
    ("amara", "NG", [("A14-CASE-SAGE", 1)], "paid"),
]
OUTCOMES = {"pending", "failed", "paid", "packed", "shipped", "delivered", "refunded_partly"}

# Who carries a parcel to each country, and the shape of their tracking numbers ("#" a digit). DHL and
# FedEx are in store.carriers (the buyer gets a tracking link); the others are named without one.
CARRIERS = {
    "DE": ("DHL Paket", "00340434############"),
    "NG": ("DHL Express", "##########"),
    "ES": ("Correos", "PQ##########ES"),
    "JP": ("Japan Post", "EJ#########JP"),
    "CN": ("SF Express", "SF############"),
    "IN": ("FedEx", "############"),
    "BR": ("Correios", "LB#########BR"),
    "US": ("UPS", "1Z999AA1########"),
}
# How many days ago an order with this outcome was placed (the n-th such order a day earlier), and
# how long after payment each step came.
PLACED_DAYS_AGO = {"failed": 12, "paid": 1, "refunded_partly": 9, "packed": 2, "shipped": 4, "delivered": 24}
PACKED_AFTER, SHIPPED_AFTER, DELIVERED_AFTER = (
    timedelta(hours=20),
    timedelta(hours=26),
    timedelta(days=3, hours=5),
)


def tracking_number(country: str, rng: random.Random) -> tuple[str, str]:
    carrier, shape = CARRIERS[country]
    return carrier, "".join(str(rng.randint(0, 9)) if char == "#" else char for char in shape)


def _place_order_kwargs() -> dict:
    """Record demo orders with the demo provider whatever payment is configured (place_order takes
    ``provider`` where the store supports it)."""
    from store.actions.checkout import place_order

    if "provider" in inspect.signature(place_order).parameters:
        return {"provider": Order.Provider.DEMO}
    return {}


def seed_orders(people: dict) -> int:
    """Place the demo's orders through the store's actions, dated over the past weeks (DemoClock):
    paid a few minutes after placing, then packed, shipped and delivered by the team (mira)."""
    from store.actions.cart import add_to_cart
    from store.actions.checkout import ShippingAddress, place_order
    from store.actions.fulfilment import mark_order_delivered, mark_order_packed, mark_order_shipped
    from store.actions.payments import settle_demo_payment
    from store.actions.refunds import refund_order

    team = people.get("mira") or people.get("admin")
    buyers = [people[name] for name, *_ in ORDERS if name in people]
    if team is None or Order.objects.filter(user__in=buyers).exists():
        return 0
    extra = _place_order_kwargs()
    rng = random.Random(18)
    seen: Counter = Counter()
    placed = 0
    for username, country, items, outcome in ORDERS:
        buyer = people.get(username)
        if buyer is None:
            continue
        seen[outcome] += 1
        # A pending order is placed now: its stock hold must still be running.
        clock = DemoClock(
            days_ago(PLACED_DAYS_AGO.get(outcome, 0) + seen[outcome], hour=9 + 2 * seen[outcome])
        )
        with nullcontext() if outcome == "pending" else clock.running():
            session: dict = {}
            for sku, quantity in items:
                add_to_cart(
                    user=buyer, session=session, variant_id=Variant.objects.get(sku=sku).pk, quantity=quantity
                )
            order = place_order(
                user=buyer,
                session=session,
                email=buyer.email,
                address=ShippingAddress(name=buyer.public_name, **ADDRESSES[country]),
                **extra,
            )
            placed += 1
            if outcome == "pending":
                continue
            clock.step(minutes=4)
            settle_demo_payment(order=order, succeed=outcome != "failed", actor=buyer)
            if outcome in {"packed", "shipped", "delivered"}:
                clock.at(clock.current + PACKED_AFTER)
                mark_order_packed(order_id=order.pk, actor=team)
            if outcome in {"shipped", "delivered"}:
                clock.at(clock.current + SHIPPED_AFTER)
                carrier, number = tracking_number(country, rng)
                mark_order_shipped(order_id=order.pk, actor=team, carrier=carrier, tracking_number=number)
            if outcome == "delivered":
                clock.at(clock.current + DELIVERED_AFTER)
                mark_order_delivered(order_id=order.pk, actor=team)
            if outcome == "refunded_partly":
                clock.step(hours=30)
                refund_order(
                    order_id=order.pk, actor=team, amount_minor=3900, reason="One charger arrived damaged"
                )
    return placed


def seed_store(people: dict) -> dict:
    created = [spec["name"] for spec in PRODUCTS if ensure_product(spec)[1]]
    drop = ensure_drop(people)
    ensure_landing_page()
    return {"products": created, "drop": drop}
