"""What the forum and the store call. One import for the other layers::

    from community.reputation import api as reputation

Forum (votes, posts, feedback):
    reputation.award(user=post.author, rule=reputation.VOTE_RECEIVED, source=vote, actor=vote.user,
                     subject=f"forum.post:{post.pk}", product_id=board.product_id)
    reputation.reverse_entries(source=("forum.vote", vote_id), reason="vote retracted")
    reputation.award(user=post.author, rule=reputation.POST_CREATED, source=post, subject=f"forum.post:{post.pk}")
    reputation.reverse_entries(subject=f"forum.post:{post.pk}", reason="post removed for abuse")
    reputation.restore_entries(subject=f"forum.post:{post.pk}", reason="post removed for abuse")
    reputation.award(user=thread.author, rule=reputation.BUG_ACKNOWLEDGED | SUGGESTION_ACCEPTED
                     | FEEDBACK_FIXED, source=thread, product_id=..., subject=f"forum.thread:{thread.pk}")
    reputation.has_ability(user, "post_links" | "post_images" | "start_polls" | "skip_approval" | "report_weight")
    reputation.report_weight(user) -> 1 or 2

Store:
    reputation.award_badge(user=order.user, code=reputation.VERIFIED_OWNER)   # on a paid order
    reputation.top_contributors(product_id=..., period="all" | "month" | "week", limit=n) -> [user ids]
    community.profiles.testers.top_testers(product_id=..., limit=n) -> [user ids]

Every call is idempotent: awarding the same (rule, source, person) twice changes nothing.
"""

from community.reputation.actions.badges import award_badge
from community.reputation.actions.ledger import award, award_points, restore_entries, reverse_entries
from community.reputation.badges import (
    BETA_TESTER,
    BUG_HUNTER,
    FIRST_ACCEPTED_FEEDBACK,
    FIRST_POST,
    RELEASE_CONTRIBUTOR,
    VERIFIED_OWNER,
)
from community.reputation.levels import ABILITIES, forget_standing, has_ability, report_weight, standing
from community.reputation.queries import leaderboard, top_contributors
from community.reputation.rules import (
    BUG_ACKNOWLEDGED,
    DAILY_CHECKIN,
    FEEDBACK_FIXED,
    MODERATOR_AWARD,
    POST_CREATED,
    SUGGESTION_ACCEPTED,
    VOTE_RECEIVED,
    WEEKLY_BONUS,
)

__all__ = [
    "ABILITIES",
    "BETA_TESTER",
    "BUG_ACKNOWLEDGED",
    "BUG_HUNTER",
    "DAILY_CHECKIN",
    "FEEDBACK_FIXED",
    "FIRST_ACCEPTED_FEEDBACK",
    "FIRST_POST",
    "MODERATOR_AWARD",
    "POST_CREATED",
    "RELEASE_CONTRIBUTOR",
    "SUGGESTION_ACCEPTED",
    "VERIFIED_OWNER",
    "VOTE_RECEIVED",
    "WEEKLY_BONUS",
    "award",
    "award_badge",
    "award_points",
    "forget_standing",
    "has_ability",
    "leaderboard",
    "report_weight",
    "restore_entries",
    "reverse_entries",
    "standing",
    "top_contributors",
]
