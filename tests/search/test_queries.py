"""search/queries.py: the results page's read path is one function with an exact, pinned number of
queries (issue #8's budgets: at most 5 anonymous, 8 signed in with the reader's own row), whatever the
number of hits; reading it writes nothing.

Savepoints are left out of the counts: the test's own transaction makes a search take one that a
request in autocommit does not (search.api._guarded). The counts are the engine's, so they differ
between the database backends (SQLite FTS5, PostgreSQL full text)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.models import Board
from search.queries import results_page
from search.query import SearchQuery
from tests.factories import UserFactory
from tests.search.factories import make_board, make_product, make_thread

pytestmark = pytest.mark.django_db

ANONYMOUS_MAX, SIGNED_IN_MAX = 5, 8
SESSION_USER = 1  # the signed-in reader's row, read by the auth middleware

# What the engine runs for each kind of search, by database backend:
# - sqlite: whether anything matches with the window of the newest candidates (1); the page's rows,
#   titles first (1, or 2 when the titles do not fill the page); their highlights (1); the facets
#   with the total (1). A whole-word search that finds nothing is tried again as a prefix ("batt").
# - postgresql: the page's rows (1), their headlines (1, when there are rows), the facets with the
#   total (1), and the same retry.
EXPECTED = {
    "sqlite": {"titles": 4, "bodies": 5, "nothing": 2, "prefix": 5, "empty": 0},
    "postgresql": {"titles": 3, "bodies": 3, "nothing": 4, "prefix": 5, "empty": 0},
}
SEARCHES = {"titles": "battery", "bodies": "question", "nothing": "zeppelin", "prefix": "batt", "empty": ""}


@pytest.fixture
def site(reindex_all):
    insiders = Group.objects.create(name="Insiders")
    public = make_board("General")
    private = make_board("Insiders", read_access=Board.Access.GROUP, group=insiders)
    for i in range(25):
        make_thread(public, f"Battery drains overnight {i}", "since 1.4.2", score=i)
        make_thread(public, f"Charger advice {i}", "a battery question")
    make_thread(private, "Secret battery prototype", "do not leak")
    make_product("Nimbus Phone")
    reindex_all()
    return public


def _queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]


@pytest.mark.parametrize("kind", list(SEARCHES))
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_results_page_reads_an_exact_number_of_queries(site, kind, signed_in):
    # Given an index of 51 threads and a reader (the viewer's groups and facet labels cached)
    reader = UserFactory(username="reader") if signed_in else AnonymousUser()
    query = SearchQuery(text=SEARCHES[kind])
    results_page(reader, query)
    # When the results page is read
    with CaptureQueriesContext(connection) as ctx:
        page = results_page(reader, query)
    # Then the engine ran exactly its pinned queries, and the page holds what the template shows
    queries = _queries(ctx)
    assert len(queries) == EXPECTED[connection.vendor][kind], "\n".join(q[:150] for q in queries)
    if kind == "empty":
        assert page.results is None and not page.searched and page.facets == []
        return
    total = {"titles": 50, "bodies": 25, "nothing": 0, "prefix": 50}[kind]
    assert page.results.total == total and len(page.results.hits) == min(total, 20)
    assert page.next_url == ("?q=" + SEARCHES[kind] + "&page=2" if total > 20 else "")
    assert bool(page.facets) == bool(total) and [s["value"] for s in page.sorts] == [
        "relevance",
        "newest",
        "votes",
    ]
    assert "Secret battery prototype" not in {hit.title for hit in page.results.hits}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
@pytest.mark.parametrize("kind", ["titles", "prefix", "nothing"])
def test_results_page_serves_its_queries_and_writes_nothing(client, site, kind, signed_in):
    # Given a reader and a first visit (the site's settings row, the facet labels)
    if signed_in:
        client.force_login(UserFactory(username="reader"))
    url = f"/search/?q={SEARCHES[kind]}&board={site.pk}"
    client.get(url)
    client.get(url)
    # When the page is served
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    # Then exactly the query function's queries ran (and the session's user), none of them a write
    queries = _queries(ctx)
    expected = EXPECTED[connection.vendor][kind] + (SESSION_USER if signed_in else 0)
    assert response.status_code == 200
    assert len(queries) == expected <= (SIGNED_IN_MAX if signed_in else ANONYMOUS_MAX)
    assert [
        q for q in queries if q.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
    ] == []
