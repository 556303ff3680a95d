"""The smoke scenario of make prod-check: a person uses Canopy over HTTP, through gunicorn.

    python -m tests.smoke.scenario --base-url http://127.0.0.1:8000 --mail-dir /tmp/mail

Run with the production environment of the server (scripts/prod-check passes it): the scenario
talks to the site over HTTP only, and reads the database, Redis and the task queue through Django
just to check what the requests caused. It plays the TLS-terminating proxy by sending
X-Forwarded-Proto: https, so the site's Secure cookies and HTTPS CSRF checks are the real ones.

Steps for features the tree does not have yet (a URL that answers 404) are reported as skipped;
a step for a feature that is there must pass. Exits non-zero on the first failure.
"""

import argparse
import email
import email.policy
import html
import json
import os
import re
import secrets
import string
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

PASSWORD = "smoke-check-" + secrets.token_hex(8)


class StepFailed(Exception):
    pass


class Skipped(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict
    body: str
    url: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Browser:
    """A small browser: one site, a cookie jar that keeps Secure cookies (we stand behind the TLS proxy),
    CSRF token from the cookie, redirects followed on request."""

    base_url: str
    cookies: dict = field(default_factory=dict)
    requests: int = 0

    def __post_init__(self):
        self._opener = urllib.request.build_opener(_NoRedirect)
        host = urllib.parse.urlsplit(self.base_url).netloc
        self.origin = f"https://{host}"

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Response:
        url = urllib.parse.urljoin(self.base_url, path)
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if method == "POST" else None
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("X-Forwarded-Proto", "https")
        request.add_header("User-Agent", "canopy-prod-check/1")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            request.add_header("Origin", self.origin)
            request.add_header("Referer", self.origin + urllib.parse.urlsplit(url).path)
            if "csrftoken" in self.cookies:
                request.add_header("X-CSRFToken", self.cookies["csrftoken"])
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        self.requests += 1
        try:
            raw = self._opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            raw = error
        with raw:
            content = raw.read().decode("utf-8", "replace")
            for header in raw.headers.get_all("Set-Cookie") or []:
                jar = SimpleCookie()
                jar.load(header)
                for name, morsel in jar.items():
                    if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(raw.status, {k.lower(): v for k, v in raw.headers.items()}, content, url)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Response:
        return self.request("POST", path, data, **kwargs)

    def follow(self, response: Response, limit: int = 5) -> Response:
        while response.status in (301, 302, 303) and limit:
            response = self.get(response.location)
            limit -= 1
        return response


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def expect_status(response: Response, *statuses: int, what: str) -> Response:
    expect(
        response.status in statuses,
        f"{what}: expected HTTP {'/'.join(map(str, statuses))}, got {response.status} at {response.url}"
        + (f" -> {response.location}" if response.location else "")
        + f"\n{_text(response.body)[:600]}",
    )
    return response


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()


def feature(browser: Browser, path: str) -> Response:
    """GET a feature's entry page; a 404 means the tree does not have the feature yet."""
    response = browser.follow(browser.get(path))
    if response.status == 404:
        raise Skipped(f"{path} answers 404")
    return expect_status(response, 200, what=f"GET {path}")


# --- Mail ------------------------------------------------------------------------------------------
def wait_for_mail(folder: Path, to: str, *, timeout: float = 15) -> email.message.EmailMessage:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(folder.glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if to in str(message["To"]):
                return message
        time.sleep(0.2)
    raise StepFailed(f"no mail to {to} reached the SMTP sink within {timeout:.0f}s")


def mail_text(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part else ""


# --- Steps -------------------------------------------------------------------------------------------
@dataclass
class Person:
    username: str
    email: str


def step_health(browser: Browser, ctx: dict) -> str:
    response = expect_status(browser.get("/healthz"), 200, what="GET /healthz")
    return f"/healthz 200 ({response.body.strip()[:60]})"


def step_static(browser: Browser, ctx: dict) -> str:
    home = expect_status(browser.follow(browser.get("/")), 200, what="GET /")
    paths = re.findall(r"""(?:href|src)="(/static/[^"]+\.(?:css|js))""", home.body)
    expect(paths, "the home page links no /static/ stylesheet or script")
    path = paths[0]
    expect(
        re.search(r"\.[0-9a-f]{12}\.(css|js)$", path), f"{path} has no content hash (manifest storage is off)"
    )
    response = expect_status(browser.get(path, headers={"Accept-Encoding": "gzip"}), 200, what=f"GET {path}")
    cache = response.headers.get("cache-control", "")
    expect("max-age" in cache, f"WhiteNoise did not send a long cache lifetime for {path}: {cache!r}")
    encoding = response.headers.get("content-encoding", "identity")
    return f"WhiteNoise served {path} ({cache}, {encoding})"


def step_sign_up(browser: Browser, ctx: dict) -> str:
    person = ctx["person"]
    expect_status(browser.get("/accounts/signup/"), 200, what="GET /accounts/signup/")
    response = browser.post(
        "/accounts/signup/",
        {"email": person.email, "username": person.username, "password1": PASSWORD, "password2": PASSWORD},
    )
    expect_status(response, 302, what="POST /accounts/signup/")
    expect("/accounts/confirm-email/" in response.location, f"sign-up redirected to {response.location}")
    return f"signed up as {person.username}"


def step_verify(browser: Browser, ctx: dict) -> str:
    person = ctx["person"]
    message = wait_for_mail(ctx["mail_dir"], person.email)
    match = re.search(r"https?://[^\s\"<>]+(/accounts/confirm-email/[^/\s\"<>]+/)", mail_text(message))
    expect(match, f"the verification mail has no confirmation link:\n{mail_text(message)[:500]}")
    path = html.unescape(match.group(1))
    expect_status(browser.get(path), 200, what=f"GET {path}")
    response = browser.post(path, {})
    expect_status(response, 302, what=f"POST {path}")
    return f"verification mail read from the SMTP sink ({message['Subject']}) and confirmed"


def step_log_in(browser: Browser, ctx: dict) -> str:
    person = ctx["person"]
    browser.cookies.clear()
    expect_status(browser.get("/accounts/login/"), 200, what="GET /accounts/login/")
    response = browser.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    expect_status(response, 302, what="POST /accounts/login/")
    expect("sessionid" in browser.cookies, "logging in set no session cookie")
    page = expect_status(browser.get("/accounts/email/"), 200, what="GET /accounts/email/ (signed in)")
    expect(person.email in page.body, "the signed-in e-mail page does not show the address")
    from django.conf import settings
    from django.core.cache import cache

    if settings.SESSION_ENGINE.endswith("cached_db"):
        key = "django.contrib.sessions.cached_db" + browser.cookies["sessionid"]
        expect(cache.get(key) is not None, "the session is not in the cache (Redis)")
        where = f"session cached in {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    else:
        where = f"sessions: {settings.SESSION_ENGINE}"
    return f"logged in; {where}"


def step_post_thread(browser: Browser, ctx: dict) -> str:
    index = feature(browser, "/forum/")
    slugs = list(dict.fromkeys(re.findall(r'href="/forum/b/([\w-]+)/"', index.body)))
    expect(slugs, "the board index lists no board")
    word = "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))
    title = f"Smoke check thread about {word}"
    body = "Posted by make prod-check through gunicorn, with the production settings."
    for slug in slugs:
        form = browser.get(f"/forum/b/{slug}/new/")
        if form.status != 200:
            continue
        response = browser.post(f"/forum/b/{slug}/new/", {"title": title, "body": body})
        expect_status(response, 302, what=f"POST /forum/b/{slug}/new/")
        match = re.match(r"/forum/t/(\d+)/", urllib.parse.urlsplit(response.location).path)
        expect(match, f"starting a thread redirected to {response.location}")
        page = expect_status(browser.follow(response), 200, what="the new thread's page")
        expect(title in html.unescape(page.body), "the new thread's page does not show its title")
        ctx["thread_id"] = int(match.group(1))
        ctx["thread_title"] = title
        ctx["thread_word"] = word
        return f"started thread {match.group(1)} in board {slug}"
    raise StepFailed(f"no board lets a new member start a thread (tried {', '.join(slugs)})")


def step_vote(browser: Browser, ctx: dict) -> str:
    from django.apps import apps

    index = feature(browser, "/forum/")
    Vote = apps.get_model("forum", "Vote")
    Post = apps.get_model("forum", "Post")
    person = ctx["person"]
    candidates = (
        Post.objects.filter(thread__is_approved=True, is_approved=True, deleted_at__isnull=True)
        .exclude(author__username=person.username)
        .order_by("pk")
        .values_list("pk", flat=True)[:10]
    )
    expect(candidates, "there is no post by someone else to vote on (did seed_demo run?)")
    del index
    for pk in candidates:
        response = browser.post(f"/forum/p/{pk}/vote/", {})
        if response.status in (403, 404):
            continue
        expect_status(response, 302, 200, what=f"POST /forum/p/{pk}/vote/")
        expect(
            Vote.objects.filter(post_id=pk, user__username=person.username).exists(),
            f"voting on post {pk} stored no vote",
        )
        return f"voted on post {pk}"
    raise StepFailed("a new member could vote on none of the seeded posts")


def step_buy(browser: Browser, ctx: dict) -> str:
    from django.apps import apps

    catalog = feature(browser, "/store/")
    slugs = [
        s
        for s in dict.fromkeys(re.findall(r'href="/store/([\w-]+)/"', catalog.body))
        if s not in {"cart", "checkout", "orders", "drops", "stripe"}
    ]
    expect(slugs, "the catalog lists no product")
    for slug in slugs:
        product = expect_status(browser.get(f"/store/{slug}/"), 200, what=f"GET /store/{slug}/")
        variants = re.findall(r'name="variant" value="(\d+)" required(?! disabled)', product.body)
        if variants:
            break
    else:
        raise StepFailed("no product in the catalog has a variant in stock")
    response = browser.post(
        "/store/cart/add/",
        {"variant": variants[0], "quantity": "1", "buy_now": "1", "next": f"/store/{slug}/"},
    )
    expect_status(response, 302, what="POST /store/cart/add/ (buy now)")
    checkout = expect_status(browser.follow(response), 200, what="the checkout page")
    expected = re.search(r'name="expected_total_minor" value="(\d*)"', checkout.body)
    response = browser.post(
        "/store/checkout/",
        {
            "email": ctx["person"].email,
            "name": "Smoke Check",
            "line1": "1 Test Street",
            "city": "Testville",
            "postal_code": "12345",
            "country": "DE",
            "expected_total_minor": expected.group(1) if expected else "",
        },
    )
    expect_status(response, 302, what="POST /store/checkout/")
    match = re.search(r"/store/orders/([^/]+)/pay/", response.location)
    expect(match, f"checkout redirected to {response.location}, not to the payment page")
    number = match.group(1)
    expect_status(browser.get(response.location), 200, what="the demo payment page")
    paid = browser.post(response.location, {"outcome": "success"})
    expect_status(paid, 302, what="POST the demo payment")
    expect_status(browser.follow(paid), 200, what="the order page")
    Order = apps.get_model("store", "Order")
    order = Order.objects.get(number=number)
    expect(
        order.status == Order.Status.PAID,
        f"order {number} is {order.status!r} after the demo payment, not paid",
    )
    return f"bought {slug} with the demo provider: order {number} paid"


def step_search(browser: Browser, ctx: dict) -> str:
    """The search page finds the new thread once the worker has indexed it (results highlight the
    matched word, so the thread is recognised by its link, not by its title text)."""
    thread_id = ctx.get("thread_id")
    query = ctx.get("thread_word", "canopy")
    link = f'href="/forum/t/{thread_id}/'
    deadline = time.monotonic() + 30
    while True:
        response = browser.get("/search/?" + urllib.parse.urlencode({"q": query}))
        expect_status(response, 200, what="GET /search/")
        if thread_id is None or link in response.body:
            return f"search for {query!r} found {'the new thread (indexed by the worker)' if thread_id else 'a page'}"
        if time.monotonic() > deadline:
            raise StepFailed(f"search for {query!r} did not list thread {thread_id} within 30s")
        time.sleep(0.5)


def step_tasks(browser: Browser, ctx: dict) -> str:
    """The tasks the requests caused were run by the worker; and a task enqueued now runs too."""
    from django.conf import settings

    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        return _check_database_queue(ctx)
    if backend.startswith("django_tasks_rq"):
        return _check_redis_queue(ctx)
    raise StepFailed(f"TASKS uses {backend}: no worker to check (prod-check needs a queue backend)")


def _canary():
    from wagtail.models import Page
    from wagtail.tasks import update_reference_index_task

    page = Page.objects.filter(depth__gt=1).order_by("pk").first()
    return update_reference_index_task.enqueue(page._meta.app_label, page._meta.model_name, page.pk)


def _check_database_queue(ctx: dict) -> str:
    from django_tasks_db.models import DBTaskResult

    canary = _canary()
    deadline = time.monotonic() + 120
    while True:
        caused = DBTaskResult.objects.filter(enqueued_at__gte=ctx["started_at"])
        pending = caused.exclude(status__in=["SUCCESSFUL", "FAILED"])
        if not pending.exists():
            break
        if time.monotonic() > deadline:
            raise StepFailed(
                f"{pending.count()} task(s) still not run by the worker after 120s: "
                + ", ".join(sorted(set(pending.values_list("task_path", flat=True))))
            )
        time.sleep(0.3)
    failed = caused.filter(status="FAILED")
    expect(
        not failed.exists(),
        "task(s) failed in the worker: "
        + ", ".join(f"{r.task_path} ({r.exception_class_path})" for r in failed),
    )
    expect(DBTaskResult.objects.get(id=canary.id).status == "SUCCESSFUL", "the canary task did not succeed")
    by_app = sorted(set(caused.exclude(id=canary.id).values_list("task_path", flat=True)))
    before = DBTaskResult.objects.filter(enqueued_at__lt=ctx["started_at"])
    expect(
        not before.exclude(status="SUCCESSFUL").exists(),
        "tasks enqueued before the scenario (seed) were not all run successfully: "
        + ", ".join(sorted(set(before.exclude(status="SUCCESSFUL").values_list("task_path", flat=True)))),
    )
    return (
        f"worker ran {caused.count()} task(s) from the database queue, all SUCCESSFUL"
        f" ({', '.join(by_app) or 'no app task'} + a canary), and {before.count()} from the seed"
    )


def _check_redis_queue(ctx: dict) -> str:
    from django_tasks import default_task_backend

    canary = _canary()
    deadline = time.monotonic() + 30
    while True:
        result = default_task_backend.get_result(canary.id)
        if result.is_finished:
            break
        expect(time.monotonic() < deadline, "the rq worker did not run the canary task within 30s")
        time.sleep(0.3)
    expect(result.status.name == "SUCCESSFUL", f"the canary task ended {result.status.name}")
    import django_rq

    queue = django_rq.get_queue("default")
    expect(queue.failed_job_registry.count == 0, f"{queue.failed_job_registry.count} task(s) failed in rq")
    return f"rq worker ran the tasks (finished: {queue.finished_job_registry.count}, failed: 0)"


STEPS = [
    ("health", step_health),
    ("static files", step_static),
    ("sign up", step_sign_up),
    ("verify e-mail", step_verify),
    ("log in", step_log_in),
    ("post a thread", step_post_thread),
    ("vote", step_vote),
    ("buy (demo provider)", step_buy),
    ("search", step_search),
    ("background tasks", step_tasks),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--mail-dir", type=Path, required=True)
    parser.add_argument("--summary-file", type=Path)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.production")
    import django

    django.setup()
    from django.utils import timezone

    tag = secrets.token_hex(3)
    ctx = {
        "person": Person(username=f"smoke{tag}", email=f"smoke{tag}@example.com"),
        "mail_dir": args.mail_dir,
        "started_at": timezone.now(),
        "warnings": [],
    }
    browser = Browser(args.base_url)
    lines, failed = [], False
    for name, run in STEPS:
        started = time.monotonic()
        try:
            detail = run(browser, ctx)
            line = f"ok    {name}: {detail}"
        except Skipped as reason:
            line = f"skip  {name}: not in the tree yet ({reason})"
        except StepFailed as error:
            line, failed = f"FAIL  {name}: {error}", True
        except Exception as error:  # report an unexpected error as the step's failure
            line, failed = f"FAIL  {name}: {type(error).__name__}: {error}", True
        print(f"{line}  [{(time.monotonic() - started) * 1000:.0f} ms]", flush=True)
        lines.append(line.splitlines()[0])
        if failed:
            break
    lines.extend(f"WARNING {warning}" for warning in ctx["warnings"])
    lines.append(f"{browser.requests} HTTP requests")
    if args.summary_file:
        args.summary_file.write_text("\n".join(lines) + "\n")
    print(json.dumps({"ok": not failed, "requests": browser.requests}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
