import pytest
from django.core.management import call_command

from forum.actions.posts import reply
from forum.actions.votes import toggle_vote
from forum.models import Board, Post, Thread
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def test_forum_synchronize_reports_and_repairs_drift(board, member, other_member, capsys):
    # Given a thread whose counters were made to drift
    thread = make_thread(board=board, author=member)
    post = reply(actor=other_member, thread=thread, body="Works for me")
    toggle_vote(actor=member, post=post)
    Thread.objects.filter(pk=thread.pk).update(reply_count=7, score=3, last_post=None)
    Post.objects.filter(pk=post.pk).update(score=0)
    Board.objects.filter(pk=board.pk).update(post_count=99, thread_count=0)
    # When the recount runs
    call_command("forum_synchronize")
    out = capsys.readouterr().out
    # Then it reports what drifted and repairs it
    assert "reply_count was 7, now 1" in out and "post_count was 99, now 2" in out and "Repaired drift" in out
    thread.refresh_from_db()
    board.refresh_from_db()
    assert (thread.reply_count, thread.score, thread.last_post_id) == (1, 0, post.pk)
    assert Post.objects.get(pk=post.pk).score == 1
    assert (board.thread_count, board.post_count) == (1, 2)
    # And a second run finds nothing
    call_command("forum_synchronize")
    assert "No drift" in capsys.readouterr().out


UPLOAD = "[![case](/media/forum/thumbnails/2026/12/case-thumb.png)](/media/forum/attachments/2026/12/case.png)"


def test_forum_synchronize_repairs_a_drifted_thread_thumbnail(board, member, capsys):
    # Given one thread whose stored thumbnail points at an image its opening post no longer shows,
    # and one whose thumbnail was lost
    pictured = make_thread(board=board, author=member, title="My case", body=f"{UPLOAD}\n\nStill fine.")
    plain = make_thread(board=board, author=member, title="Plain words", body="No picture at all.")
    Thread.objects.filter(pk=pictured.pk).update(first_image_url="")
    Thread.objects.filter(pk=plain.pk).update(first_image_url="/media/forum/thumbnails/gone.png")
    # When the recount runs
    call_command("forum_synchronize")
    out = capsys.readouterr().out
    # Then it reports both and puts back what the opening posts show
    assert "first_image_url was '', now '/media/forum/thumbnails/2026/12/case-thumb.png'" in out
    assert "first_image_url was '/media/forum/thumbnails/gone.png', now ''" in out
    urls = dict(Thread.objects.values_list("pk", "first_image_url"))
    assert urls == {pictured.pk: "/media/forum/thumbnails/2026/12/case-thumb.png", plain.pk: ""}
    # And a second run finds nothing
    call_command("forum_synchronize")
    assert "No drift" in capsys.readouterr().out
