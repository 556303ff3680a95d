from forum.models.attachments import Attachment
from forum.models.boards import Board
from forum.models.moderation import ModerationLog, Report, Suspension
from forum.models.polls import Poll, PollChoice, PollVote
from forum.models.reading import BoardWatch, Bookmark, ReadMark, ThreadWatch
from forum.models.threads import Draft, Post, PostRevision, Thread
from forum.models.votes import Vote

__all__ = [
    "Attachment",
    "Board",
    "BoardWatch",
    "Bookmark",
    "Draft",
    "ModerationLog",
    "Poll",
    "PollChoice",
    "PollVote",
    "Post",
    "PostRevision",
    "ReadMark",
    "Report",
    "Suspension",
    "Thread",
    "ThreadWatch",
    "Vote",
]
