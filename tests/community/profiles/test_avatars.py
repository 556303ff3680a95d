"""Avatars as the avatar component shows them (community/profiles/avatars.py)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.profiles import avatars
from community.profiles.actions import profile as actions
from tests.community.profiles.actions.test_profile import png
from tests.factories import UserFactory


def coloured_png(colour: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (300, 300), colour).save(out, format="PNG")
    return SimpleUploadedFile("me.png", out.getvalue(), content_type="image/png")


pytestmark = pytest.mark.django_db


def test_a_generated_avatar_is_initials_on_a_colour_that_follows_the_name(django_assert_num_queries):
    amara = UserFactory(username="amara", display_name="Amara Okafor")
    with django_assert_num_queries(0):
        first = avatars.avatar_for(amara, "md")
    again = avatars.avatar_for(get_user_model().objects.get(pk=amara.pk), "md")
    assert (first["initials"], first["px"], first["size"]) == ("AO", 40, "md")
    assert first["colour"] == again["colour"] == avatars.colour_index("Amara Okafor")
    # a page that knows only the name (a search hit) draws the same avatar
    assert avatars.avatar_for(None, "md", name="Amara Okafor") == {**first}
    assert "src" not in first
    # different names spread over the palette, every index a class that exists
    indexes = {avatars.colour_index(f"person{n}") for n in range(60)}
    assert len(indexes) > 6 and indexes <= set(range(avatars.PALETTE_SIZE))


def test_an_unknown_size_falls_back_and_a_former_member_gets_a_placeholder():
    assert avatars.avatar_for(None, "huge") == {
        "px": 28,
        "size": "sm",
        "initials": "?",
        "colour": 0,
        "name": "",
    }


def test_an_upload_keeps_smaller_copies_for_the_srcset(member, django_capture_on_commit_callbacks):
    profile = actions.set_avatar(user=member, upload=png(900, 700))
    name = profile.avatar.name
    assert name.endswith("-256.png")
    storage = profile.avatar.storage
    for width in avatars.VARIANT_WIDTHS:
        with storage.open(avatars.variant_name(name, width)) as stored, Image.open(stored) as image:
            assert image.size == (width, width)

    person = get_user_model().objects.select_related("profile").get(pk=member.pk)
    shown = avatars.avatar_for(person, "sm")  # 28 px: the 64 px copy is sharp on a 2x screen
    assert shown["src"].endswith(avatars.variant_name(name, 64).split("/")[-1])
    assert shown["srcset"].count("w,") == 2 and shown["srcset"].endswith("256w") and shown["sizes"] == "28px"
    assert avatars.avatar_for(person, "xl")["src"].endswith(name.split("/")[-1])

    # Removing it deletes the copies with the original
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_avatar(user=member)
    assert not any(storage.exists(stored) for stored in avatars.all_names(name))


def test_a_new_upload_replaces_the_old_files(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old = actions.set_avatar(user=member, upload=coloured_png("teal")).avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        new = actions.set_avatar(user=member, upload=coloured_png("purple")).avatar.name
    storage = get_user_model().objects.get(pk=member.pk).profile.avatar.storage
    assert new != old and not any(storage.exists(stored) for stored in avatars.all_names(old))
    assert all(storage.exists(stored) for stored in avatars.all_names(new))


def test_the_same_image_again_keeps_its_files(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.set_avatar(user=member, upload=coloured_png("navy")).avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        again = actions.set_avatar(user=member, upload=coloured_png("navy")).avatar.name
    storage = get_user_model().objects.get(pk=member.pk).profile.avatar.storage
    assert again == first and all(storage.exists(stored) for stored in avatars.all_names(first))


def test_showing_an_avatar_never_queries_for_the_profile(member, django_assert_num_queries):
    actions.set_avatar(user=member, upload=png(64, 64))
    person = get_user_model().objects.get(pk=member.pk)  # profile not selected
    with django_assert_num_queries(0):
        shown = avatars.avatar_for(person, "md")
    assert "src" not in shown and shown["initials"]
