import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.profiles.actions import profile as actions
from community.profiles.avatars import generated_avatar_svg, initials
from community.profiles.models import Follow, Profile

pytestmark = pytest.mark.django_db


def png(width: int, height: int) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, format="PNG")
    return SimpleUploadedFile("me.png", out.getvalue(), content_type="image/png")


def test_update_profile_keeps_clean_links_and_privacy(member):
    profile = actions.update_profile(
        user=member,
        display_name=" Member One ",
        bio="Hello",
        location="Lisbon",
        links=["https://example.com/a", "https://example.com/a", "http://example.org"],
        details_visibility="MEMBERS",
        show_owned_products=False,
        show_activity=True,
        show_follows=False,
    )
    member.refresh_from_db()
    assert member.display_name == "Member One"
    assert profile.links == ["https://example.com/a", "http://example.org"]
    assert (profile.details_visibility, profile.show_owned_products) == ("MEMBERS", False)


def test_a_change_of_public_name_tells_the_apps_above_and_nothing_else_does(member):
    # Given an app listening for name changes (the forum re-indexes the person's posts)
    from community import hooks

    calls = []

    def record(**kw):
        calls.append(kw["user"].public_name)

    def update(display_name: str) -> None:
        actions.update_profile(
            user=member,
            display_name=display_name,
            bio="Bio changed",
            location="",
            links=[],
            details_visibility="EVERYONE",
            show_owned_products=True,
            show_activity=True,
            show_follows=True,
        )

    hooks.register(hooks.Hook.PROFILES_NAME_CHANGED, record)
    try:
        update("Member One")  # the public name was the username
        update(" Member One ")  # the same name, other details changed
        update("")  # back to the username
    finally:
        hooks.unregister(hooks.Hook.PROFILES_NAME_CHANGED, record)  # keep the apps' own handlers
    # Then the apps heard of each change of name only
    assert calls == ["Member One", member.username]


@pytest.mark.parametrize("links", [["javascript:alert(1)"], [f"https://e.com/{n}" for n in range(6)]])
def test_bad_links_are_refused(member, links):
    with pytest.raises(ValidationError):
        actions.clean_links(links)


def test_avatar_upload_is_resized_to_a_square(member):
    profile = actions.set_avatar(user=member, upload=png(1200, 600))

    with profile.avatar.open() as stored, Image.open(stored) as image:
        assert image.size == (256, 256) and image.format == "PNG"
    assert Profile.objects.get(user=member).avatar.name.startswith("avatars/")


def test_a_file_that_is_not_an_image_is_refused(member):
    with pytest.raises(ValidationError, match="not an image"):
        actions.set_avatar(user=member, upload=SimpleUploadedFile("x.png", b"not an image"))


def test_the_generated_avatar_has_initials_and_escapes_names():
    assert initials("Amara Okafor") == "AO"
    svg = generated_avatar_svg(seed="x", name="<b> c")
    assert "&lt;" in svg and "<b>" not in svg


def test_follow_once_never_yourself(member, other_member):
    actions.follow(follower=member, followed=other_member)
    actions.follow(follower=member, followed=other_member)
    assert Follow.objects.count() == 1
    with pytest.raises(ValidationError):
        actions.follow(follower=member, followed=member)
    assert actions.unfollow(follower=member, followed=other_member) == 1


def test_declared_products_are_kept_once(member):
    actions.declare_product(user=member, product_id=3)
    actions.declare_product(user=member, product_id=3)
    assert member.declared_products.count() == 1
    assert actions.undeclare_product(user=member, product_id=3) == 1
