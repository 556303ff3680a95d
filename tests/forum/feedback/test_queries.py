"""forum/feedback/queries.py: the vote counts, the triage filter, and each feedback page's read path
as one function with an exact, pinned number of queries (issue #8's budgets: at most 5 anonymous and
8 signed in, the signed-in reader's own row included), whatever the number of items, votes or
releases; reading a page writes nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.feedback import queries
from forum.feedback.actions.releases import publish_release, rate_build, set_release_subscription
from forum.feedback.actions.status import set_feedback_status
from forum.feedback.models import FeedbackItem, Status
from forum.feedback.queries import TriageFilter, release_page, triage_queryset, with_vote_counts
from store.actions.refunds import refund_order
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, make_owner, make_release, vote
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def owner_votes(item) -> int:
    return with_vote_counts(FeedbackItem.objects.filter(pk=item.pk)).get().owner_votes


def test_owner_votes_count_only_paid_orders_of_that_product(item, variant):
    owner, other_owner, unpaid, plain = (
        UserFactory(username=n) for n in ("owner", "otherowner", "unpaid", "plain")
    )
    make_owner(owner, variant)
    make_owner(other_owner, VariantFactory(product=ProductFactory(slug="home-hub"), sku="HH-1"))
    from tests.store.factories import place_test_order

    place_test_order(user=unpaid, variant=variant, email=unpaid.email)  # pending: not paid
    vote(item, owner, other_owner, unpaid, plain)

    assert item.thread.__class__.objects.get(pk=item.thread_id).score == 4
    assert owner_votes(item) == 1


def test_a_refunded_order_no_longer_counts(item, variant):
    owner = UserFactory(username="owner")
    order = make_owner(owner, variant)
    vote(item, owner)
    assert owner_votes(item) == 1
    staff = UserFactory(username="cashier", is_staff=True, is_superuser=True)
    refund_order(order_id=order.pk, actor=staff, amount_minor=order.total_minor - 1)
    assert owner_votes(item) == 1  # partly refunded: still an owner
    refund_order(order_id=order.pk, actor=staff, amount_minor=1)
    assert owner_votes(item) == 0


def test_triage_filters_and_sorts(feedback_board, team, variant):
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    popular = make_item(board=feedback_board, title="Popular bug report")
    owned = make_item(board=feedback_board, title="Owners care about this", kind="SUGGESTION")
    vote(popular, *[UserFactory(username=f"v{i}") for i in range(3)])
    vote(owned, owner)

    def titles(**kwargs):
        return [i.thread.title for i in triage_queryset(team, TriageFilter(**kwargs))]

    assert titles(sort="votes") == ["Popular bug report", "Owners care about this"]
    assert titles(sort="owner_votes")[0] == "Owners care about this"
    assert titles(owners_only=True) == ["Owners care about this"]
    assert titles(kind="BUG") == ["Popular bug report"]
    assert titles(sort="age") == ["Popular bug report", "Owners care about this"]


def test_regressions_are_listed_per_release(feedback_board, product):
    old = make_release(product=product, version="1.4.1", live=True)
    new = make_release(product=product, version="1.4.2", live=True)
    against_new = [
        make_item(board=feedback_board, release=new, title=f"Broke in 1.4.2 number {i}") for i in range(2)
    ]
    make_item(board=feedback_board, release=old, title="Old problem in 1.4.1")
    make_item(board=feedback_board, release=new, title="An idea for 1.4.2", kind="SUGGESTION")
    anonymous = UserFactory(username="visitor")

    page = release_page(anonymous, product.slug, new.version)

    assert {i.pk for i in page.regressions} >= {i.pk for i in against_new}
    assert "Old problem in 1.4.1" not in [i.thread.title for i in page.regressions]
    assert sum(n for _, n in page.per_day) == 2  # new bug reports per day: suggestions do not count


# --- each page's read path: exact counts, nothing written ----------------------------------------

ANONYMOUS_MAX, SIGNED_IN_MAX = 5, 8
SESSION_USER = 1  # the signed-in reader's row, read by the auth middleware
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT")


def _reader(kind: str, team):
    if kind == "team":
        return team
    if kind == "member":
        return UserFactory(username="reader", date_joined=timezone.now() - timedelta(days=60))
    return AnonymousUser()


def _page_queries(client, reader, url: str, *, expected: int) -> None:
    """Serve ``url`` to ``reader`` in steady state (site settings and board access cached by a first
    visit): exactly ``expected`` queries plus the session's user, within the budget, none a write."""
    if reader.is_authenticated:
        client.force_login(reader)
    client.get(url)
    client.get(url)
    total = expected + (SESSION_USER if reader.is_authenticated else 0)
    assert total <= (SIGNED_IN_MAX if reader.is_authenticated else ANONYMOUS_MAX)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    sql = [q["sql"] for q in ctx.captured_queries]
    assert len(sql) == total, "\n".join(q[:160] for q in sql)
    assert [q for q in sql if q.lstrip().upper().startswith(WRITES)] == []


def _release_with_feedback(feedback_board, product, team, *, items: int, rated_by=()):
    """A live release whose changelog fixes ``items`` items, ``items`` reported against it (one of
    them fixed in a later build), and ratings."""
    fixed = [make_item(board=feedback_board, title=f"Alarm does not ring number {i}") for i in range(items)]
    release = make_release(
        product=product,
        version="1.5.0",
        changelog="## Fixed\n" + "".join(f"- Alarms ring (#{item.thread_id})\n" for item in fixed),
    )
    publish_release(actor=team, release=release)
    release.refresh_from_db()
    reported = [
        make_item(board=feedback_board, title=f"Keyboard lags since 1.5.0 number {i}", release=release)
        for i in range(items)
    ]
    later = make_release(product=product, version="1.5.1", live=True)
    set_feedback_status(
        actor=team, item=reported[0], status=Status.objects.get(key="fixed"), comment="Fixed", release=later
    )
    for i, rater in enumerate(rated_by):
        rate_build(actor=rater, release=release, stars=5 - i % 5)
    return release


RELEASE_PAGE_QUERIES = 5  # the release, the referenced items, the reported items, per day, ratings


@pytest.mark.parametrize("kind", ["anonymous", "member", "team"])
@pytest.mark.parametrize("items", [1, 4])
def test_release_page_reads_five_queries(
    django_assert_num_queries, feedback_board, product, team, kind, items
):
    # Given a release with fixed and reported items and ratings, the reader's among them
    reader = _reader(kind, team)
    raters = [UserFactory(username=f"rater{i}") for i in range(items)]
    _release_with_feedback(
        feedback_board, product, team, items=items, rated_by=raters + ([reader] if kind == "member" else [])
    )
    queries.release_page(reader, product.slug, "1.5.0")
    # When the page is read, then five queries hold everything it shows
    with django_assert_num_queries(RELEASE_PAGE_QUERIES):
        page = queries.release_page(reader, product.slug, "1.5.0")
        html = page.changelog_html + "".join(
            i.fixed_in.get_absolute_url() for i in page.regressions if i.fixed_in
        )
    assert [len(found) for _, found in page.sections] == [items]
    assert len(page.regressions) == items and "Fixed in 1.5.0" in html and "/1.5.1/" in html
    assert page.rating_count == items + (kind == "member") and page.is_team == (kind == "team")
    assert page.my_rating == (5 - items % 5 if kind == "member" else None)


@pytest.mark.parametrize("kind", ["anonymous", "member"])
def test_release_page_serves_its_queries_and_writes_nothing(client, feedback_board, product, team, kind):
    reader = _reader(kind, team)
    release = _release_with_feedback(feedback_board, product, team, items=3, rated_by=[team])
    _page_queries(client, reader, release.get_absolute_url(), expected=RELEASE_PAGE_QUERIES)


def test_a_release_without_references_reads_one_query_fewer(django_assert_num_queries, product):
    make_release(product=product, version="2.0.0", changelog="Faster boot.", live=True)
    queries.release_page(AnonymousUser(), product.slug, "2.0.0")  # the visitor's board access, cached
    with django_assert_num_queries(RELEASE_PAGE_QUERIES - 1):
        page = queries.release_page(AnonymousUser(), product.slug, "2.0.0")
    assert page.sections == [] and "Faster boot." in page.changelog_html


def _roadmap(feedback_board, product, team, *, per_column: int):
    statuses = {key: Status.objects.get(key=key) for key in ("planned", "in-progress", "fixed")}
    release = make_release(product=product, version="1.6.0", live=True)
    for key, status in statuses.items():
        for i in range(per_column):
            item = make_item(board=feedback_board, title=f"Roadmap {key} item number {i}")
            vote(item, UserFactory(username=f"fan-{key}-{i}"))
            set_feedback_status(
                actor=team,
                item=item,
                status=status,
                comment="On it",
                release=release if key == "fixed" else None,
            )


@pytest.mark.parametrize("kind", ["anonymous", "member"])
@pytest.mark.parametrize("per_column", [1, 4])
def test_roadmap_reads_two_queries(
    django_assert_num_queries, feedback_board, product, team, kind, per_column
):
    # Given planned, in-progress and fixed items (fixed in a release, linked by its page)
    _roadmap(feedback_board, product, team, per_column=per_column)
    reader = _reader(kind, team)
    queries.roadmap_page(reader, product.slug)  # the reader's board access, cached
    # When the roadmap is read: the product, then the items with their vote counts
    with django_assert_num_queries(2):
        page = queries.roadmap_page(reader, product.slug)
        links = [item.fixed_in.get_absolute_url() for item in page.columns["fixed"]]
    assert [len(page.columns[c]) for c in ("planned", "in_progress", "fixed")] == [per_column] * 3
    assert links == [f"/forum/releases/{product.slug}/1.6.0/"] * per_column
    assert all(item.owner_votes == 0 and item.thread.score == 1 for item in page.columns["planned"])


@pytest.mark.parametrize("kind", ["anonymous", "member"])
def test_roadmap_page_serves_its_queries_and_writes_nothing(client, feedback_board, product, team, kind):
    _roadmap(feedback_board, product, team, per_column=2)
    _page_queries(client, _reader(kind, team), f"/forum/roadmap/{product.slug}/", expected=2)


@pytest.mark.parametrize("kind", ["anonymous", "member"])
@pytest.mark.parametrize("releases", [1, 5])
def test_changelog_reads_two_queries(django_assert_num_queries, product, team, kind, releases):
    # Given live releases (and a draft), and a reader who asked for release news
    for i in range(releases):
        make_release(product=product, version=f"1.{i}.0", changelog=f"## New\n- Thing {i}", live=True)
    make_release(product=product, version="9.0.0", changelog="Not yet")
    reader = _reader(kind, team)
    if reader.is_authenticated:
        set_release_subscription(actor=reader, product=product, subscribed=True)
    # When the changelog is read: the product with the reader's subscription, then the releases
    with django_assert_num_queries(2):
        page = queries.changelog_page(reader, product.slug)
        urls = [release.get_absolute_url() for release, _html in page.releases]
    assert len(urls) == releases and "9.0.0" not in " ".join(urls)
    assert page.subscribed == reader.is_authenticated


@pytest.mark.parametrize("kind", ["anonymous", "member"])
def test_changelog_page_serves_its_queries_and_writes_nothing(client, product, team, kind):
    for i in range(3):
        make_release(product=product, version=f"1.{i}.0", changelog=f"- Thing {i}", live=True)
    _page_queries(client, _reader(kind, team), f"/forum/changelog/{product.slug}/", expected=2)


TRIAGE_QUERIES = 5  # the filter's products, statuses and releases; the items' count and page


@pytest.mark.parametrize(
    "params",
    ["", "sort=votes", "sort=owner_votes&owners_only=on", "product=aurora-14&status=new&kind=BUG&release=R",
     "status=nope&product=missing&release=abc"],
)  # fmt: skip
@pytest.mark.parametrize("items", [2, 6])
def test_triage_board_reads_five_queries(
    django_assert_num_queries, feedback_board, product, team, items, params
):
    # Given items with votes, some by a verified owner, against a release

    owner = UserFactory(username="owner")
    make_owner(owner, VariantFactory(product=product, sku="A14-T"))
    release = make_release(product=product, version="1.4.2", live=True)
    for i in range(items):
        vote(make_item(board=feedback_board, title=f"Triage report number {i}", release=release), owner)
    params = QueryDict(params.replace("release=R", f"release={release.pk}"))
    queries.triage_board(team, params, per_page=100)  # the team's board access, cached
    # When the board is read, whatever the filter (valid or not)
    with django_assert_num_queries(TRIAGE_QUERIES):
        board = queries.triage_board(team, params, per_page=100)
        board.form.as_div()  # the filter renders from the choices read
    # Then it holds the filter, the page of items with their counts, and the statuses
    if "nope" in params.urlencode():
        assert set(board.form.errors) == {"status", "product", "release"}
    else:
        assert not board.form.errors and len(board.items) == items
        assert all(item.owner_votes == 1 for item in board.items)
    assert [s.key for s in board.statuses][:1] == ["new"]


def test_triage_page_serves_its_queries_and_writes_nothing(client, feedback_board, product, team):
    for i in range(3):
        make_item(board=feedback_board, title=f"Triage report number {i}")
    _page_queries(
        client, team, f"/forum/feedback/triage/?product={product.slug}&status=new", expected=TRIAGE_QUERIES
    )


# the item with everything it shows beside its lists (one), its timeline (one)
ITEM_PAGE_QUERIES = 2
ITEM_LISTS = 2  # its attachments and its merged duplicates, each only when it has some
TEAM_EXTRAS = 3  # internal notes, and the status form's statuses and releases


def _full_item(feedback_board, product, team, reporter):
    """An item with an environment, an affected release, attachments, a merged duplicate, a vote,
    and a timeline that names a release."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from forum.feedback.actions.merging import merge_duplicate
    from forum.feedback.models import EnvironmentSchema

    EnvironmentSchema.objects.create(
        product=product, fields=[{"name": "region", "label": "Region", "type": "choice", "choices": ["EU"]}]
    )
    affected = make_release(product=product, version="1.4.1", live=True)
    item = make_item(
        board=feedback_board,
        author=reporter,
        release=affected,
        environment={"region": "EU"},
        attachments=[
            SimpleUploadedFile(f"log{i}.txt", b"boot log", content_type="text/plain") for i in range(2)
        ],
    )
    duplicate = make_item(board=feedback_board, title="Battery empty every morning since the update")
    merge_duplicate(actor=team, duplicate=duplicate, survivor=item)
    vote(item, UserFactory(username="fan"))
    fixed_in = make_release(product=product, version="1.4.2", live=True)
    set_feedback_status(
        actor=team, item=item, status=Status.objects.get(key="fixed"), comment="Fixed", release=fixed_in
    )
    from forum.feedback.actions.status import add_internal_note

    add_internal_note(actor=team, item=item, body="Repro on the EU build")
    return item


@pytest.mark.parametrize("kind", ["anonymous", "member", "team"])
@pytest.mark.parametrize("full", [False, True], ids=["bare", "full"])
def test_item_page_reads_an_exact_number_of_queries(
    django_assert_num_queries, feedback_board, product, team, reporter, kind, full
):
    # Given an item, bare (as filed) or with everything an item can have
    item = (
        _full_item(feedback_board, product, team, reporter)
        if full
        else make_item(board=feedback_board, author=reporter)
    )
    reader = _reader(kind, team)
    queries.item_page(reader, item.thread_id)  # the reader's board access, cached
    expected = ITEM_PAGE_QUERIES + (ITEM_LISTS if full else 0) + (TEAM_EXTRAS if kind == "team" else 0)
    # When the page is read (and the links it shows are made)
    with django_assert_num_queries(expected):
        page = queries.item_page(reader, item.thread_id)
        links = [change.release.get_absolute_url() for change in page.timeline if change.release]
        if full:
            links += [page.item.affected_release.get_absolute_url(), page.item.fixed_in.get_absolute_url()]
            links += [release.get_absolute_url() for release in page.releases]
    # Then it holds what the page shows, and the team's parts only for the team
    assert page.item.pk == item.pk and page.merged_into is None and page.is_team == (kind == "team")
    assert "<p>Since the last update" in page.description_html
    assert page.has_voted is False and page.closed_status_id == (
        None if kind == "anonymous" else Status.objects.get(key="closed").pk
    )
    if full:
        assert [a.name for a in page.attachments] == ["log0.txt", "log1.txt"]
        assert [d.thread.title for d in page.duplicates] == ["Battery empty every morning since the update"]
        assert page.environment == [("Region", "EU")] and page.owner_votes == 0
        assert [c.to_status.key for c in page.timeline] == ["new", "fixed"]
        assert set(links) == {f"/forum/releases/{product.slug}/{v}/" for v in ("1.4.1", "1.4.2")}
    assert [n.body for n in page.notes] == (["Repro on the EU build"] if full and kind == "team" else [])
    assert bool(page.statuses) == (kind == "team") and "duplicate" not in [s.key for s in page.statuses]


def test_item_page_knows_the_readers_vote_in_the_same_query(django_assert_num_queries, item):
    voter = _reader("member", None)
    vote(item, voter)
    queries.item_page(voter, item.thread_id)
    with django_assert_num_queries(ITEM_PAGE_QUERIES):
        page = queries.item_page(voter, item.thread_id)
    assert page.has_voted is True


@pytest.mark.parametrize("kind", ["anonymous", "member", "team"])
def test_item_page_serves_its_queries_and_writes_nothing(
    client, feedback_board, product, team, reporter, kind
):
    item = _full_item(feedback_board, product, team, reporter)
    expected = ITEM_PAGE_QUERIES + ITEM_LISTS + (TEAM_EXTRAS if kind == "team" else 0)
    _page_queries(client, _reader(kind, team), item.get_absolute_url(), expected=expected)


def test_a_merged_duplicate_reads_only_where_it_went(
    client, django_assert_num_queries, feedback_board, team, item
):
    from forum.feedback.actions.merging import merge_duplicate

    duplicate = make_item(board=feedback_board, title="Battery empty every morning since the update")
    merge_duplicate(actor=team, duplicate=duplicate, survivor=item)
    reader = _reader("member", team)
    queries.item_page(reader, duplicate.thread_id)
    # A reader outside the team: the item, then nothing more
    with django_assert_num_queries(1):
        page = queries.item_page(reader, duplicate.thread_id)
    assert page.merged_into.thread_id == item.thread_id and page.timeline == []
    # The team sees the duplicate's own page
    assert queries.item_page(team, duplicate.thread_id).merged_into is None
    # And its address leads to the survivor
    client.force_login(reader)
    assert client.get(duplicate.get_absolute_url()).url == item.get_absolute_url()


def test_a_merged_duplicate_in_a_board_out_of_sight_is_not_found(feedback_board, team, item):
    from django.http import Http404

    from forum.feedback.actions.merging import merge_duplicate
    from forum.models import Board

    duplicate = make_item(board=feedback_board, title="Battery empty every morning since the update")
    merge_duplicate(actor=team, duplicate=duplicate, survivor=item)
    feedback_board.read_access = Board.Access.MODERATORS
    feedback_board.save()  # (saving a board moves the cached access on)
    with pytest.raises(Http404):
        queries.item_page(_reader("member", team), duplicate.thread_id)


def test_a_report_may_name_active_models_and_published_releases_of_its_product(product, variant):
    """One rule for the filing form's choices and the API's check (queries.reportable_*)."""
    from forum.feedback.forms import FilingForm

    retired = VariantFactory(product=product, sku="A14-OLD", is_active=False)
    elsewhere = VariantFactory(sku="OTHER-1")
    second = VariantFactory(product=product, sku="A14-WHT")
    live = make_release(product=product, version="1.4.2", live=True)
    draft = make_release(product=product, version="1.5.0", live=False)
    make_release(product=ProductFactory(slug="other"), version="1.4.2", live=True)

    assert set(queries.reportable_variants(product.pk)) == {variant, second}
    assert list(queries.reportable_releases(product.pk)) == [live]
    form = FilingForm(product=product, environment_fields=[])
    assert set(form.fields["variant"].queryset) == {variant, second}
    assert list(form.fields["release"].queryset) == [live]
    assert retired not in form.fields["variant"].queryset and elsewhere not in form.fields["variant"].queryset
    assert draft not in form.fields["release"].queryset
