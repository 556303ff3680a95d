"""The composer's endpoints (forum/views/composer.py): the preview renders exactly what the post will
show and saves nothing; people and product suggestions are one query each; and the composer is on
every page people write on."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.actions.boards import set_board_access
from forum.actions.posts import reply
from forum.limits import limits_off
from forum.models import Board, Draft, Post, Thread
from store.models import Product
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread
from tests.store.factories import CategoryFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

SESSION_USER = 1  # the signed-in person's row, read by the auth middleware
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


PREVIEW = "/forum/composer/preview/"


def _preview(client, **data):
    return client.post(PREVIEW, data)


def _established(username: str):
    return UserFactory(username=username, date_joined=timezone.now() - timedelta(days=90))


class _BodyOf(HTMLParser):
    """The inner HTML of the first ``<div class="post__body">`` inside ``<article id="p<number>">``."""

    def __init__(self, html: str, number: int | None):
        super().__init__(convert_charrefs=False)
        self.html, self.number = html, number
        self.in_post = number is None
        self.depth = 0
        self.start = self.end = None
        self.feed(html)

    def _offset(self) -> int:
        line, column = self.getpos()
        return sum(len(row) for row in self.html.splitlines(keepends=True)[: line - 1]) + column

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and self.number is not None and attrs.get("id") == f"p{self.number}":
            self.in_post = True
        if tag != "div" or self.end is not None:
            return
        if self.start is None and self.in_post and attrs.get("class") == "post__body":
            self.start = self._offset() + len(self.get_starttag_text())
            self.depth = 1
        elif self.start is not None:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.start is not None and self.end is None:
            self.depth -= 1
            if self.depth == 0:
                self.end = self._offset()

    @property
    def inner(self) -> str:
        assert self.start is not None and self.end is not None, "no post body found"
        return self.html[self.start : self.end]


def post_body(html: str, number: int | None = None) -> str:
    return _BodyOf(html, number).inner


def _per_request(html: str) -> str:
    """A card's per-request bits (this request's CSRF token, where "Add to cart" comes back to, the
    ids that keep two copies of a card apart on a page) put to one value."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value="T"', html)
    html = re.sub(r'name="next" value="[^"]*"', 'name="next" value="N"', html)
    return re.sub(r'(for|id)="card-([a-z0-9-]+?)-[a-z0-9-]+"', r'\1="card-\2-K"', html)


@pytest.fixture
def writer(db):
    return _established("writer")


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def phone(db):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    VariantFactory(product=product, sku="AUR14-128", price_minor=49900, stock=3)
    VariantFactory(product=product, sku="AUR14-256", price_minor=59900, stock=0)
    return product


TEXTS = [
    "Plain words, **bold**, _italic_, `code` and a [link](https://example.org/guide).",
    "- one\n- two\n\n> quoted line\n\n```\nprint('hi')\n```",
    "Hi @other and @nobody-here, see <script>alert(1)</script><b onclick=x>bold</b>.",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n![a picture](/media/forum/x.png)",
    "  Trailing and leading space\r\nwith a Windows line end.  ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_preview_is_the_post_body_the_thread_page_shows(writer_client, writer, other_member, board, text):
    # Given a thread, and the same text posted as a reply
    thread = make_thread(board=board, author=other_member)
    with limits_off():
        reply(actor=writer, thread=thread, body=text)
    page = writer_client.get(thread.get_absolute_url()).content.decode()
    # When the text is previewed in that thread
    response = writer_client.post("/forum/composer/preview/", {"body": text, "thread": thread.pk})
    # Then the preview is exactly the body the page shows for the post
    assert response.status_code == 200
    assert post_body(response.content.decode()) == post_body(page, 2)


def test_the_preview_shows_product_cards_and_release_links_as_the_post_will(
    writer_client, writer, other_member, phone
):
    # Given the phone's board, where a bare version links to the phone's release
    board = BoardFactory(slug="aurora", name="Aurora", product=phone)
    thread = make_thread(board=board, author=other_member)
    text = "Mine:\n\n[[product:aurora-14]]\n\nand *in a line* [[product:aurora-14]] too, @other."
    with limits_off():
        reply(actor=writer, thread=thread, body=text)
    page = writer_client.get(thread.get_absolute_url()).content.decode()
    # When it is previewed
    preview = writer_client.post("/forum/composer/preview/", {"body": text, "thread": thread.pk})
    body = post_body(preview.content.decode())
    # Then the live card (price, stock, a working Add to cart) and the links are there, as on the page
    assert 'class="product-card"' in body and "$499.00" in body and "Add to cart" in body
    assert 'href="/profiles/other/"' in body or 'class="mention"' in body
    assert _per_request(body) == _per_request(post_body(page, 2))
    assert f'name="source_thread_id" value="{thread.pk}"' in body


def test_a_preview_for_a_new_thread_renders_for_the_board(writer_client, writer, phone):
    board = BoardFactory(slug="aurora", name="Aurora", product=phone)
    response = writer_client.post(
        "/forum/composer/preview/", {"body": "Look: [[product:aurora-14]]", "board": board.slug}
    )
    assert response.status_code == 200 and 'class="product-card"' in response.content.decode()


def test_a_preview_saves_nothing(writer_client, board, other_member):
    thread = make_thread(board=board, author=other_member)
    _preview(writer_client, body="warm up", thread=thread.pk)  # the site's settings are made once
    before = (Post.objects.count(), Thread.objects.count(), Draft.objects.count())
    with CaptureQueriesContext(connection) as ctx:
        response = writer_client.post(
            "/forum/composer/preview/", {"body": "Nothing **kept**", "thread": thread.pk}
        )
    assert response.status_code == 200 and "<strong>kept</strong>" in response.content.decode()
    assert (Post.objects.count(), Thread.objects.count(), Draft.objects.count()) == before
    assert [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)] == []


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("", 400, "Write something first"),
        ("   \n  ", 400, "Write something first"),
        ("x" * 20_001, 400, "The post is too long"),
        ("a\x00b", 400, "cannot be stored"),
    ],
)
def test_a_text_a_post_would_refuse_gets_the_same_reason(writer_client, board, body, status, message):
    response = writer_client.post("/forum/composer/preview/", {"body": body, "board": board.slug})
    assert response.status_code == status
    assert 'role="alert"' in response.content.decode() and message in response.content.decode()


def test_previews_are_rate_limited_with_a_reason(writer_client, board, settings):
    settings.FORUM_RATE_LIMITS = {"preview": (2, 60)}
    for _ in range(2):
        assert _preview(writer_client, body="hello", board=board.slug).status_code == 200
    response = _preview(writer_client, body="hello", board=board.slug)
    assert response.status_code == 429 and "too often" in response.content.decode()


def test_a_preview_needs_sign_in_a_post_and_the_csrf_token(client, writer, board):
    assert client.post("/forum/composer/preview/", {"body": "hi"}).status_code == 302
    client.force_login(writer)
    assert client.get("/forum/composer/preview/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(writer)
    assert strict.post("/forum/composer/preview/", {"body": "hi", "board": board.slug}).status_code == 403


def test_a_preview_in_a_thread_or_board_out_of_sight_is_not_found(writer_client, admin_user, other_member):
    closed = BoardFactory(slug="staff-room")
    thread = make_thread(board=closed, author=other_member)
    set_board_access(actor=admin_user, board=closed, read_access=Board.Access.MODERATORS)
    assert _preview(writer_client, body="hi", thread=thread.pk).status_code == 404
    assert _preview(writer_client, body="hi", board="staff-room").status_code == 404
    assert _preview(writer_client, body="hi", board="no-such").status_code == 404
    assert _preview(writer_client, body="hi", thread="1 OR 1").status_code == 400


# --- @mentions -----------------------------------------------------------------------------------


def test_people_to_mention_by_username_or_name_in_one_query(writer_client, django_assert_num_queries):
    UserFactory(username="leonie", display_name="Leonie Kraus")
    UserFactory(username="leo", display_name="Leo Park")
    UserFactory(username="kenji", display_name="Kenji Leonard")
    UserFactory(username="sleepy", display_name="Sleepy")
    UserFactory(username="leopold", display_name="Gone", is_active=False)
    for _ in range(2):  # the site's settings and theme are cached by then
        writer_client.get("/forum/mentions/?q=x")
    with django_assert_num_queries(1 + SESSION_USER):
        response = writer_client.get("/forum/mentions/?q=leo")
    html = response.content.decode()
    inserts = re.findall(r'data-insert="([^"]*)"', html)
    # usernames starting with it first, then a name with a word starting with it; never the inactive
    assert inserts == ["@leo ", "@leonie ", "@kenji "]
    assert 'role="option"' in html and "Leonie Kraus" in html and "@leonie" in html


def test_people_to_mention_are_limited_and_an_empty_prefix_finds_nobody(writer_client):
    for i in range(12):
        UserFactory(username=f"sam{i:02d}")
    html = writer_client.get("/forum/mentions/?q=sam").content.decode()
    assert len(re.findall(r'role="option"', html)) == 8
    empty = writer_client.get("/forum/mentions/?q=@").content.decode()
    assert 'role="option"' not in empty and "Nobody by that name" in empty


def test_people_to_mention_need_sign_in(client):
    assert client.get("/forum/mentions/?q=leo").status_code == 302


# --- product cards -------------------------------------------------------------------------------


def test_the_product_picker_offers_products_on_sale_in_one_query(
    writer_client, phone, django_assert_num_queries
):
    ProductFactory(name="Aurora 14 Case", slug="aurora-14-case", category=CategoryFactory(name="Cases"))
    ProductFactory(name="Aurora 15 prototype", slug="aurora-15", status=Product.Status.DRAFT)
    ProductFactory(name="Home Hub", slug="home-hub")
    for _ in range(2):  # the site's settings and theme are cached by then
        writer_client.get("/forum/composer/products/?q=x")
    with django_assert_num_queries(1 + SESSION_USER):
        response = writer_client.get("/forum/composer/products/?q=aurora")
    html = response.content.decode()
    assert re.findall(r'data-insert="([^"]*)"', html) == [
        "[[product:aurora-14]]",
        "[[product:aurora-14-case]]",
    ]
    assert "$499.00" in html and "Cases" in html and "prototype" not in html


def test_the_product_picker_says_when_nothing_matches(writer_client, phone):
    html = writer_client.get("/forum/composer/products/?q=toaster").content.decode()
    assert 'role="option"' not in html and "No product on sale matches “toaster”" in html
    assert "[[product:aurora-14]]" in writer_client.get("/forum/composer/products/").content.decode()
    assert writer_client.post("/forum/composer/products/").status_code == 405


# --- the composer on the pages people write on ---------------------------------------------------


def _composer(html: str) -> str:
    return html.split("data-composer ", 1)[1].split("data-composer-uploads", 1)[0]


def test_the_composer_is_on_every_page_people_write_on(writer_client, writer, board, other_member, phone):
    thread = make_thread(board=board, author=other_member)
    own = make_thread(board=board, author=writer, title="My own thread")
    pages = {
        f"/forum/b/{board.slug}/new/": f'data-board="{board.slug}"',
        f"/forum/t/{thread.pk}/-/reply/": f'data-thread="{thread.pk}"',
        thread.get_absolute_url(): f'data-thread="{thread.pk}"',
        f"/forum/p/{own.first_post_id}/edit/": f'data-thread="{own.pk}"',
    }
    fb = BoardFactory(slug="aurora-feedback", name="Aurora feedback", kind=Board.Kind.FEEDBACK, product=phone)
    pages[f"/forum/feedback/new/{fb.slug}/"] = f'data-board="{fb.slug}"'
    for url, context in pages.items():
        html = writer_client.get(url).content.decode()
        composer = _composer(html)
        assert context in composer, url
        assert 'role="toolbar" aria-label="Formatting"' in composer and " hidden>" in composer
        for name in ("Bold", "Italic", "Link", "Bulleted list", "Quote", "Code", "Image", "Product card"):
            assert f'aria-label="{name}"' in composer, (url, name)
        assert "base/js/composer.js" in html and "base/css/composer.css" in html
        assert "data-upload-link" in html  # the upload without JavaScript


def test_a_new_account_sees_why_it_cannot_upload_and_a_disabled_image_button(client, board, settings):
    settings.FORUM_NEW_ACCOUNT_MAX_IMAGES = 0
    client.force_login(UserFactory(username="newcomer"))
    html = client.get(f"/forum/b/{board.slug}/new/").content.decode()
    assert 'data-action="image" aria-label="Image" disabled aria-describedby="upload-refusal"' in html
    assert "New accounts cannot upload images yet" in html
