"""forum/conf.py: each FORUM_* setting, changed, changes what the forum does (the settings other tests
already vary: FORUM_THREADS_PER_PAGE, FORUM_POSTS_PER_PAGE, FORUM_LIMITS_ENABLED, FORUM_RATE_LIMITS,
FORUM_APPROVE_NEW_ACCOUNTS, FORUM_ATTACHMENT_MAX_BYTES/_MAX_PIXELS, FORUM_VOTE_MILESTONES)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from community.teams import team_group_name
from forum import conf
from forum.actions.attachments import upload_attachment
from forum.limits import check_content, is_new_account
from forum.models import Post
from forum.permissions import access_for
from forum.ranking import hot_rank
from forum.validation import clean_body, clean_poll, clean_title
from tests.factories import UserFactory
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db

THREE_LINKS = (
    '<a href="https://a.test/1">1</a> <a href="https://a.test/2">2</a> <a href="https://a.test/3">3</a>'
)
ONE_IMAGE = '<img src="https://a.test/x.png" alt="">'


def refuses(check, *args, match: str) -> bool:
    with pytest.raises(ValidationError, match=match):
        check(*args)
    return True


# --- Writing limits -------------------------------------------------------------------------------


def test_title_min_length(settings):
    assert clean_title("Pairing") == "Pairing"
    settings.FORUM_TITLE_MIN_LENGTH = 10
    assert refuses(clean_title, "Pairing", match="at least 10 characters")


def test_title_max_length(settings):
    assert clean_title("Remote blinks twice") == "Remote blinks twice"
    settings.FORUM_TITLE_MAX_LENGTH = 10
    assert refuses(clean_title, "Remote blinks twice", match="under 10 characters")


def test_post_min_length(settings):
    assert clean_body("Same here") == "Same here"
    settings.FORUM_POST_MIN_LENGTH = 20
    assert refuses(clean_body, "Same here", match="too short")


def test_post_max_length(settings):
    body = "x" * 300
    assert clean_body(body) == body
    settings.FORUM_POST_MAX_LENGTH = 100
    assert refuses(clean_body, body, match=r"too long \(300 characters; at most 100\)")


def test_poll_min_choices(settings):
    assert clean_poll("Which colour?", ["Red", "Blue"]) == ("Which colour?", ["Red", "Blue"])
    settings.FORUM_POLL_MIN_CHOICES = 3
    assert refuses(clean_poll, "Which colour?", ["Red", "Blue"], match="at least 3 choices")


def test_poll_max_choices(settings):
    choices = ["Red", "Blue", "Green"]
    assert clean_poll("Which colour?", choices)[1] == choices
    settings.FORUM_POLL_MAX_CHOICES = 2
    assert refuses(clean_poll, "Which colour?", choices, match="at most 2 choices")


def test_poll_choice_max_length(settings):
    choices = ["Midnight blue", "Forest green"]
    assert clean_poll("Which colour?", choices)[1] == choices
    settings.FORUM_POLL_CHOICE_MAX_LENGTH = 10
    assert refuses(clean_poll, "Which colour?", choices, match="under 10 characters")


# --- Anti-abuse -----------------------------------------------------------------------------------


def test_duplicate_post_window(settings, board):
    author = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    thread = make_thread(board=board, author=author, body="It blinks twice and stops.")
    Post.objects.filter(pk=thread.first_post_id).update(created_at=timezone.now() - timedelta(minutes=20))

    check_content(author, body="It blinks twice and stops.", body_html="")  # 20 minutes > 600 s
    settings.FORUM_DUPLICATE_POST_WINDOW = 3600
    with pytest.raises(ValidationError, match="exactly this"):
        check_content(author, body="It blinks twice and stops.", body_html="")


def test_new_account_days(settings):
    five_days_old = UserFactory(date_joined=timezone.now() - timedelta(days=5))
    assert not is_new_account(five_days_old)
    settings.FORUM_NEW_ACCOUNT_DAYS = 7
    assert is_new_account(five_days_old)
    settings.FORUM_NEW_ACCOUNT_DAYS = 0
    assert not is_new_account(UserFactory(date_joined=timezone.now()))


def test_new_account_max_links(settings):
    newcomer = UserFactory(date_joined=timezone.now())
    with pytest.raises(ValidationError, match="at most 2 links"):
        check_content(newcomer, body="three links", body_html=THREE_LINKS)
    settings.FORUM_NEW_ACCOUNT_MAX_LINKS = 3
    check_content(newcomer, body="three links", body_html=THREE_LINKS)


def test_new_account_max_images(settings):
    newcomer = UserFactory(date_joined=timezone.now())
    with pytest.raises(ValidationError, match="at most 0 images"):
        check_content(newcomer, body="a picture", body_html=ONE_IMAGE)
    settings.FORUM_NEW_ACCOUNT_MAX_IMAGES = 1
    check_content(newcomer, body="a picture", body_html=ONE_IMAGE)


# --- Hot ranking ----------------------------------------------------------------------------------


def test_hot_timescale(settings):
    later = datetime(2024, 1, 2, 12, 30, tzinfo=UTC)  # 131,400 s after the epoch
    assert hot_rank(score=0, reply_count=0, created_at=later) == pytest.approx(131_400 / 45_000)
    settings.FORUM_HOT_TIMESCALE = 90_000
    assert hot_rank(score=0, reply_count=0, created_at=later) == pytest.approx(131_400 / 90_000)


def test_hot_reply_weight(settings):
    epoch = datetime(2024, 1, 1, tzinfo=UTC)
    assert hot_rank(score=0, reply_count=18, created_at=epoch) == pytest.approx(1.0)  # log10(1 + 9)
    settings.FORUM_HOT_REPLY_WEIGHT = 5.5
    assert hot_rank(score=0, reply_count=18, created_at=epoch) == pytest.approx(2.0)  # log10(1 + 99)


# --- Image attachments ----------------------------------------------------------------------------


def image_file(size=(1200, 900), fmt="PNG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 80)).save(out, format=fmt)
    return SimpleUploadedFile(f"shot.{fmt.lower()}", out.getvalue(), f"image/{fmt.lower()}")


def test_attachment_formats(settings):
    veteran = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    assert upload_attachment(actor=veteran, uploaded=image_file()).content_type == "image/png"
    settings.FORUM_ATTACHMENT_FORMATS = ("JPEG",)
    with pytest.raises(ValidationError, match="Use a JPEG"):
        upload_attachment(actor=veteran, uploaded=image_file())


def test_thumbnail_size(settings):
    veteran = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    settings.FORUM_THUMBNAIL_SIZE = (200, 200)

    attachment = upload_attachment(actor=veteran, uploaded=image_file())

    with attachment.thumbnail.open() as f:
        assert Image.open(f).size == (200, 150)


# --- People ---------------------------------------------------------------------------------------


def test_moderator_group_defaults_to_the_team_group_and_follows_the_setting(settings, fresh):
    teammate, night_shift = UserFactory(), UserFactory()
    teammate.groups.add(Group.objects.get(name=team_group_name()))
    night_shift.groups.add(Group.objects.create(name="Night moderators"))
    assert conf.moderator_group() == team_group_name()
    assert access_for(fresh(teammate)).is_global_moderator
    assert not access_for(fresh(night_shift)).is_global_moderator

    settings.FORUM_MODERATOR_GROUP = "Night moderators"

    assert access_for(fresh(night_shift)).is_global_moderator
    assert not access_for(fresh(teammate)).is_global_moderator
