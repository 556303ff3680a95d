"""Nothing a member writes runs as script in another person's browser."""

from html.parser import HTMLParser

import pytest

from forum.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    ALLOWED_TAGS,
    count_links_and_images,
    mentioned_usernames,
    render_markdown,
)
from tests.factories import UserFactory
from tests.forum.factories import make_thread

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click]( javascript:alert(1) )",
    "[click](<javascript:alert(1)>)",
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![img"onerror="alert(1)](https://example.com/x.png)',
    '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="expression(alert(1))">x</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img/src=x/onerror=alert(1)>",
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<!--<script>alert(1)</script>-->",
    '<base href="javascript:alert(1)//">',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<x onclick=alert(1)>click</x>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="https://example.com" onclick="alert(1)">x</a>',
    '[[product:x" onmouseover="alert(1)]]',
    "[[product:<script>alert(1)</script>]]",
    '@mallory<script>alert(1)</script> and @mallory" onmouseover="alert(1)',
    "**[[product:x]]<img src=x onerror=alert(1)>** [[product:y]]",
]

URL_ATTRIBUTES = {"href", "src"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class Inspector(HTMLParser):
    """Collects every element and attribute of the rendered HTML, the way a browser tokenises it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}
        for name, value in attrs:
            if name == "class" and set((value or "").split()) <= ALLOWED_CLASSES.get(tag, set()):
                continue  # the renderer's own classes (mention and entity links)
            if name.startswith("on") or name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                cleaned = "".join(value.split()).lower()
                if ":" in cleaned.split("/")[0] and not cleaned.startswith(SAFE_SCHEMES):
                    self.problems.append(f"url {value!r}")

    handle_startendtag = handle_starttag


def problems_in(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def test_there_are_at_least_fifty_payloads():
    assert len(XSS_PAYLOADS) >= 50


@pytest.mark.django_db
def test_no_payload_survives_posting_and_display(client, board):
    # Given a member who posts every payload as a thread
    author = UserFactory(username="mallory")
    threads = [
        make_thread(board=board, author=author, title=f"Payload {i}", body=payload + f"\n\nnumber {i}")
        for i, payload in enumerate(XSS_PAYLOADS)
    ]
    # Then no stored HTML holds executable markup
    for payload, thread in zip(XSS_PAYLOADS, threads, strict=True):
        html = thread.first_post.body_html
        assert problems_in(html) == [], (payload, html)
        assert "<script" not in html.lower(), payload
    # And the thread page another member sees has no script either, outside the site's own
    client.force_login(UserFactory(username="reader"))
    for payload, thread in zip(XSS_PAYLOADS[:15], threads[:15], strict=True):
        page = client.get(thread.get_absolute_url()).content.decode()
        body = page.split('class="post__body">', 1)[1].split("</div>", 1)[0]
        assert problems_in(body) == [], (payload, body)


def test_links_get_rel_nofollow_ugc_noopener():
    html = render_markdown("[site](https://example.com) and <https://example.org>")
    assert html.count('rel="nofollow ugc noopener"') == 2


def test_raw_html_is_shown_as_text():
    assert "&lt;b&gt;bold&lt;/b&gt;" in render_markdown("<b>bold</b>")


def test_mentions_skip_code():
    assert mentioned_usernames("hi @leo and `@amara` and\n\n    @jonas\n\nbye @sofia.") == {"leo", "sofia"}


# --- what the renderer adds: product card placeholders, mentions, named products and releases ---


def test_a_product_token_becomes_a_block_placeholder_where_it_stands():
    html = render_markdown(
        "Get this case:\n[[product:aurora-14-case]]\nIt fits well.\n\n[[product:home-hub]]"
    )
    assert html == (
        "<p>Get this case:</p>\n"
        '<div data-product-card="aurora-14-case">aurora-14-case</div>\n'
        "<p>It fits well.</p>\n"
        '<div data-product-card="home-hub">home-hub</div>\n'
    )


def test_product_tokens_in_headings_tables_and_emphasis_are_inline_and_in_code_stay_code():
    html = render_markdown("# Best [[product:hub]]\n\n**try [[product:buds]]** `[[product:code]]`")
    assert '<h1>Best <span data-product-card="hub">hub</span></h1>' in html
    assert '<strong>try <span data-product-card="buds">buds</span></strong>' in html
    assert "<code>[[product:code]]</code>" in html


@pytest.mark.django_db
def test_mentions_of_members_link_to_their_profiles_outside_code_and_links():
    UserFactory(username="leo")
    html = render_markdown("hi @leo and @nobody, `@leo` and [@leo](https://example.com)\n\n    @leo")
    assert html.count('href="/people/leo/"') == 1
    assert '<a href="/people/leo/" class="mention" rel="nofollow ugc noopener">@leo</a>' in html
    assert "@nobody" in html and "/people/nobody/" not in html
    assert "<code>@leo</code>" in html


@pytest.mark.django_db
def test_mentions_match_usernames_whatever_the_case_and_skip_inactive_members():
    UserFactory(username="Sofia")
    UserFactory(username="ghost", is_active=False)
    html = render_markdown("thanks @sofia. and @ghost")
    assert '<a href="/people/Sofia/" class="mention" rel="nofollow ugc noopener">@sofia</a>.' in html
    assert "/people/ghost/" not in html


@pytest.fixture
def named_things(db):
    from search import linking
    from tests.forum.feedback.factories import make_release
    from tests.store.factories import ProductFactory, VariantFactory

    phone = ProductFactory(name="Nimbus Phone", slug="nimbus-phone")
    VariantFactory(product=phone, sku="NB-128-BLK")
    release = make_release(product=phone, version="1.4.2", live=True)
    linking.invalidate()
    yield phone, release
    linking.invalidate()


def test_products_skus_and_versions_link_to_their_pages(named_things):
    phone, release = named_things
    html = render_markdown("My Nimbus Phone (NB-128-BLK) broke after 1.4.2.")
    assert f'<a href="{phone.get_absolute_url()}" class="entity-link" title="Nimbus Phone"' in html
    assert html.count(f'href="{phone.get_absolute_url()}"') == 2
    assert f'href="{release.get_absolute_url()}"' in html and ">1.4.2</a>" in html


def test_a_bare_version_links_only_where_its_product_is_the_context(named_things):
    phone, release = named_things
    assert "<a" not in render_markdown("Broke after 1.4.2.")
    assert f'href="{release.get_absolute_url()}"' in render_markdown(
        "Broke after 1.4.2.", product_id=phone.pk
    )


def test_names_in_code_links_and_headings_are_not_linked(named_things):
    html = render_markdown("# Nimbus Phone\n\n`Nimbus Phone` [my Nimbus Phone](https://example.com)")
    assert "entity-link" not in html


def test_automatic_links_do_not_count_against_new_accounts_link_limit(named_things):
    UserFactory(username="leo")
    html = render_markdown("@leo my Nimbus Phone, see [the manual](https://example.com)")
    assert html.count("<a ") == 3
    assert count_links_and_images(html) == (1, 0)


def test_links_render_with_links_off():
    assert render_markdown("@leo", links=False) == "<p>@leo</p>\n"


def test_plain_text_drops_formatting_and_shows_a_card_as_its_slug():
    from forum.markdown import plain_text

    text = "**Bold** and *it* & more\n\n[[product:aurora-14-case]]\n\n- one\n- two"
    assert plain_text(text) == "Bold and it & more aurora-14-case one two"


def test_the_reply_page_quotes_a_post_without_its_card_token(client, db):
    from tests.factories import UserFactory
    from tests.forum.factories import make_thread

    thread = make_thread(body="Look at this case:\n\n[[product:aurora-14-case]]\n")
    client.force_login(UserFactory())
    first = thread.posts.get(number=1)
    page = client.get(f"/forum/t/{thread.pk}/-/reply/?reply_to={first.pk}").content.decode()
    assert "Look at this case" in page and "[[product:aurora-14-case]]" not in page  # the composer's help names the syntax
