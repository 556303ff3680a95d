"""Product pictures drawn with Pillow: the product's shape in the variant's colour (a phone with its
camera bump, a case, earbuds in their case, a hub, a charger), several views per product for the
gallery. Deterministic: the same product and colour give the same bytes."""

import io

from PIL import Image, ImageDraw, ImageFilter

SIZE = (960, 720)
BACKDROP = (236, 238, 235)


def _shade(colour, amount: float):
    """Lighter (amount > 0) or darker (amount < 0) by a fraction."""
    if amount >= 0:
        return tuple(round(c + (255 - c) * amount) for c in colour)
    return tuple(round(c * (1 + amount)) for c in colour)


def _canvas():
    image = Image.new("RGB", SIZE, BACKDROP)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):  # a soft vertical gradient: a studio backdrop
        tone = round(12 * y / SIZE[1])
        draw.line([(0, y), (SIZE[0], y)], fill=tuple(c - tone for c in BACKDROP))
    return image


def _shadow(image, box, radius: int, offset=(14, 18)):
    shadow = Image.new("L", SIZE, 0)
    ImageDraw.Draw(shadow).rounded_rectangle(
        (box[0] + offset[0], box[1] + offset[1], box[2] + offset[0], box[3] + offset[1]), radius, fill=90
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(18))
    image.paste((120, 120, 120), (0, 0), shadow)


def _phone_back(draw, image, colour, x: int, y: int, w: int = 300, h: int = 600, ultra: bool = False):
    box = (x, y, x + w, y + h)
    _shadow(image, box, 46)
    draw.rounded_rectangle(box, 46, fill=colour, outline=_shade(colour, -0.25), width=4)
    draw.rounded_rectangle((x + 8, y + 8, x + w - 8, y + h - 8), 40, outline=_shade(colour, 0.18), width=2)
    # the camera bump: a raised island with three lenses and a flash
    bump = (x + 26, y + 26, x + 176, y + (236 if ultra else 196))
    draw.rounded_rectangle(bump, 30, fill=_shade(colour, -0.18), outline=_shade(colour, 0.25), width=3)
    lenses = [(x + 70, y + 72), (x + 70, y + 150), (x + 134, y + 110)]
    if ultra:
        lenses.append((x + 70, y + 200))
    for cx, cy in lenses:
        draw.ellipse((cx - 30, cy - 30, cx + 30, cy + 30), fill=(28, 28, 30), outline=(90, 90, 96), width=4)
        draw.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), fill=(14, 22, 44))
        draw.ellipse((cx - 7, cy - 9, cx + 1, cy - 1), fill=(120, 140, 190))
    draw.ellipse((x + 128, y + 158, x + 146, y + 176), fill=(250, 240, 200))
    # a small logo mark
    draw.ellipse((x + w // 2 - 16, y + h - 120, x + w // 2 + 16, y + h - 88), outline=_shade(colour, 0.3), width=3)


def _phone_front(draw, image, colour, x: int, y: int, w: int = 300, h: int = 600, screen=(20, 64, 52)):
    box = (x, y, x + w, y + h)
    _shadow(image, box, 46)
    draw.rounded_rectangle(box, 46, fill=_shade(colour, -0.3))
    draw.rounded_rectangle((x + 12, y + 12, x + w - 12, y + h - 12), 36, fill=(12, 12, 14))
    wallpaper = Image.new("RGB", SIZE, screen)
    paint = ImageDraw.Draw(wallpaper)
    for band in range(6):  # a wallpaper of soft bands in the variant's colour
        top = y + 60 + band * 80
        paint.ellipse((x - 60 + band * 20, top, x + w + 40, top + 200), fill=_shade(colour, 0.1 + band * 0.08))
    mask = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mask).rounded_rectangle((x + 18, y + 18, x + w - 18, y + h - 18), 32, fill=255)
    image.paste(wallpaper, (0, 0), mask)
    draw.ellipse((x + w // 2 - 9, y + 30, x + w // 2 + 9, y + 48), fill=(8, 8, 8))  # punch-hole camera
    draw.text((x + 40, y + 90), "09:41", fill=(255, 255, 255), font_size=54)
    draw.rounded_rectangle((x + w // 2 - 50, y + h - 40, x + w // 2 + 50, y + h - 32), 4, fill=(230, 230, 230))


def _phone_side(draw, image, colour, x: int, y: int, h: int = 600):
    box = (x, y, x + 34, y + h)
    _shadow(image, box, 16)
    draw.rounded_rectangle(box, 16, fill=_shade(colour, -0.12), outline=_shade(colour, -0.35), width=3)
    draw.rounded_rectangle((x + 30, y + 120, x + 40, y + 200), 4, fill=_shade(colour, -0.3))  # volume
    draw.rounded_rectangle((x + 30, y + 230, x + 40, y + 270), 4, fill=_shade(colour, -0.3))  # power
    draw.rounded_rectangle((x + 6, y + h - 10, x + 28, y + h + 2), 4, fill=(40, 40, 40))  # USB-C


def phone(colour, *, view: str, ultra: bool = False):
    image = _canvas()
    draw = ImageDraw.Draw(image)
    if view == "back":
        _phone_back(draw, image, colour, 330, 60, ultra=ultra)
    elif view == "front":
        _phone_front(draw, image, colour, 330, 60)
    else:  # "pair": front and back side by side, with a side profile
        _phone_front(draw, image, colour, 170, 70, w=270, h=560)
        _phone_back(draw, image, colour, 500, 70, w=270, h=560, ultra=ultra)
        _phone_side(draw, image, colour, 830, 80, h=540)
    return image


def case(colour, *, view: str):
    image = _canvas()
    draw = ImageDraw.Draw(image)
    x, y, w, h = (330, 50, 300, 620) if view == "back" else (250, 60, 290, 600)
    box = (x, y, x + w, y + h)
    _shadow(image, box, 54)
    draw.rounded_rectangle(box, 54, fill=colour, outline=_shade(colour, -0.2), width=5)
    # the cut-out for the camera bump, and the raised lip around it
    draw.rounded_rectangle((x + 26, y + 26, x + 180, y + 206), 34, fill=_shade(colour, -0.22))
    draw.rounded_rectangle((x + 34, y + 34, x + 172, y + 198), 28, fill=BACKDROP)
    draw.rounded_rectangle((x + w - 12, y + 140, x + w + 2, y + 230), 6, fill=_shade(colour, -0.15))
    for i in range(7):  # a microfibre lining peeking through the camera hole
        draw.line([(x + 40, y + 50 + i * 22), (x + 166, y + 50 + i * 22)], fill=(210, 210, 214), width=2)
    if view != "back":  # with the phone next to it
        _phone_back(draw, image, (40, 44, 48), 600, 90, w=260, h=540)
    return image


def buds(colour, *, view: str):
    image = _canvas()
    draw = ImageDraw.Draw(image)
    edge = _shade(colour, -0.22)
    if view in ("case", "open"):
        box = (300, 300, 660, 560)
        _shadow(image, box, 120)
        draw.rounded_rectangle(box, 120, fill=colour, outline=edge, width=4)
        draw.line([(304, 400), (656, 400)], fill=edge, width=4)  # the lid's seam
        draw.ellipse((470, 470, 490, 490), fill=(120, 220, 140))  # status light
        if view == "open":
            draw.rounded_rectangle((300, 180, 660, 330), 110, fill=_shade(colour, 0.08), outline=edge, width=4)
            for cx in (400, 560):
                draw.ellipse((cx - 46, 330, cx + 46, 410), fill=(30, 30, 32))
                draw.ellipse((cx - 34, 334, cx + 34, 396), fill=colour, outline=edge, width=3)
    if view in ("pair", "open"):
        for cx, flip in ((250 if view == "pair" else 170, 1), (710 if view == "pair" else 790, -1)):
            top = 200 if view == "pair" else 470
            _shadow(image, (cx - 70, top, cx + 70, top + 140), 70)
            draw.ellipse((cx - 70, top, cx + 70, top + 140), fill=colour, outline=edge, width=4)
            draw.ellipse((cx - 34 + flip * 40, top + 40, cx + 34 + flip * 40, top + 100), fill=(60, 60, 64))
            stem = (cx - 18, top + 110, cx + 18, top + 300 if view == "pair" else top + 200)
            draw.rounded_rectangle(stem, 18, fill=colour, outline=edge, width=4)
            draw.ellipse((cx - 8, stem[3] - 24, cx + 8, stem[3] - 8), fill=(150, 150, 150))
    return image


def hub(colour, *, view: str):
    image = _canvas()
    draw = ImageDraw.Draw(image)
    cx, cy = 480, 380
    _shadow(image, (cx - 230, cy - 200, cx + 230, cy + 230), 200)
    draw.ellipse((cx - 230, cy - 200, cx + 230, cy + 230), fill=colour, outline=_shade(colour, -0.2), width=5)
    for ring in range(1, 9):  # the fabric grille
        r = ring * 24
        draw.ellipse((cx - r, cy - r * 0.9 + 10, cx + r, cy + r * 0.9 + 10), outline=_shade(colour, -0.08), width=2)
    draw.ellipse((cx - 150, cy - 180, cx + 150, cy - 120), fill=_shade(colour, -0.25))  # the top disc
    if view == "lit":
        for i in range(12):
            draw.arc((cx - 150, cy - 180, cx + 150, cy - 120), i * 30, i * 30 + 18, fill=(90, 200, 255), width=6)
    else:
        draw.arc((cx - 150, cy - 180, cx + 150, cy - 120), 200, 340, fill=(255, 255, 255), width=4)
    return image


def charger(colour, *, view: str):
    image = _canvas()
    draw = ImageDraw.Draw(image)
    box = (340, 220, 620, 540)
    _shadow(image, box, 40)
    draw.rounded_rectangle(box, 40, fill=colour, outline=_shade(colour, -0.25), width=4)
    draw.text((420, 360), "65W", fill=_shade(colour, -0.35), font_size=60)
    if view == "cable":
        draw.rounded_rectangle((460, 540, 500, 600), 8, fill=(50, 50, 50))
        draw.line([(480, 600), (480, 660), (760, 660), (760, 400)], fill=(245, 245, 245), width=16, joint="curve")
        draw.rounded_rectangle((742, 340, 778, 410), 8, fill=(200, 200, 200))
    else:  # the prongs, seen from the front
        for px in (440, 520):
            draw.rounded_rectangle((px, 160, px + 20, 224), 6, fill=(190, 190, 196))
    return image


DRAWERS = {"phone": phone, "case": case, "buds": buds, "hub": hub, "charger": charger}
VIEWS = {
    "phone": ["back", "front", "pair"],
    "case": ["back", "with-phone"],
    "buds": ["case", "open", "pair"],
    "hub": ["plain", "lit"],
    "charger": ["prongs", "cable"],
}


def render(shape: str, colour, view: str, *, ultra: bool = False) -> bytes:
    draw = DRAWERS[shape]
    image = draw(colour, view=view, ultra=ultra) if shape == "phone" else draw(colour, view=view)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def screenshot(title: str, lines: list[str], accent) -> bytes:
    """A phone screenshot-like picture for a post (a settings page with a few rows)."""
    image = Image.new("RGB", (540, 1000), (248, 248, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 540, 70), fill=accent)
    draw.text((24, 18), title, fill=(255, 255, 255), font_size=30)
    for index, line in enumerate(lines):
        top = 100 + index * 92
        draw.rounded_rectangle((18, top, 522, top + 78), 16, fill=(255, 255, 255), outline=(225, 225, 230))
        draw.text((40, top + 22), line, fill=(30, 30, 34), font_size=26)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
