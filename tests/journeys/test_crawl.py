"""Every page a visitor can reach from the home page (to depth 3), signed out, as a member and as the
team: no response of 500 or more, no broken internal link, no leftover template text.

Pages are fetched through the browser context (same cookies as a signed-in person), not rendered:
the journeys render. Each route shape (the path with its numbers and slugs folded) is fetched a few
times, so a listing of 20,000 threads does not turn into 20,000 requests."""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.journey

MAX_DEPTH = 3
PER_SHAPE = 4
MAX_PAGES = 450
# Links that change state or end the session when followed; never fetched by the crawl.
SKIP = re.compile(r"^/(accounts/logout|accounts/3rdparty|static/|media/|store/stripe/|cms/logout)")
LEFTOVERS = [
    (re.compile(r"\{\{|\{%|%\}"), "template syntax"),
    (re.compile(r"\[\[product:(?!slug\]\])"), "an unrendered product card"),
    (re.compile(r"example\.com"), "example.com"),
    (re.compile(r"(?<![\w-])None(?![\w-])"), "None"),
    (re.compile(r"\bundefined\b|\bNaN\b"), "a script's undefined/NaN"),
]


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "template", "textarea"}:
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template", "textarea"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def shape(path: str) -> str:
    parts = []
    for part in path.strip("/").split("/"):
        parts.append("N" if re.fullmatch(r"[\w%-]*\d[\w%-]*", part) else part)
    folded = "/".join(parts)
    # Slugs after a number (thread and product slugs) fold too.
    return re.sub(r"N/[^/]+", "N/S", folded)


def crawl(request_context, base_url: str) -> dict:
    host = urlsplit(base_url).netloc
    queue = deque([("/", 0, "(start)")])
    seen: set[str] = {"/"}
    shapes: Counter = Counter()
    problems: list[str] = []
    fetched = 0
    while queue and fetched < MAX_PAGES:
        path, depth, referrer = queue.popleft()
        key = shape(urlsplit(path).path) + ("?" + "&".join(sorted(k.split("=")[0] for k in urlsplit(path).query.split("&"))) if urlsplit(path).query else "")
        if shapes[key] >= PER_SHAPE:
            continue
        shapes[key] += 1
        response = request_context.get(base_url + path, max_redirects=5, fail_on_status_code=False)
        fetched += 1
        status = response.status
        if status >= 500:
            problems.append(f"{status} at {path} (linked from {referrer})")
            continue
        if status in {404, 410}:
            problems.append(f"broken link {path} -> {status} (linked from {referrer})")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = _Page()
        parser.feed(response.text())
        text = " ".join(" ".join(parser.text).split())
        for pattern, label in LEFTOVERS:
            match = pattern.search(text)
            if match:
                start = max(match.start() - 60, 0)
                problems.append(f"{label} in {path}: ...{text[start:match.end() + 60]}...")
        if depth >= MAX_DEPTH:
            continue
        final = urlsplit(response.url).path
        for href in parser.links:
            absolute, _ = urldefrag(urljoin(base_url + final, href))
            parts = urlsplit(absolute)
            if parts.scheme not in {"http", "https"} or parts.netloc != host:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.match(parts.path) or target in seen:
                continue
            seen.add(target)
            queue.append((target, depth + 1, path))
    return {"fetched": fetched, "problems": problems, "shapes": len(shapes)}


@pytest.mark.parametrize("who", ["visitor", "leo", "mira"])
def test_crawl_from_the_home_page(who, people, demo_site):
    person = people(who)
    if who != "visitor":
        person.sign_in(who)
    result = crawl(person.context.request, demo_site.url)
    assert result["fetched"] > 50, f"the crawl reached only {result['fetched']} pages"
    assert not result["problems"], "\n".join(result["problems"][:40])
