"""The bulk path for the demo's replies and votes: hundreds of rows that ``reply`` and ``toggle_vote``
would write one transaction each (about 30 and 15 ms apiece, most of the seed's time) are written
with ``bulk_create``, and then what each would have caused is made in time order:

- notifications: ``forum.actions.notifying.notify_new_post`` for each reply (mentions, replies,
  quotes, watchers), at the reply's moment, the replier starting to watch after it as ``reply`` does;
  the "your post reached N votes" notification when a vote passes a milestone, as ``toggle_vote``;
- read marks: each replier has read the thread up to their last post;
- reputation: the ledger rows ``forum.reputation.post_written`` and ``vote_cast`` give (the rules'
  points, daily caps and badges), written by ``devdata.loadgen.write_awards`` on top of the ledger
  as it stands;
- counters: the forum's own recount (``synchronize_thread``, ``synchronize_board``), so every stored
  count, last post and score is exact by construction.

Threads, polls and attachments still go through the forum's actions (a few dozen of them)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from community.models import User
from community.notifications.models import NotificationKind
from community.reputation import api as reputation
from devdata.demo.runtime import latest_moment
from devdata.loadgen import Award, ledger_state, write_awards
from forum import conf
from forum.actions.common import notify_readers
from forum.actions.notifying import notify_new_post
from forum.actions.synchronize import synchronize_board, synchronize_thread
from forum.keys import post_key
from forum.markdown import RENDERER_VERSION, render_markdown
from forum.models import Board, Post, ReadMark, Thread, ThreadWatch, Vote
from forum.reputation import post_subject


@dataclass(frozen=True)
class Reply:
    """A reply to write: ``reply_to`` and ``quote_of`` are numbers of earlier posts of the thread
    (the quote's text is already in ``body``)."""

    author: User
    body: str
    at: datetime
    reply_to: int | None = None
    quote_of: int | None = None


@dataclass
class History:
    """Replies and votes written in bulk, then ``finish``ed once for all threads."""

    replies: list[tuple[Post, Post | None, Post | None, bool]] = field(default_factory=list)
    votes: list[tuple[Vote, Post]] = field(default_factory=list)
    threads: dict[int, Thread] = field(default_factory=dict)

    def add_replies(self, thread: Thread, replies: Sequence[Reply], *, notify: bool = True) -> list[Post]:
        """Posts 2, 3, ... of ``thread`` (after its existing ones). ``notify=False`` for a thread
        everyone watches (the megathread), where each post would notify fifty people."""
        board = thread.board
        by_number = {post.number: post for post in Post.objects.filter(thread=thread).select_related("author")}
        number = max(by_number, default=0)
        limit = latest_moment()
        rows = []
        for item in replies:
            number += 1
            post = Post(
                thread=thread,
                number=number,
                author=item.author,
                body=item.body,
                body_html=render_markdown(item.body, product_id=board.product_id),
                renderer_version=RENDERER_VERSION,
                created_at=min(item.at, limit),
                is_approved=True,
            )
            rows.append(post)
            by_number[number] = post
        Post.objects.bulk_create(rows)
        for post, item in zip(rows, replies, strict=True):
            if item.reply_to:
                post.reply_to = by_number[item.reply_to]
            self.replies.append(
                (post, post.reply_to, by_number[item.quote_of] if item.quote_of else None, notify)
            )
        Post.objects.bulk_update([post for post in rows if post.reply_to_id], ["reply_to"])
        self.threads[thread.pk] = thread
        return rows

    def add_votes(self, votes: Iterable[tuple[User, Post, datetime]]) -> list[Vote]:
        """(voter, post, when); the voter is never the post's author."""
        limit = latest_moment()
        pairs = [
            (Vote(user=voter, post=post, created_at=min(at, limit)), post)
            for voter, post, at in votes
            if voter.pk != post.author_id
        ]
        Vote.objects.bulk_create([vote for vote, _ in pairs])
        self.votes.extend(pairs)
        for _, post in pairs:
            self.threads.setdefault(post.thread_id, post.thread)
        return [vote for vote, _ in pairs]

    def finish(self, clock) -> dict[str, int]:
        """Notifications, watches and read marks in time order, the reputation ledger, the counters."""
        self._replay(clock)
        self._read_marks()
        ledger = self._ledger()
        boards = set()
        for thread in Thread.objects.filter(pk__in=self.threads).order_by("pk"):
            synchronize_thread(thread)
            boards.add(thread.board_id)
        for board in Board.objects.filter(pk__in=boards).order_by("pk"):
            synchronize_board(board)
        return {"posts": len(self.replies), "votes": len(self.votes), **ledger}

    def _replay(self, clock) -> None:
        watching = set(
            ThreadWatch.objects.filter(thread_id__in=self.threads).values_list("user_id", "thread_id")
        )
        events = [(entry[0].created_at, 0, entry[0].pk, ("reply", entry)) for entry in self.replies]
        events += [(vote.created_at, 1, vote.pk, ("vote", (vote, post))) for vote, post in self.votes]
        scores = dict(
            Post.objects.filter(thread_id__in=self.threads, number=1).values_list("pk", "score")
        )  # opening posts may have votes from the actions; replies written here start at 0
        milestones = set(conf.vote_milestones())
        new_watches = []
        for at, _, _, (kind, payload) in sorted(events, key=lambda event: event[:3]):
            if kind == "reply":
                post, reply_to, quote_of, notify = payload
                thread = self.threads[post.thread_id]
                if notify:
                    clock.at(at)
                    notify_new_post(
                        actor=post.author, thread=thread, post=post, reply_to=reply_to, quote_of=quote_of
                    )
                if (post.author_id, thread.pk) not in watching:
                    watching.add((post.author_id, thread.pk))
                    watch = ThreadWatch(user_id=post.author_id, thread=thread, created_at=at)
                    if notify:  # later replies notify this watcher: the row must be there now
                        watch.save()
                    else:
                        new_watches.append(watch)
                continue
            _, post = payload
            scores[post.pk] = scores.get(post.pk, 0) + 1
            if scores[post.pk] in milestones:  # what toggle_vote tells the author
                clock.at(at)
                thread = self.threads[post.thread_id]
                notify_readers(
                    board_id=thread.board_id,
                    recipient_ids=[post.author_id],
                    kind=NotificationKind.VOTES,
                    text=f"Your post in “{thread.title}” reached {scores[post.pk]} votes",
                    url=post.get_absolute_url(),
                    actor=None,
                    target_key=post_key(post),
                )
        ThreadWatch.objects.bulk_create(new_watches, ignore_conflicts=True)

    def _read_marks(self) -> None:
        last: dict[tuple[int, int], tuple[int, datetime]] = {}
        for post, *_ in self.replies:
            key = (post.author_id, post.thread_id)
            if key not in last or last[key][0] < post.number:
                last[key] = (post.number, post.created_at)
        ReadMark.objects.bulk_create(
            [
                ReadMark(user_id=user_id, thread_id=thread_id, last_read_number=number, updated_at=at)
                for (user_id, thread_id), (number, at) in sorted(last.items())
            ],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["last_read_number", "updated_at"],
        )

    def _ledger(self) -> dict[str, int]:
        post_type = ContentType.objects.get_for_model(Post).pk
        vote_type = ContentType.objects.get_for_model(Vote).pk
        products = dict(Board.objects.filter(threads__in=list(self.threads)).values_list("threads", "product_id"))
        awards = [
            Award(
                post.author_id, reputation.POST_CREATED, post_type, post.pk, post_subject(post.pk),
                products.get(post.thread_id), None, post.created_at,
            )
            for post, *_ in self.replies
        ]  # fmt: skip
        awards += [
            Award(
                post.author_id, reputation.VOTE_RECEIVED, vote_type, vote.pk, post_subject(post.pk),
                products.get(post.thread_id), vote.user_id, vote.created_at,
            )
            for vote, post in self.votes
        ]  # fmt: skip
        if not awards:
            return {}
        return write_awards(ledger_state(award.user_id for award in awards), awards)
