"""A cache of values computed for one object (a request's user) that is forgotten with the object
and stores nothing on it: use it instead of ``setattr(user, "_something", value)``."""

import weakref

from django.utils.functional import LazyObject, empty


class PerObjectCache:
    """Values computed for one object and forgotten with it.

    Keyed by the object's identity (two ``User`` instances of the same person are equal in Django,
    but each request's must be computed afresh), held through a weak reference so nothing outlives
    the object, and stored nowhere on the object. A lazy ``request.user`` is keyed by the user it
    wraps, so the lazy object and the user it resolved to share one entry.
    """

    def __init__(self):
        self._entries: dict[int, tuple[weakref.ref, object]] = {}

    @staticmethod
    def _target(obj):
        if isinstance(obj, LazyObject):
            if obj._wrapped is empty:
                obj._setup()
            return obj._wrapped
        return obj

    def get(self, obj):
        target = self._target(obj)
        entry = self._entries.get(id(target))
        if entry is not None and entry[0]() is target:
            return entry[1]
        return None

    def set(self, obj, value) -> None:
        target = self._target(obj)
        key = id(target)
        entries = self._entries

        def forget(ref, key=key):
            if (current := entries.get(key)) is not None and current[0] is ref:
                del entries[key]

        entries[key] = (weakref.ref(target, forget), value)

    def discard(self, obj) -> None:
        target = self._target(obj)
        entry = self._entries.get(id(target))
        if entry is not None and entry[0]() is target:
            del self._entries[id(target)]
