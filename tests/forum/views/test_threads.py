import pytest
from django.test import Client

from forum.keys import draft_key
from forum.models import Post, ReadMark, Thread, Vote
from tests.factories import UserFactory
from tests.forum.factories import make_replies, make_thread

pytestmark = pytest.mark.django_db


def test_start_thread_through_the_form(member_client, board):
    response = member_client.post(
        f"/forum/b/{board.slug}/new/", {"title": "Screen flickers at 10 %", "body": "Only at night."}
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "body": "text"},
        {"title": "Fine title", "body": ""},
        {"title": "Fine title", "body": "x" * 25_000},
        {"title": "x" * 500, "body": "text"},
        {"title": "Fine title", "body": "text", "poll_question": "Which?", "poll_choices": "only one"},
        {"title": "Fine title", "body": "text", "poll_choices": "a\nb"},
        {
            "title": "Fine title",
            "body": "text",
            "poll_question": "Which?",
            "poll_choices": "a\nb",
            "poll_closes_at": "not a date",
        },
        {"title": "Bad\x00title", "body": "text"},
        {},
    ],
)
def test_bad_thread_input_gives_form_errors(member_client, board, data):
    response = member_client.post(f"/forum/b/{board.slug}/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Thread.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 25_000, "a\x00b"])
def test_bad_reply_gives_form_errors(member_client, board, other_member, body):
    thread = make_thread(board=board, author=other_member)
    response = member_client.post(f"/forum/t/{thread.pk}/-/reply/", {"body": body})
    assert response.status_code == 400 and response.context["form"].errors
    assert Post.objects.count() == 1


def test_reply_with_malformed_reply_to_is_a_form_error(member_client, board, other_member):
    thread = make_thread(board=board, author=other_member)
    response = member_client.post(f"/forum/t/{thread.pk}/-/reply/", {"body": "Hi", "reply_to": "abc"})
    assert response.status_code == 400
    response = member_client.post(f"/forum/t/{thread.pk}/-/reply/", {"body": "Hi", "reply_to": "999999"})
    assert response.status_code == 400


def test_quote_prefills_the_reply(member_client, board, other_member):
    thread = make_thread(board=board, author=other_member, body="The hub reboots at 3 am")
    response = member_client.get(f"/forum/t/{thread.pk}/-/reply/?quote={thread.first_post_id}")
    assert "> The hub reboots at 3 am" in response.context["form"].initial["body"]
    assert member_client.get(f"/forum/t/{thread.pk}/-/reply/?quote=abc").status_code == 400


def test_csrf_is_enforced_on_every_post(board, member, other_member):
    thread = make_thread(board=board, author=other_member)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    post_id = thread.first_post_id
    for url, data in [
        (f"/forum/b/{board.slug}/new/", {"title": "Sneaky title", "body": "text"}),
        (f"/forum/t/{thread.pk}/-/reply/", {"body": "text"}),
        (f"/forum/p/{post_id}/vote/", {}),
        (f"/forum/p/{post_id}/bookmark/", {}),
        (f"/forum/p/{post_id}/report/", {"reason": "spam"}),
        (f"/forum/p/{post_id}/edit/", {"body": "x"}),
        (f"/forum/t/{thread.pk}/-/watch/", {"watch": "1"}),
        (f"/forum/b/{board.slug}/watch/", {"watch": "1"}),
        ("/forum/drafts/", {"key": draft_key(thread=thread), "body": "x"}),
        ("/notifications/read-all/", {}),
        ("/notifications/preferences/", {"REPLY": "OFF"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert Thread.objects.count() == 1 and Post.objects.count() == 1 and not Vote.objects.exists()


def test_htmx_vote_updates_in_place_and_plain_form_redirects(member_client, board, other_member):
    thread = make_thread(board=board, author=other_member)
    url = f"/forum/p/{thread.first_post_id}/vote/"
    response = member_client.post(url, HTTP_HX_REQUEST="true")
    assert (
        response.status_code == 200
        and b"data-score>1<" in response.content
        and b"<html" not in response.content
    )
    response = member_client.post(url)
    assert response.status_code == 302 and Vote.objects.count() == 0


def test_permalink_lands_on_the_right_page(client, board, member, settings):
    settings.FORUM_POSTS_PER_PAGE = 5
    thread = make_thread(board=board, author=member)
    posts = make_replies(thread, 11)
    response = client.get(f"/forum/p/{posts[-1].pk}/")
    assert response.url == f"{thread.get_absolute_url()}?page=3#p12"
    response = client.get(response.url)
    assert [p.number for p in response.context["page"].posts] == [11, 12]


def test_thread_page_has_canonical_and_opengraph(client, board, member):
    thread = make_thread(board=board, author=member, title="Battery tips", body="Lower the refresh rate.")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{thread.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="Battery tips">' in html
    assert 'og:description" content="Lower the refresh rate."' in html


def test_unread_marker_and_first_unread(client, board, member):
    thread = make_thread(board=board, author=member)
    reader = UserFactory(username="reader")
    client.force_login(reader)
    client.get(thread.get_absolute_url())
    client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": "1"})  # what the page script sends
    make_replies(thread, 2)
    listing = client.get(board.get_absolute_url()).content.decode()
    assert "data-unread-marker" in listing
    response = client.get(f"/forum/t/{thread.pk}/-/unread/")
    assert response.url == f"/forum/p/{Post.objects.get(thread=thread, number=2).pk}/"


def test_chinese_titles_keep_their_letters_in_the_url(client, board, member):
    # Given a thread with a Chinese title
    thread = make_thread(board=board, author=member, title="小米 13 MIUI 14.0.3")
    # Then its URL keeps the Chinese (percent-encoded on the wire, as browsers show it)
    assert thread.slug == "小米-13-miui-1403"
    url = thread.get_absolute_url()
    assert url == f"/forum/t/{thread.pk}/%E5%B0%8F%E7%B1%B3-13-miui-1403/"
    response = client.get(url)
    assert response.status_code == 200 and response.context["thread"] == thread
    # And the search index links to the same URL
    from forum.search import thread_url

    assert thread_url(thread) == url


def test_old_or_wrong_slugs_redirect_to_the_canonical_url(client, board, member):
    thread = make_thread(board=board, author=member, title="小米 13 MIUI 14.0.3")
    # the ASCII-only slug the site used to make, with the page kept
    response = client.get(f"/forum/t/{thread.pk}/13-miui-1403/?page=1")
    assert response.status_code == 301 and response.url == thread.get_absolute_url() + "?page=1"
    response = client.get(f"/forum/t/{thread.pk}/something-else/")
    assert response.status_code == 301 and response.url == thread.get_absolute_url()
    assert client.get(f"/forum/t/{thread.pk}/").status_code == 200


def test_new_accounts_see_why_they_cannot_upload_instead_of_an_upload_button(client, board, member):
    thread = make_thread(board=board, author=member)
    client.force_login(UserFactory(username="newcomer"))
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "data-upload-link" not in page
    assert "New accounts cannot upload images yet: you can from" in page
    assert "Try another image" not in page


def test_established_members_get_the_upload_button(client, board, member):
    from datetime import timedelta

    from django.utils import timezone

    thread = make_thread(board=board, author=member)
    client.force_login(UserFactory(username="veteran", date_joined=timezone.now() - timedelta(days=30)))
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "data-upload-link" in page and "New accounts cannot upload" not in page


def test_reading_a_thread_writes_nothing_until_the_page_reports_it(client, board, member):
    # Given a thread with replies and a reader who has not read it
    thread = make_thread(board=board, author=member)
    make_replies(thread, 2)
    reader = UserFactory(username="reader")
    client.force_login(reader)
    # When the page is shown, it writes no watermark but tells its script how far the page goes
    html = client.get(thread.get_absolute_url()).content.decode()
    assert not ReadMark.objects.filter(user=reader).exists()
    assert f'data-read-url="/forum/t/{thread.pk}/-/read/" data-read-up-to="3"' in html
    # When the script reports it (past the last post: the watermark stops at the last post)
    response = client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": "99"})
    # Then the watermark moves, and the next visit has nothing to report
    assert response.status_code == 204
    assert ReadMark.objects.get(user=reader, thread=thread).last_read_number == 3
    assert "data-read-url" not in client.get(thread.get_absolute_url()).content.decode()
    # And a smaller number never moves it back
    client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": "1"})
    assert ReadMark.objects.get(user=reader, thread=thread).last_read_number == 3


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "1e3", "99999999999999999999"])
def test_read_marker_refuses_a_bad_number_with_a_reason(client, board, member, value):
    thread = make_thread(board=board, author=member)
    client.force_login(UserFactory(username="reader"))
    response = client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": value})
    assert response.status_code == 400 and b"up_to" in response.content
    assert not ReadMark.objects.filter(user__username="reader").exists()


def test_read_marker_is_for_signed_in_readers_of_visible_threads_only(client, board, member):
    from django.contrib.auth.models import Group

    from forum.models import Board
    from tests.forum.factories import BoardFactory

    thread = make_thread(board=board, author=member)
    assert client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": "1"}).status_code == 302  # to log in
    assert client.get(f"/forum/t/{thread.pk}/-/read/").status_code in (302, 405)
    hidden = BoardFactory(
        slug="staff-only", read_access=Board.Access.GROUP, access_group=Group.objects.create(name="Staff")
    )
    secret = make_thread(board=hidden, author=UserFactory(is_superuser=True))
    client.force_login(UserFactory(username="reader"))
    assert client.post(f"/forum/t/{secret.pk}/-/read/", {"up_to": "1"}).status_code == 404
    assert not ReadMark.objects.filter(user__username="reader").exists()


def test_a_visitor_is_not_asked_to_report_a_reading_marker_the_server_would_refuse(client, board, member):
    thread = make_thread(board=board, author=member)
    make_replies(thread, 2)

    html = client.get(thread.get_absolute_url()).content.decode()

    assert "data-read-url" not in html
    assert client.post(f"/forum/t/{thread.pk}/-/read/", {"up_to": "3"}).status_code in (302, 403)
