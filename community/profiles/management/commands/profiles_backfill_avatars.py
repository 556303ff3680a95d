from django.core.management.base import BaseCommand

from community.profiles.actions.profile import AvatarSizes, complete_avatar_sizes
from community.profiles.models import Profile


class Command(BaseCommand):
    help = (
        "Make the smaller copies (64 and 128 px, beside the 256 px original) that uploaded avatars lack: "
        "uploads from before the avatar's srcset, or a copy that was lost. Idempotent."
    )

    def handle(self, *args, **options):
        counts = dict.fromkeys(
            (AvatarSizes.COMPLETE, AvatarSizes.MADE, AvatarSizes.MISSING, AvatarSizes.UNREADABLE), 0
        )
        profiles = Profile.objects.exclude(avatar="").select_related("user").order_by("pk")
        for profile in profiles.iterator(chunk_size=200):
            outcome = complete_avatar_sizes(profile=profile)
            counts[outcome] += 1
            if outcome in (AvatarSizes.MISSING, AvatarSizes.UNREADABLE):
                self.stderr.write(f"{profile.user.username}: avatar {profile.avatar.name} is {outcome}")
        summary = (
            f"Avatars: {counts[AvatarSizes.MADE]} given their smaller copies, "
            f"{counts[AvatarSizes.COMPLETE]} already complete, "
            f"{counts[AvatarSizes.MISSING]} missing, {counts[AvatarSizes.UNREADABLE]} unreadable."
        )
        style = (
            self.style.SUCCESS
            if not counts[AvatarSizes.MISSING] + counts[AvatarSizes.UNREADABLE]
            else self.style.WARNING
        )
        self.stdout.write(style(summary))
