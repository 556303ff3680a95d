"""Every change to a profile: details, avatar, privacy, declared products, follows."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from community import hooks
from community.profiles.avatars import all_names, has_variants, resized_avatar, resized_variants, variant_name
from community.profiles.models import DeclaredProduct, Follow, Profile, Visibility
from community.profiles.people import person_changed
from community.validators import validate_single_line

MAX_LINKS = 5


def ensure_profile(*, user) -> Profile:
    """The person's profile row, created empty the first time it is needed."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def clean_links(links) -> list[str]:
    validate = URLValidator(schemes=["http", "https"])
    cleaned = []
    for link in links:
        link = (link or "").strip()
        if not link:
            continue
        validate(link)
        if link not in cleaned:
            cleaned.append(link[:200])
    if len(cleaned) > MAX_LINKS:
        raise ValidationError(f"Up to {MAX_LINKS} links.")
    return cleaned


@transaction.atomic
def update_profile(
    *,
    user,
    display_name: str,
    bio: str,
    location: str,
    links: list[str],
    details_visibility: str,
    show_owned_products: bool,
    show_activity: bool,
    show_follows: bool,
) -> Profile:
    # One-line fields: a name with a line break broke every mail about its owner (mail headers).
    validate_single_line(display_name)
    validate_single_line(location)
    profile = Profile.objects.select_for_update().get(pk=ensure_profile(user=user).pk)
    old_name = user.public_name
    user.display_name = display_name.strip()[:60]
    user.save(update_fields=["display_name"])
    if user.public_name != old_name:
        # What shows the name stored elsewhere (the forum's search documents) is rebuilt after the
        # commit by the apps above, as on account deletion: community imports none of them.
        for handler in hooks.get(hooks.Hook.PROFILES_NAME_CHANGED):
            handler(user=user)
    profile.bio = bio.strip()[:1000]
    profile.location = location.strip()[:80]
    profile.links = clean_links(links)
    profile.details_visibility = Visibility(details_visibility)
    profile.show_owned_products = show_owned_products
    profile.show_activity = show_activity
    profile.show_follows = show_follows
    profile.save()
    return profile


@transaction.atomic
def set_avatar(*, user, upload) -> Profile:
    """Resize and store a new avatar with its smaller copies; the old files are deleted after the
    commit. The files are named by the person and a digest of the pixels, so a name already taken
    holds the same image: it is written again in place (never renamed, which would lose the copies'
    names that the avatar component derives)."""
    content = resized_avatar(upload, name_hint=f"u{user.pk}")
    copies = resized_variants(content)
    profile = Profile.objects.select_for_update().get(pk=ensure_profile(user=user).pk)
    old_names = all_names(profile.avatar.name)
    storage = profile.avatar.storage
    name = profile.avatar.field.generate_filename(profile, content.name)
    files = {name: content, **{variant_name(name, width): copy for width, copy in copies.items()}}
    for stored_name, file in files.items():
        if storage.exists(stored_name):
            storage.delete(stored_name)
        storage.save(stored_name, file)
    profile.avatar.name = name
    profile.save(update_fields=["avatar", "updated_at"])
    person_changed(user_id=user.pk)  # (search documents show the author's avatar)
    stale = [old for old in old_names if old not in files]
    if stale:
        transaction.on_commit(lambda: [storage.delete(old) for old in stale])
    return profile


class AvatarSizes:
    """What ``complete_avatar_sizes`` found: the outcomes ``manage.py profiles_backfill_avatars`` counts."""

    COMPLETE = "complete"  # the original and every smaller copy are stored: nothing to do
    MADE = "made"  # the missing copies were made (and an upload from before them renamed)
    MISSING = "missing"  # the original file itself is gone: nothing to make them from
    UNREADABLE = "unreadable"  # the stored file is not an image Pillow reads


def complete_avatar_sizes(*, profile: Profile) -> str:
    """Make the 64 and 128 px copies an uploaded avatar lacks (uploads from before the avatar's
    srcset were stored as one 256 px ``u<id>-<digest>.png`` with no copies; a copy may also have
    been lost). The stored image goes through ``set_avatar`` again, which writes the original and
    its copies under the current names and deletes files no longer used after the commit. Safe to
    run again: a complete avatar is left alone."""
    name = profile.avatar.name
    if not name:
        return AvatarSizes.COMPLETE
    storage = profile.avatar.storage
    if has_variants(name) and all(storage.exists(stored) for stored in all_names(name)):
        return AvatarSizes.COMPLETE
    if not storage.exists(name):
        return AvatarSizes.MISSING
    with storage.open(name, "rb") as stored:
        upload = ContentFile(stored.read(), name=name.rsplit("/", 1)[-1])
    try:
        set_avatar(user=profile.user, upload=upload)
    except ValidationError:
        return AvatarSizes.UNREADABLE
    return AvatarSizes.MADE


@transaction.atomic
def remove_avatar(*, user) -> Profile:
    profile = Profile.objects.select_for_update().get(pk=ensure_profile(user=user).pk)
    if profile.avatar:
        old_names, storage = all_names(profile.avatar.name), profile.avatar.storage
        profile.avatar = ""
        profile.save(update_fields=["avatar", "updated_at"])
        person_changed(user_id=user.pk)
        transaction.on_commit(lambda: [storage.delete(name) for name in old_names])
    return profile


@transaction.atomic
def declare_product(*, user, product_id: int) -> DeclaredProduct:
    declared, _ = DeclaredProduct.objects.get_or_create(
        user=user, product_id=int(product_id), defaults={"created_at": timezone.now()}
    )
    return declared


@transaction.atomic
def undeclare_product(*, user, product_id: int) -> int:
    return DeclaredProduct.objects.filter(user=user, product_id=int(product_id)).delete()[0]


@transaction.atomic
def follow(*, follower, followed) -> Follow:
    if follower.pk == followed.pk:
        raise ValidationError("You cannot follow yourself.")
    if not followed.is_active:
        raise ValidationError("That account is closed.")
    try:
        with transaction.atomic():
            row, _ = Follow.objects.get_or_create(
                follower=follower, followed=followed, defaults={"created_at": timezone.now()}
            )
    except IntegrityError:
        row = Follow.objects.get(follower=follower, followed=followed)
    return row


@transaction.atomic
def unfollow(*, follower, followed) -> int:
    return Follow.objects.filter(follower=follower, followed=followed).delete()[0]
