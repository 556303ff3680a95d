"""Boards, threads, posts, votes, watches, bookmarks and polls through the API, against the document."""

import pytest
from django.contrib.auth.models import Group

from forum.limits import limits_off
from forum.models import BoardWatch, Bookmark, Post, ThreadWatch, Vote
from tests.api.conftest import Api
from tests.api.contract import check, covers
from tests.factories import UserFactory
from tests.forum.factories import make_replies, make_thread

pytestmark = pytest.mark.django_db


@covers("GET boards")
def test_the_board_tree_leaves_out_a_private_board(api, board, private_board):
    body = check(api.get("boards"), "GET boards")
    assert [node["slug"] for node in body["items"]] == ["general"]


def test_a_member_of_the_group_sees_the_private_board(client, private_board, make_token):
    insider = UserFactory(username="insider")
    insider.groups.add(Group.objects.get(name="Insiders"))
    body = check(Api(client, make_token(insider)).get("boards"), "GET boards")
    assert "insiders" in [node["slug"] for node in body["items"]]


@covers("GET boards/{slug}")
def test_a_board_and_a_private_board_as_404(api, member_api, board, private_board):
    body = check(api.get("boards/general"), "GET boards/{slug}")
    assert body["slug"] == "general" and body["can_start"] is False
    assert check(member_api.get("boards/general"), "GET boards/{slug}")["can_start"] is True
    for caller in (api, member_api):
        response = caller.get("boards/insiders")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        check(response, "GET boards/{slug}")


@covers("GET boards/{slug}/threads")
def test_threads_by_the_board_sorts_with_a_keyset_cursor(api, board, settings, other_member):
    settings.FORUM_THREADS_PER_PAGE = 2
    titles = [f"Thread number {n} about pairing" for n in range(5)]
    for title in titles:
        make_thread(board=board, author=other_member, title=title)
    seen, url = [], "boards/general/threads?sort=new"
    while url:
        body = check(api.get(url), "GET boards/{slug}/threads")
        assert body["sort"] == "new"
        seen += [thread["title"] for thread in body["items"]]
        url = body["next"].split("/api/v1/", 1)[1] if body["next"] else None
    assert seen == list(reversed(titles))


def test_an_unknown_sort_falls_back_as_on_the_page(api, board, thread):
    body = check(api.get("boards/general/threads?sort=nonsense&cursor=%%%"), "GET boards/{slug}/threads")
    assert body["sort"] == "active" and [t["id"] for t in body["items"]] == [thread.pk]


@covers("POST boards/{slug}/threads")
def test_start_a_thread(member_api, board):
    response = member_api.post(
        "boards/general/threads",
        {"title": "Remote pairing guide", "body": "Hold both buttons.", "tags": ["pairing"]},
    )
    body = check(response, "POST boards/{slug}/threads")
    assert (
        response.status_code == 201
        and body["title"] == "Remote pairing guide"
        and body["tags"] == ["pairing"]
    )


def test_starting_a_thread_needs_write_scope_sign_in_and_valid_input(client, api, member, board, make_token):
    operation = "POST boards/{slug}/threads"
    read_only = Api(client, make_token(member, "read"))
    assert (
        check(read_only.post("boards/general/threads", {"title": "A title", "body": "A body"}), operation)[
            "status"
        ]
        == 403
    )
    assert (
        check(api.post("boards/general/threads", {"title": "A title", "body": "A body"}), operation)["status"]
        == 401
    )
    member_api = Api(client, make_token(member, "read", "write"))
    body = check(member_api.post("boards/general/threads", {"title": 12}), operation)
    assert body["status"] == 422 and {e["field"] for e in body["errors"]} >= {"body.title", "body.body"}
    body = check(member_api.post("boards/general/threads", {"title": "   ", "body": "A body"}), operation)
    assert body["status"] == 422 and body["detail"]


def test_a_private_board_takes_no_thread_from_outside(member_api, private_board):
    response = member_api.post("boards/insiders/threads", {"title": "Let me in", "body": "Please."})
    assert check(response, "POST boards/{slug}/threads")["status"] == 404


def test_the_session_needs_the_csrf_token_for_a_write(member, board):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    api = Api(client)
    operation = "POST boards/{slug}/threads"
    body = check(
        api.post("boards/general/threads", {"title": "Via the site", "body": "Its JavaScript."}), operation
    )
    assert body["status"] == 403 and "CSRF" in body["detail"]
    client.get("/forum/")  # the page sets the CSRF cookie, as the site's JavaScript finds it
    token = client.cookies["csrftoken"].value
    response = api.post(
        "boards/general/threads", {"title": "Via the site", "body": "Its JavaScript."}, HTTP_X_CSRFTOKEN=token
    )
    assert check(response, operation)["title"] == "Via the site"


@covers("PUT boards/{slug}/watch", "DELETE boards/{slug}/watch")
def test_watch_a_board(member_api, member, board):
    assert check(member_api.put("boards/general/watch"), "PUT boards/{slug}/watch") == {"watching": True}
    assert BoardWatch.objects.filter(user=member, board=board).exists()
    assert check(member_api.delete("boards/general/watch"), "DELETE boards/{slug}/watch") == {
        "watching": False
    }


@covers("GET threads/{thread_id}")
def test_a_thread_and_one_in_a_private_board(api, member_api, thread, private_board, other_member):
    body = check(api.get(f"threads/{thread.pk}"), "GET threads/{thread_id}")
    assert body["title"] == thread.title and body["poll"] is None and body["can_reply"] is False
    assert check(member_api.get(f"threads/{thread.pk}"), "GET threads/{thread_id}")["can_reply"] is True
    hidden = make_thread(board=private_board, author=_insider(), title="Insider news")
    for caller in (api, member_api):
        assert check(caller.get(f"threads/{hidden.pk}"), "GET threads/{thread_id}")["status"] == 404
    for bad in ("0", "-1", "99999999999999999999", "abc"):
        assert api.get(f"threads/{bad}").status_code in (404, 422)


def _insider():
    insider = UserFactory(username="insider")
    insider.groups.add(Group.objects.get(name="Insiders"))
    return insider


@covers("GET threads/{thread_id}/posts")
def test_posts_page_by_page(api, thread, settings):
    settings.FORUM_POSTS_PER_PAGE = 2
    make_replies(thread, 3)
    numbers, url = [], f"threads/{thread.pk}/posts"
    while url:
        body = check(api.get(url), "GET threads/{thread_id}/posts")
        numbers += [post["number"] for post in body["items"]]
        url = body["next"].split("/api/v1/", 1)[1] if body["next"] else None
    assert numbers == [1, 2, 3, 4] and body["total"] == 4


@covers("POST threads/{thread_id}/posts")
def test_reply_and_quote(member_api, thread):
    operation = "POST threads/{thread_id}/posts"
    response = member_api.post(
        f"threads/{thread.pk}/posts", {"body": "Hold it for five seconds.", "reply_to": thread.first_post_id}
    )
    body = check(response, operation)
    assert response.status_code == 201 and body["number"] == 2 and body["reply_to"] == 1
    body = check(member_api.post(f"threads/{thread.pk}/posts", {"body": "x", "reply_to": 10**12}), operation)
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.reply_to"


def test_a_locked_thread_takes_no_reply(member_api, thread):
    thread.is_locked = True
    type(thread).objects.filter(pk=thread.pk).update(is_locked=True)
    body = check(
        member_api.post(f"threads/{thread.pk}/posts", {"body": "Still there?"}),
        "POST threads/{thread_id}/posts",
    )
    assert body["status"] == 403 and "locked" in body["detail"]


@covers("PUT threads/{thread_id}/watch", "DELETE threads/{thread_id}/watch")
def test_watch_a_thread(member_api, member, thread):
    assert check(member_api.put(f"threads/{thread.pk}/watch"), "PUT threads/{thread_id}/watch")["watching"]
    assert ThreadWatch.objects.filter(user=member, thread=thread).exists()
    assert not check(member_api.delete(f"threads/{thread.pk}/watch"), "DELETE threads/{thread_id}/watch")[
        "watching"
    ]
    assert not ThreadWatch.objects.filter(user=member, thread=thread).exists()


@pytest.fixture
def moderator_api(client, board, make_token):
    moderator = UserFactory(username="moderator")
    board.moderators.add(moderator)
    from forum.permissions import forget_all_access

    forget_all_access()
    return Api(client, make_token(moderator, "read", "write"))


@covers("POST threads/{thread_id}/lock", "POST threads/{thread_id}/pin")
def test_moderators_lock_and_pin(member_api, moderator_api, thread):
    body = check(
        member_api.post(f"threads/{thread.pk}/lock", {"locked": True}), "POST threads/{thread_id}/lock"
    )
    assert body["status"] == 403
    body = check(
        moderator_api.post(f"threads/{thread.pk}/lock", {"locked": True}), "POST threads/{thread_id}/lock"
    )
    assert body["is_locked"] is True
    body = check(
        member_api.post(f"threads/{thread.pk}/pin", {"pinned": True}), "POST threads/{thread_id}/pin"
    )
    assert body["status"] == 403
    body = check(
        moderator_api.post(f"threads/{thread.pk}/pin", {"pinned": True}), "POST threads/{thread_id}/pin"
    )
    assert body["is_pinned"] is True


@covers("GET threads/{thread_id}/poll", "POST threads/{thread_id}/poll/votes")
def test_a_poll_shows_results_after_voting(api, member_api, board, other_member, thread):
    with limits_off():
        polled = make_thread(
            board=board, author=other_member, title="Which colour?", poll_question="Which colour?",
            poll_choices=["Black", "Silver"],
        )  # fmt: skip
    body = check(member_api.get(f"threads/{polled.pk}/poll"), "GET threads/{thread_id}/poll")
    assert body["has_voted"] is False and all(choice["votes"] is None for choice in body["choices"])
    black = body["choices"][0]["id"]
    body = check(
        member_api.post(f"threads/{polled.pk}/poll/votes", {"choices": [black]}),
        "POST threads/{thread_id}/poll/votes",
    )
    assert body["has_voted"] and body["choices"][0] == {
        "id": black,
        "text": "Black",
        "votes": 1,
        "chosen": True,
    }
    again = member_api.post(f"threads/{polled.pk}/poll/votes", {"choices": [black]})
    assert check(again, "POST threads/{thread_id}/poll/votes")["status"] == 422
    assert check(api.get(f"threads/{thread.pk}/poll"), "GET threads/{thread_id}/poll")["status"] == 404


@covers("GET posts/{post_id}")
def test_a_post(api, member_api, thread):
    body = check(api.get(f"posts/{thread.first_post_id}"), "GET posts/{post_id}")
    assert body["number"] == 1 and body["has_voted"] is None
    body = check(member_api.get(f"posts/{thread.first_post_id}"), "GET posts/{post_id}")
    assert body["has_voted"] is False and body["is_bookmarked"] is False


@covers("PATCH posts/{post_id}")
def test_edit_own_post_not_another(member_api, member, thread):
    with limits_off():
        own = make_replies(thread, 1, authors=[member])[0]
    body = check(
        member_api.patch(f"posts/{own.pk}", {"body": "Edited: hold it longer."}), "PATCH posts/{post_id}"
    )
    assert body["body"] == "Edited: hold it longer." and body["edit_count"] == 1
    body = check(
        member_api.patch(f"posts/{thread.first_post_id}", {"body": "Mine now"}), "PATCH posts/{post_id}"
    )
    assert body["status"] == 403


@covers("POST posts/{post_id}/hide")
def test_moderators_hide_a_post_with_a_reason(member_api, moderator_api, thread, api):
    reply = make_replies(thread, 1)[0]
    assert (
        check(
            member_api.post(f"posts/{reply.pk}/hide", {"hidden": True, "reason": "Spam"}),
            "POST posts/{post_id}/hide",
        )["status"]
        == 403
    )
    body = check(moderator_api.post(f"posts/{reply.pk}/hide", {"hidden": True}), "POST posts/{post_id}/hide")
    assert body["status"] == 422  # a reason is needed: the author sees it
    body = check(
        moderator_api.post(f"posts/{reply.pk}/hide", {"hidden": True, "reason": "Spam"}),
        "POST posts/{post_id}/hide",
    )
    assert body["is_public"] is False
    assert check(api.get(f"posts/{reply.pk}"), "GET posts/{post_id}")["status"] == 404


@covers("PUT posts/{post_id}/vote", "DELETE posts/{post_id}/vote")
def test_vote_is_idempotent_and_not_for_own_posts(member_api, member, thread):
    url = f"posts/{thread.first_post_id}/vote"
    assert check(member_api.put(url), "PUT posts/{post_id}/vote") == {"voted": True, "score": 1}
    assert check(member_api.put(url), "PUT posts/{post_id}/vote") == {"voted": True, "score": 1}
    assert Vote.objects.filter(user=member).count() == 1
    assert check(member_api.delete(url), "DELETE posts/{post_id}/vote") == {"voted": False, "score": 0}
    with limits_off():
        own = make_replies(thread, 1, authors=[member])[0]
    assert check(member_api.put(f"posts/{own.pk}/vote"), "PUT posts/{post_id}/vote")["status"] == 403


@covers(
    "PUT posts/{post_id}/bookmark", "DELETE posts/{post_id}/bookmark", "GET me/bookmarks", "GET me/watches"
)
def test_bookmarks_and_watches(member_api, member, thread):
    url = f"posts/{thread.first_post_id}/bookmark"
    assert check(member_api.put(url), "PUT posts/{post_id}/bookmark") == {"bookmarked": True}
    assert check(member_api.put(url), "PUT posts/{post_id}/bookmark") == {"bookmarked": True}
    assert Bookmark.objects.filter(user=member).count() == 1
    body = check(member_api.get("me/bookmarks"), "GET me/bookmarks")
    assert [row["post"]["id"] for row in body["items"]] == [thread.first_post_id]
    assert check(member_api.delete(url), "DELETE posts/{post_id}/bookmark") == {"bookmarked": False}
    member_api.put(f"threads/{thread.pk}/watch")
    body = check(member_api.get("me/watches"), "GET me/watches")
    assert [row["id"] for row in body["items"]] == [thread.pk]


def test_personal_lists_need_a_caller(api):
    assert check(api.get("me/bookmarks"), "GET me/bookmarks")["status"] == 401
    assert check(api.get("me/watches"), "GET me/watches")["status"] == 401


def test_posts_written_through_the_api_are_the_forums(member_api, thread, member):
    member_api.post(f"threads/{thread.pk}/posts", {"body": "Through the API."})
    post = Post.objects.get(thread=thread, number=2)
    assert post.author == member and post.body_html.startswith("<p>Through the API.")
