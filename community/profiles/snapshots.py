"""A person as the person component shows them, stored apart from their row.

Search documents keep the author's public name, username, uploaded avatar (its stored file name),
points and team mark (search.registry.Document), so a results page draws the same person component
as every other list without reading the people. ``PersonSnapshot`` reads like a ``User`` to the
component's helpers (community.profiles.people.person_summary, community.profiles.avatars.avatar_for):
``public_name``, ``username``, ``points`` (the level follows from the cached level table), ``on_team``.
The apps that store one re-index it when the person's avatar, level or team membership changes
(community.hooks.Hook.PROFILES_PERSON_CHANGED).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonSnapshot:
    username: str
    public_name: str
    avatar_name: str = ""  # the stored name of the uploaded avatar ("" draws the generated one)
    points: int | None = None  # None: unknown, no level shown
    on_team: bool = False
    is_staff = False  # (read like a User by community.profiles.people.is_on_team: on_team says it)
    is_superuser = False
