"""Forum settings: one typed accessor per setting, reading ``settings.FORUM_*`` with its default declared
here, once. Read them through these functions (at call time), so ``override_settings`` in tests and a
changed setting take effect without a restart. Every app's ``conf.py`` follows this pattern."""

from django.conf import settings

# --- Reading ---------------------------------------------------------------------------------------


def threads_per_page() -> int:
    return int(getattr(settings, "FORUM_THREADS_PER_PAGE", 30))


def posts_per_page() -> int:
    return int(getattr(settings, "FORUM_POSTS_PER_PAGE", 20))


# --- Writing limits --------------------------------------------------------------------------------


def title_min_length() -> int:
    return int(getattr(settings, "FORUM_TITLE_MIN_LENGTH", 5))


def title_max_length() -> int:
    return int(getattr(settings, "FORUM_TITLE_MAX_LENGTH", 160))


def post_min_length() -> int:
    return int(getattr(settings, "FORUM_POST_MIN_LENGTH", 2))


def post_max_length() -> int:
    return int(getattr(settings, "FORUM_POST_MAX_LENGTH", 20_000))


def poll_min_choices() -> int:
    return int(getattr(settings, "FORUM_POLL_MIN_CHOICES", 2))


def poll_max_choices() -> int:
    return int(getattr(settings, "FORUM_POLL_MAX_CHOICES", 12))


def poll_choice_max_length() -> int:
    return int(getattr(settings, "FORUM_POLL_CHOICE_MAX_LENGTH", 120))


# --- Anti-abuse ------------------------------------------------------------------------------------


def limits_enabled() -> bool:
    """False switches the rate, duplicate-post and new-account limits off (forum.limits.limits_off()
    does so for a block of trusted writes)."""
    return bool(getattr(settings, "FORUM_LIMITS_ENABLED", True))


def rate_limits() -> dict[str, tuple[int, int]]:
    """{action: (max events, window in seconds)} per person, counted in fixed windows (forum/limits.py).
    ``preview`` counts the composer's previews (forum/views/composer.py), which render but save nothing."""
    return getattr(
        settings,
        "FORUM_RATE_LIMITS",
        {
            "post": (8, 60),
            "thread": (3, 300),
            "vote": (60, 60),
            "report": (5, 600),
            "upload": (10, 600),
            "preview": (30, 60),
        },
    )


def duplicate_post_window() -> int:
    """Seconds: the same text twice within this window is refused."""
    return int(getattr(settings, "FORUM_DUPLICATE_POST_WINDOW", 600))


def new_account_days() -> int:
    """Accounts younger than this many days are "new"."""
    return int(getattr(settings, "FORUM_NEW_ACCOUNT_DAYS", 3))


def new_account_max_links() -> int:
    return int(getattr(settings, "FORUM_NEW_ACCOUNT_MAX_LINKS", 2))


def new_account_max_images() -> int:
    return int(getattr(settings, "FORUM_NEW_ACCOUNT_MAX_IMAGES", 0))


def approve_new_accounts() -> bool:
    """Posts by new accounts wait for a moderator."""
    return bool(getattr(settings, "FORUM_APPROVE_NEW_ACCOUNTS", False))


# --- Hot ranking: log10(1 + activity) + age / timescale (seconds), see forum/ranking.py ------------


def hot_timescale() -> float:
    return float(getattr(settings, "FORUM_HOT_TIMESCALE", 45_000))


def hot_reply_weight() -> float:
    return float(getattr(settings, "FORUM_HOT_REPLY_WEIGHT", 0.5))


# --- Image attachments: checked with Pillow, re-encoded (drops metadata and anything hidden) -------


def attachment_max_bytes() -> int:
    return int(getattr(settings, "FORUM_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def attachment_max_pixels() -> int:
    return int(getattr(settings, "FORUM_ATTACHMENT_MAX_PIXELS", 40_000_000))


def attachment_formats() -> tuple[str, ...]:
    return tuple(getattr(settings, "FORUM_ATTACHMENT_FORMATS", ("JPEG", "PNG", "GIF", "WEBP")))


def thumbnail_size() -> tuple[int, int]:
    width, height = getattr(settings, "FORUM_THUMBNAIL_SIZE", (800, 800))
    return int(width), int(height)


# --- People ----------------------------------------------------------------------------------------


def vote_milestones() -> tuple[int, ...]:
    """Votes passing these totals notify the author."""
    return tuple(getattr(settings, "FORUM_VOTE_MILESTONES", (10, 25, 50, 100, 250, 500, 1000)))


def moderator_group() -> str:
    """Members of this group moderate every board (as do superusers); the product team's group
    (community.teams) unless set."""
    from community.teams import team_group_name

    return getattr(settings, "FORUM_MODERATOR_GROUP", "") or team_group_name()
