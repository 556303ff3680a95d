"""manage.py profiles_backfill_avatars: uploads from before the avatar's srcset (one 256 px file, no
copies) and avatars that lost a copy get their 64 and 128 px copies; running it again does nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from community.profiles import avatars
from community.profiles.actions import profile as actions
from community.profiles.models import Profile
from tests.community.profiles.actions.test_profile import png
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored_before_the_srcset(user, colour: str) -> str:
    """An avatar as uploads were stored before the copies existed: ``avatars/u<id>-<digest>.png``."""
    out = io.BytesIO()
    Image.new("RGBA", (256, 256), colour).save(out, format="PNG")
    profile = actions.ensure_profile(user=user)
    storage = profile.avatar.storage
    name = storage.save(f"avatars/u{user.pk}-0123456789ab.png", ContentFile(out.getvalue()))
    Profile.objects.filter(pk=profile.pk).update(avatar=name)
    return name


def test_backfill_makes_the_missing_sizes_and_a_second_run_changes_nothing(
    django_capture_on_commit_callbacks, capsys
):
    # Given an avatar from before the srcset, one that lost its 128 px copy, one complete, one whose
    # file is gone
    old, lost_copy, complete, gone = (
        UserFactory(username=n) for n in ("old", "lostcopy", "complete", "gone")
    )
    old_name = stored_before_the_srcset(old, "teal")
    with django_capture_on_commit_callbacks(execute=True):
        lost_name = actions.set_avatar(user=lost_copy, upload=png(300, 300)).avatar.name
        complete_name = actions.set_avatar(user=complete, upload=png(400, 300)).avatar.name
    storage = Profile.objects.get(user=old).avatar.storage
    storage.delete(avatars.variant_name(lost_name, 128))
    Profile.objects.filter(pk=actions.ensure_profile(user=gone).pk).update(avatar="avatars/u999-gone-256.png")
    assert not avatars.has_variants(old_name)

    # When the backfill runs
    with django_capture_on_commit_callbacks(execute=True):
        call_command("profiles_backfill_avatars")
    out, err = capsys.readouterr()

    # Then the old upload is stored under the current name with every size, and its old file is gone
    assert "2 given their smaller copies, 1 already complete, 1 missing, 0 unreadable" in out
    assert "gone: avatar avatars/u999-gone-256.png is missing" in err
    new_name = Profile.objects.get(user=old).avatar.name
    assert avatars.has_variants(new_name) and not storage.exists(old_name)
    for width in (*avatars.VARIANT_WIDTHS, avatars.AVATAR_SIZE):
        stored = new_name if width == avatars.AVATAR_SIZE else avatars.variant_name(new_name, width)
        with storage.open(stored) as file, Image.open(file) as image:
            assert image.size == (width, width)
            assert image.convert("RGB").getpixel((width // 2, width // 2)) == (0, 128, 128)  # still teal
    # the lost copy is back under the same names, the complete one untouched
    assert Profile.objects.get(user=lost_copy).avatar.name == lost_name
    assert all(storage.exists(stored) for stored in avatars.all_names(lost_name))
    assert Profile.objects.get(user=complete).avatar.name == complete_name
    # and the avatar component now offers the sizes
    person = get_user_model().objects.select_related("profile").get(pk=old.pk)
    assert avatars.avatar_for(person, "sm")["srcset"].endswith("256w")

    # When it runs again, nothing is left to make
    with django_capture_on_commit_callbacks(execute=True):
        call_command("profiles_backfill_avatars")
    assert "0 given their smaller copies, 3 already complete, 1 missing" in capsys.readouterr().out
