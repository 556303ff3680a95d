"""Who visits the pages (names used in the tables and the JSON)."""

ANONYMOUS = "anonymous"
MEMBER = "signed-in"
TEAM = "signed-in (team)"
