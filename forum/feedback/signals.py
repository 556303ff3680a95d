"""Wagtail admin publishes and edits releases (a write path we do not own): its ``published``
signal runs our action, so the admin and our pages behave alike."""

from django.db import transaction


def release_published(sender, instance, revision=None, **kwargs):
    from forum.feedback.actions.releases import publish_release

    transaction.on_commit(lambda: publish_release(actor=None, release=instance))


def connect() -> None:
    from wagtail.signals import published

    from forum.feedback.models import Release

    published.connect(release_published, sender=Release, dispatch_uid="feedback.release_published")
