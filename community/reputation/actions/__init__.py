"""Every write to reputation: the ledger (award, reverse, restore, the team's awards), badges,
check-ins, the default rules and badges, and the recount of stored totals."""
