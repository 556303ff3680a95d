"""The picture a listing shows for a thread (forum/images.py): the first image this site serves."""

from forum.images import first_image_url


def test_the_first_uploaded_image_counts():
    html = (
        '<p>Before <img src="https://elsewhere.test/a.png" alt=""> and '
        '<a href="/media/forum/attachments/2026/12/case.png"><img src="/media/forum/thumbnails/2026/12/case-thumb.png" alt="case"></a>'
        ' then <img src="/media/forum/thumbnails/2026/12/second-thumb.png" alt=""></p>'
    )

    assert first_image_url(html) == "/media/forum/thumbnails/2026/12/case-thumb.png"


def test_no_image_or_only_images_served_elsewhere_give_nothing():
    assert first_image_url("") == ""
    assert first_image_url("<p>No picture here.</p>") == ""
    assert (
        first_image_url(
            '<p><img src="https://elsewhere.test/media/x.png"> <img src="data:image/png;base64,AAAA"></p>'
        )
        == ""
    )
    assert first_image_url('<p><img alt="/media/x.png"></p>') == ""


def test_follows_the_configured_media_url(settings):
    settings.MEDIA_URL = "https://cdn.canopy.test/media/"
    html = '<img src="/media/old.png"><img src="https://cdn.canopy.test/media/forum/t.png">'

    assert first_image_url(html) == "https://cdn.canopy.test/media/forum/t.png"


def test_an_overlong_address_is_not_kept():
    assert first_image_url(f'<img src="/media/{"x" * 600}.png">') == ""
