"""Forum settings with their defaults. Override any of them in Django settings."""

from django.conf import settings

DEFAULTS = {
    # Reading
    "FORUM_THREADS_PER_PAGE": 30,
    "FORUM_POSTS_PER_PAGE": 20,
    # Writing limits
    "FORUM_TITLE_MIN_LENGTH": 5,
    "FORUM_TITLE_MAX_LENGTH": 160,
    "FORUM_POST_MIN_LENGTH": 2,
    "FORUM_POST_MAX_LENGTH": 20_000,
    "FORUM_POLL_MIN_CHOICES": 2,
    "FORUM_POLL_MAX_CHOICES": 12,
    "FORUM_POLL_CHOICE_MAX_LENGTH": 120,
    # Anti-abuse: {action: (max events, window in seconds)} per person, counted in fixed windows
    # (forum/limits.py). FORUM_LIMITS_ENABLED=False switches these, the duplicate-post and the
    # new-account limits off (forum.limits.limits_off() does so for a block of trusted writes).
    "FORUM_LIMITS_ENABLED": True,
    "FORUM_RATE_LIMITS": {
        "post": (8, 60),
        "thread": (3, 300),
        "vote": (60, 60),
        "report": (5, 600),
        "upload": (10, 600),
    },
    "FORUM_DUPLICATE_POST_WINDOW": 600,  # seconds: the same text twice within this window is refused
    "FORUM_NEW_ACCOUNT_DAYS": 3,  # accounts younger than this are "new"
    "FORUM_NEW_ACCOUNT_MAX_LINKS": 2,
    "FORUM_NEW_ACCOUNT_MAX_IMAGES": 0,
    "FORUM_APPROVE_NEW_ACCOUNTS": False,  # posts by new accounts wait for a moderator
    # Hot ranking: log10(1 + activity) + age / FORUM_HOT_TIMESCALE (seconds), see forum/ranking.py
    "FORUM_HOT_TIMESCALE": 45_000,
    "FORUM_HOT_REPLY_WEIGHT": 0.5,
    # Image attachments: checked with Pillow, re-encoded (drops metadata and anything hidden in the file)
    "FORUM_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "FORUM_ATTACHMENT_MAX_PIXELS": 40_000_000,
    "FORUM_ATTACHMENT_FORMATS": ("JPEG", "PNG", "GIF", "WEBP"),
    "FORUM_THUMBNAIL_SIZE": (800, 800),
    # Votes passing these totals notify the author.
    "FORUM_VOTE_MILESTONES": (10, 25, 50, 100, 250, 500, 1000),
    # Holders of this group moderate every board (plus superusers and the forum.moderate_forum permission).
    "FORUM_MODERATOR_GROUP": "Product team",
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
