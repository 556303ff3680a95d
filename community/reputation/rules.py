"""The rules that earn points. The code names them; the table (editable in the Wagtail admin)
holds what they are worth. A missing row is created from these defaults the first time it is needed
(``community.reputation.actions.rules.ensure_rule``)."""

from dataclasses import dataclass

VOTE_RECEIVED = "vote-received"
POST_CREATED = "post-created"
BUG_ACKNOWLEDGED = "bug-acknowledged"
SUGGESTION_ACCEPTED = "suggestion-accepted"
FEEDBACK_FIXED = "feedback-fixed"
DAILY_CHECKIN = "daily-checkin"
WEEKLY_BONUS = "weekly-checkin-bonus"
MODERATOR_AWARD = "moderator-award"


@dataclass(frozen=True)
class DefaultRule:
    code: str
    name: str
    description: str
    points: int
    daily_cap: int


DEFAULT_RULES = [
    DefaultRule(
        VOTE_RECEIVED, "Vote received", "Someone voted for your post. Your own votes earn nothing.", 2, 40
    ),
    DefaultRule(POST_CREATED, "Post written", "You started a thread or replied.", 1, 10),
    DefaultRule(BUG_ACKNOWLEDGED, "Bug acknowledged", "The team confirmed a bug you reported.", 10, 0),
    DefaultRule(SUGGESTION_ACCEPTED, "Suggestion accepted", "The team planned a suggestion of yours.", 10, 0),
    DefaultRule(FEEDBACK_FIXED, "Feedback fixed", "A release fixed feedback you filed.", 20, 0),
    DefaultRule(DAILY_CHECKIN, "Daily check-in", "You checked in today.", 1, 1),
    DefaultRule(WEEKLY_BONUS, "Weekly check-in bonus", "Seven check-ins in a row.", 5, 5),
    DefaultRule(
        MODERATOR_AWARD, "Team award", "The team thanked you (or took points back) with a reason.", 0, 0
    ),
]
DEFAULTS_BY_CODE = {rule.code: rule for rule in DEFAULT_RULES}

