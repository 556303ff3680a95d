"""The replica router: read-only requests read from "replica"; writes, transactions and work outside
a request stay on "default"; a browser that just wrote is pinned to the primary for a moment."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from community.db_router import PIN_COOKIE, ReplicaRouter, ReplicaRoutingMiddleware
from community.models import User

router = ReplicaRouter()


def serve(request, view):
    """Run `view` inside the middleware, as Django would; returns (what the view saw, the response)."""
    seen = {}

    def get_response(req):
        seen.update(view(req) or {})
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(get_response)(request)
    return seen, response


def read_db(_request=None):
    return {"read": router.db_for_read(User)}


def test_outside_a_request_reads_use_the_primary():
    assert router.db_for_read(User) == "default"
    assert router.db_for_write(User) == "default"


def test_a_get_request_reads_from_the_replica():
    seen, response = serve(RequestFactory().get("/forum/"), read_db)

    assert seen["read"] == "replica"
    assert PIN_COOKIE not in response.cookies


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_request_that_may_write_reads_from_the_primary_and_pins_the_browser(method):
    seen, response = serve(getattr(RequestFactory(), method)("/forum/t/1/-/reply/"), read_db)

    assert seen["read"] == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    assert response.cookies[PIN_COOKIE]["httponly"]


def test_after_a_write_the_next_pages_read_from_the_primary_while_the_pin_lasts():
    request = RequestFactory().get("/forum/t/1/")
    request.COOKIES[PIN_COOKIE] = "1"

    seen, _ = serve(request, read_db)

    assert seen["read"] == "default"


def test_once_a_get_request_writes_its_later_reads_use_the_primary():
    def view(_request):
        before = router.db_for_read(User)
        written = router.db_for_write(User)
        return {"before": before, "write": written, "after": router.db_for_read(User)}

    seen, _ = serve(RequestFactory().get("/forum/t/1/"), view)

    assert seen == {"before": "replica", "write": "default", "after": "default"}


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_use_the_primary():
    def view(_request):
        with transaction.atomic():
            return {"read": router.db_for_read(User)}

    seen, _ = serve(RequestFactory().get("/store/"), view)

    assert seen["read"] == "default"


def test_the_request_state_does_not_leak_into_later_work():
    serve(RequestFactory().get("/forum/"), read_db)

    assert router.db_for_read(User) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "forum")
    assert not router.allow_migrate("replica", "forum")


def test_rows_from_primary_and_replica_may_be_related():
    primary, replica = User(), User()
    primary._state.db, replica._state.db = "default", "replica"

    assert router.allow_relation(primary, replica)
