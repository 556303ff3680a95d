"""A small hook registry, the way Wagtail's hooks work: a lower layer names a slot, a higher one fills it.

Apps register in ``AppConfig.ready()``::

    hooks.register("home.featured_boards", featured_boards)

and the lower layer asks ``hooks.get("home.featured_boards")`` without importing the app.
"""

from collections import defaultdict
from collections.abc import Callable

_hooks: dict[str, list[tuple[int, Callable]]] = defaultdict(list)


def register(name: str, fn: Callable | None = None, *, order: int = 0):
    """Register ``fn`` under ``name``; usable as a decorator. Registering the same function twice is a no-op."""

    def decorator(func: Callable) -> Callable:
        if all(existing is not func for _, existing in _hooks[name]):
            _hooks[name].append((order, func))
            _hooks[name].sort(key=lambda item: item[0])
        return func

    return decorator(fn) if fn is not None else decorator


def get(name: str) -> list[Callable]:
    return [fn for _, fn in _hooks[name]]


def unregister(name: str, fn: Callable) -> None:
    _hooks[name] = [(order, func) for order, func in _hooks[name] if func is not fn]
