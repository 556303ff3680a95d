"""Store demo data: products with variants, stock and pictures, an upcoming limited drop with
purchase-right codes, and orders in several states placed through the real actions (demo provider).
Idempotent: products are matched by slug; orders are seeded once."""

import io
from datetime import timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from store.models import Category, Drop, Order, Product, ProductImage, Variant

PHONE_DESCRIPTION = """The **Aurora 14** is the phone this community helps build: every release is
planned from the feedback boards, and you can follow your report to the build that fixes it.

- 6.7" OLED, 120 Hz
- 5,000 mAh battery, 90 W charging
- Monthly updates (versions like V14.0.3.0)
"""

PRODUCTS = [
    {
        "slug": "aurora-14",
        "name": "Aurora 14",
        "category": ("phones", "Phones"),
        "description": PHONE_DESCRIPTION,
        "aliases": ["Aurora14", "A14"],
        "version_pattern": r"V\d+\.\d+\.\d+\.\d+",
        "colour": (31, 122, 77),
        "variants": [
            ("A14-BLK-256", {"Colour": "Midnight Black", "Storage": "256 GB"}, 79900, 25),
            ("A14-BLK-512", {"Colour": "Midnight Black", "Storage": "512 GB"}, 89900, 12),
            ("A14-GRN-256", {"Colour": "Forest Green", "Storage": "256 GB"}, 79900, 4),
            ("A14-GRN-512", {"Colour": "Forest Green", "Storage": "512 GB"}, 89900, 0),
        ],
    },
    {
        "slug": "aurora-buds-pro",
        "name": "Aurora Buds Pro",
        "category": ("audio", "Audio"),
        "description": "Noise-cancelling earbuds with firmware updates driven by the community (1.4.2 and up).",
        "aliases": ["Buds Pro"],
        "version_pattern": "",
        "colour": (21, 89, 193),
        "variants": [
            ("ABP-WHT", {"Colour": "White"}, 14900, 40),
            ("ABP-BLK", {"Colour": "Black"}, 14900, 18),
        ],
    },
    {
        "slug": "home-hub",
        "name": "Canopy Home Hub",
        "category": ("home", "Smart home"),
        "description": "The smart-home hub with a public roadmap. Runs semantic versions (2.3.0 and up).",
        "aliases": ["Home Hub"],
        "version_pattern": "",
        "colour": (138, 90, 0),
        "variants": [("CHH-STD", {"Model": "Standard"}, 12900, 30)],
    },
    {
        "slug": "aurora-14-case",
        "name": "Aurora 14 Silicone Case",
        "category": ("accessories", "Accessories"),
        "description": "A soft-touch silicone case made for the Aurora 14.",
        "aliases": [],
        "version_pattern": "",
        "colour": (90, 99, 94),
        "variants": [
            ("A14-CASE-SAGE", {"Colour": "Sage"}, 2900, 60),
            ("A14-CASE-SAND", {"Colour": "Sand"}, 2900, 3),
        ],
    },
    {
        "slug": "usb-c-charger-65w",
        "name": "65 W USB-C Charger",
        "category": ("accessories", "Accessories"),
        "description": "A compact GaN charger for phone, buds and laptop.",
        "aliases": [],
        "version_pattern": "",
        "colour": (179, 38, 30),
        "variants": [("CHG-65W", {}, 3900, 80)],
    },
    {
        "slug": "aurora-14-ultra",
        "name": "Aurora 14 Ultra (limited edition)",
        "category": ("phones", "Phones"),
        "description": "A numbered run of 100 in titanium, sold in a limited drop to community members with "
        "a purchase-right code.",
        "aliases": ["A14 Ultra"],
        "version_pattern": r"V\d+\.\d+\.\d+\.\d+",
        "colour": (60, 60, 70),
        "variants": [("A14U-TI-1TB", {"Colour": "Titanium", "Storage": "1 TB"}, 139900, 100)],
    },
]


def _picture(name: str, colour: tuple[int, int, int]) -> ImageFile:
    """A plain coloured picture with the product's name: demo artwork, not a product photo."""
    picture = PILImage.new("RGB", (960, 720), colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 40, 920, 680), outline=(255, 255, 255), width=6)
    draw.text((80, 320), name, fill=(255, 255, 255), font_size=56)
    draw.text((80, 620), "Demo artwork", fill=(230, 230, 230), font_size=28)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ImageFile(buffer, name=f"demo-{name.lower().replace(' ', '-')}.png")


def _ensure_product(spec: dict) -> tuple[Product, bool]:
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
    image = get_image_model().objects.create(
        title=f"{spec['name']} (demo artwork)", file=_picture(spec["name"], spec["colour"])
    )
    ProductImage.objects.create(
        product=product, image=image, alt_text=f"{spec['name']} demo artwork", sort_order=0
    )
    return product, True


def _ensure_drop(stdout) -> None:
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
    if created:
        from community.models import User
        from store.actions.drops import grant_purchase_right

        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        for username in ("leo", "amara", "kenji"):
            member = User.objects.filter(username=username).first()
            if member is not None and admin is not None:
                grant_purchase_right(drop=drop, user=member, actor=admin)
        stdout.write(f"  store: limited drop {drop.title} opens {drop.starts_at:%Y-%m-%d %H:%M} UTC")


DEMO_ADDRESS = {"line1": "1 Canopy Way", "city": "Springfield", "postal_code": "12345", "country": "US"}
DEMO_ORDERS = [
    # (buyer, [(sku, quantity)], what happens after placing)
    ("leo", [("A14-BLK-256", 1), ("A14-CASE-SAGE", 1)], "completed"),
    ("amara", [("ABP-WHT", 1)], "shipped"),
    ("jonas", [("CHH-STD", 1)], "paid"),
    ("sofia", [("CHG-65W", 2)], "refunded_partly"),
    ("kenji", [("A14-GRN-256", 1)], "pending"),
    ("sofia", [("ABP-BLK", 1)], "failed"),
]


def _seed_orders(stdout) -> None:
    from community.models import User
    from store.actions.cart import add_to_cart
    from store.actions.checkout import ShippingAddress, place_order
    from store.actions.orders import mark_order_completed, mark_order_shipped
    from store.actions.payments import settle_demo_payment
    from store.actions.refunds import refund_order

    people = {
        u.username: u for u in User.objects.filter(username__in={o[0] for o in DEMO_ORDERS} | {"admin"})
    }
    team = people.get("admin")
    if team is None or Order.objects.filter(user__in=[u for n, u in people.items() if n != "admin"]).exists():
        return
    for username, items, outcome in DEMO_ORDERS:
        buyer = people.get(username)
        if buyer is None:
            continue
        session: dict = {}
        for sku, quantity in items:
            add_to_cart(
                user=buyer, session=session, variant_id=Variant.objects.get(sku=sku).pk, quantity=quantity
            )
        order = place_order(
            user=buyer,
            session=session,
            email=buyer.email,
            address=ShippingAddress(name=buyer.public_name, **DEMO_ADDRESS),
        )
        if outcome == "pending":
            continue
        settle_demo_payment(order=order, succeed=outcome != "failed", actor=buyer)
        if outcome in {"shipped", "completed"}:
            mark_order_shipped(order_id=order.pk, actor=team, tracking_number=f"1Z-DEMO-{order.number[-6:]}")
        if outcome == "completed":
            mark_order_completed(order_id=order.pk, actor=team)
        if outcome == "refunded_partly":
            refund_order(
                order_id=order.pk, actor=team, amount_minor=3900, reason="One charger arrived damaged"
            )
    stdout.write(f"  store: {len(DEMO_ORDERS)} demo orders (demo payments, no money moved)")


def _ensure_landing_page(stdout) -> None:
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
                    "text": "Every release starts from the most "
                    "voted reports and ideas on the Aurora 14 boards.",
                    "image": None,
                },
            ),
            ("buy_box", {"heading": "Get yours"}),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    stdout.write("  store: landing page /meet-aurora-14/")


def seed_store_demo(stdout) -> None:
    with transaction.atomic():
        created = [spec["name"] for spec in PRODUCTS if _ensure_product(spec)[1]]
        if created:
            stdout.write(f"  store: products {', '.join(created)}")
        _ensure_drop(stdout)
        _ensure_landing_page(stdout)
    _seed_orders(stdout)
