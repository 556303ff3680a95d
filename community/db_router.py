"""Read replicas: read-only pages read from the "replica" database, everything else from the primary.

Switched on by DATABASE_REPLICA_URL (settings add the "replica" database, this router and the
middleware). The rules, in order:

- Only a request that cannot write reads from the replica: a GET, HEAD or OPTIONS request, from a
  browser that has not written in the last REPLICA_PIN_SECONDS (an unsafe request sets a short
  cookie, so the page a form redirects to shows what was just written, whatever the replica's lag).
- Once a request writes (the router is asked for a database to write to), its later reads go to the
  primary too.
- A read inside a transaction on the primary stays on the primary (it may depend on rows that
  transaction wrote or locked).
- Work outside a request (tasks, management commands, the shell) always uses the primary.
- Writes and migrations go to the primary only; replication copies them.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from community import conf

REPLICA_DB_ALIAS = "replica"
PIN_COOKIE = "canopy_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _RequestState:
    read_only: bool
    wrote: bool = False


_state: ContextVar[_RequestState | None] = ContextVar("canopy_replica_state", default=None)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or not state.read_only or state.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        databases = {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaRoutingMiddleware:
    """Marks the request read-only (or not) for the router, and pins a browser to the primary after a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read_only = request.method in SAFE_METHODS and PIN_COOKIE not in request.COOKIES
        token = _state.set(_RequestState(read_only=read_only))
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=conf.replica_pin_seconds(),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
