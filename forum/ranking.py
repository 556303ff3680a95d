"""The hot ranking, stored per thread so listings sort on an index.

    hot = log10(1 + activity) + (created_at - EPOCH) / FORUM_HOT_TIMESCALE
    activity = score + FORUM_HOT_REPLY_WEIGHT * reply_count

Age is measured forward from a fixed epoch instead of backward from now, so a thread's rank only
changes when its votes or replies change, and the order decays on its own as newer threads get larger
time terms: with the default timescale of 45,000 s (12.5 hours), a thread needs about ten times the
activity to rank level with one started 12.5 hours later (the first votes and replies count most). Same idea as Reddit's "hot".
"""

import math
from datetime import UTC, datetime

from forum import conf

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def hot_rank(*, score: int, reply_count: int, created_at: datetime) -> float:
    activity = score + conf.hot_reply_weight() * reply_count
    age_term = (created_at - EPOCH).total_seconds() / conf.hot_timescale()
    return round(math.log10(1 + max(activity, 0)) + age_term, 7)
