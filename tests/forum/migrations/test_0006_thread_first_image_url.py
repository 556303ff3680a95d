"""The migration that adds Thread.first_image_url fills it for threads written before it."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from forum.limits import limits_off
from forum.models import Thread
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db

migration = importlib.import_module("forum.migrations.0006_thread_first_image_url")


def test_the_backfill_gives_older_threads_their_first_uploaded_image(board):
    # Given threads written before the field existed (so it is empty), one with an upload
    with limits_off():
        pictured = make_thread(
            board=board, title="With a picture", body="![a](/media/forum/thumbnails/a-thumb.png)"
        )
        external = make_thread(
            board=board, title="Picture elsewhere", body="![b](https://elsewhere.test/b.png)"
        )
        plain = make_thread(board=board, title="Only words here", body="Nothing to show.")
    Thread.objects.update(first_image_url="")
    # When the migration's backfill runs
    migration.backfill(apps, SimpleNamespace(connection=connection))
    # Then the pictured thread has its image, the others none
    urls = dict(Thread.objects.values_list("pk", "first_image_url"))
    assert urls == {pictured.pk: "/media/forum/thumbnails/a-thumb.png", external.pk: "", plain.pk: ""}
