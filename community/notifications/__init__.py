"""In-app and e-mail notifications. Generic: a kind, a text, a target URL and an optional target key.

Apps above ``community`` call ``community.notifications.actions.notify``; they never get imported here.
An app can register a ``notifications.visible_keys`` hook (``callable(user, keys) -> set[str]``) so
that notifications about things the person can no longer see drop out of the centre.
"""
