from forum.feedback.models.items import (
    Attachment,
    EnvironmentSchema,
    FeedbackItem,
    InternalNote,
    StatusChange,
)
from forum.feedback.models.releases import BuildRating, Release, ReleaseNotification, ReleaseSubscription
from forum.feedback.models.statuses import OPEN_CATEGORIES, SEED_STATUSES, Status

__all__ = [
    "OPEN_CATEGORIES",
    "SEED_STATUSES",
    "Attachment",
    "BuildRating",
    "EnvironmentSchema",
    "FeedbackItem",
    "InternalNote",
    "Release",
    "ReleaseNotification",
    "ReleaseSubscription",
    "Status",
    "StatusChange",
]
