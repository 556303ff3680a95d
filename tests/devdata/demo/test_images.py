import io

import pytest
from PIL import Image

from devdata.demo.images import SIZE, VIEWS, render, screenshot


@pytest.mark.parametrize("shape", sorted(VIEWS))
def test_every_view_of_every_product_is_drawn_in_its_colour_and_the_same_each_time(shape):
    green, sand = (31, 122, 77), (214, 196, 164)
    in_green = set()
    for view in VIEWS[shape]:
        data = render(shape, green, view)
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG" and picture.size == SIZE
            in_green |= {colour for _, colour in picture.convert("RGB").getcolors(maxcolors=1 << 20)}
        assert render(shape, green, view) == data
        assert render(shape, sand, view) != data, (shape, view)
    assert green in in_green  # the product itself, not only shades of it (a phone's front is its screen)


def test_the_limited_edition_has_its_fourth_camera():
    assert render("phone", (138, 136, 130), "back", ultra=True) != render("phone", (138, 136, 130), "back")


def test_a_post_screenshot_is_a_phone_sized_png():
    with Image.open(io.BytesIO(screenshot("Battery", ["Screen-on 6 h", "Health 98 %"], (31, 122, 77)))) as shot:
        assert (shot.format, shot.size) == ("PNG", (540, 1000))
