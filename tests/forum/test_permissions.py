"""forum/permissions.py: a person's board access is computed once per user object (one request's
``request.user``), kept beside the object rather than on it, and forgotten with it."""

import gc

from django.utils.functional import SimpleLazyObject

from community.objcache import PerObjectCache
from forum.permissions import access_for, forget_access
from tests.factories import UserFactory


def test_access_is_computed_once_per_user_object_and_stored_nowhere_on_it(board, django_assert_num_queries):
    person = UserFactory()
    before = set(vars(person))
    first = access_for(person)
    with django_assert_num_queries(0):
        assert access_for(person) is first
    assert set(vars(person)) == before  # nothing set on the user


def test_another_object_for_the_same_person_computes_afresh(board):
    person = UserFactory()
    again = type(person).objects.get(pk=person.pk)
    assert person == again
    assert access_for(person) is not access_for(again)


def test_a_lazy_request_user_shares_the_entry_of_the_user_it_wraps(board):
    person = UserFactory()
    lazy = SimpleLazyObject(lambda: person)
    assert access_for(lazy) is access_for(person)


def test_forget_access_recomputes(board):
    person = UserFactory()
    first = access_for(person)
    forget_access(person)
    assert access_for(person) is not first


def test_an_entry_goes_with_its_object():
    cache = PerObjectCache()

    class Thing:
        pass

    thing = Thing()
    cache.set(thing, "value")
    assert cache.get(thing) == "value"
    del thing
    gc.collect()
    assert cache._entries == {}
    assert cache.get(Thing()) is None
