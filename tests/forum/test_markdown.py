"""Nothing a member writes runs as script in another person's browser."""

from html.parser import HTMLParser

import pytest

from forum.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, mentioned_usernames, render_markdown
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
