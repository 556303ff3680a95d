"""Who is searching: the few facts every backend needs to apply permissions inside the query."""

from __future__ import annotations

from dataclasses import dataclass

from community.memberships import group_rows
from search.registry import ACCESS_MEMBERS, ACCESS_PUBLIC


@dataclass(frozen=True)
class Viewer:
    is_authenticated: bool = False
    is_staff: bool = False
    is_superuser: bool = False
    group_ids: frozenset[int] = frozenset()

    @classmethod
    def anonymous(cls) -> Viewer:
        return cls()

    @classmethod
    def from_user(cls, user) -> Viewer:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls()
        return cls(
            is_authenticated=True,
            is_staff=bool(user.is_staff),
            is_superuser=bool(user.is_superuser),
            group_ids=frozenset(group_id for group_id, _name in group_rows(user)),
        )

    @property
    def sees_everything(self) -> bool:
        return self.is_superuser

    def plain_access(self) -> tuple[str, ...]:
        """The access values this viewer passes without a group check."""
        if not self.is_authenticated:
            return (ACCESS_PUBLIC,)
        if self.is_staff:
            return (ACCESS_PUBLIC, ACCESS_MEMBERS, "staff")
        return (ACCESS_PUBLIC, ACCESS_MEMBERS)
