"""The outgoing request's guards: only public addresses in production, no credentials in the URL,
redirects never followed, a timeout, and every failure returned as an outcome rather than raised."""

import socket

import pytest

from webhooks import http


@pytest.fixture
def production_rules(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/hook", "https://"),
        ("https:///hook", "host name"),
        ("https://user:pass@example.com/hook", "no user name or password"),
        ("https://example.com:http/hook", "port"),
        ("http://localhost:8000/hook", "this machine"),
        ("http://127.0.0.1/hook", "private, loopback"),
        ("http://10.0.0.8/hook", "private, loopback"),
        ("http://192.168.1.10/hook", "private, loopback"),
        ("http://169.254.169.254/latest/meta-data", "private, loopback"),
        ("http://[::1]/hook", "private, loopback"),
        ("http://[::ffff:127.0.0.1]/hook", "private, loopback"),
        ("http://0.0.0.0/hook", "private, loopback"),
    ],
)
def test_urls_refused_in_production(production_rules, url, reason):
    with pytest.raises(http.RefusedURL, match=reason):
        http.check_url(url)


def test_a_host_name_that_resolves_to_a_private_address_is_refused(production_rules, monkeypatch):
    def fake_getaddrinfo(host, port, **kwargs):
        assert host == "hooks.example.com"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(http.RefusedURL, match="resolves to a private"):
        http.resolve("https://hooks.example.com/in")
    outcome = http.post("https://hooks.example.com/in", "{}", {})
    assert not outcome.succeeded and outcome.error.startswith("Refused:")


def test_public_addresses_pass_the_checks(production_rules, monkeypatch):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))],
    )
    assert http.resolve("https://hooks.example.com/in") == ("hooks.example.com", 443, "93.184.215.14")


def test_a_redirect_is_not_followed(receiver):
    receiver.status = 302
    receiver.headers = {"Location": "http://169.254.169.254/latest/meta-data"}
    outcome = http.post(receiver.url, "{}", {"Content-Type": "application/json"})
    assert not outcome.succeeded and outcome.status_code == 302
    assert "Redirects are not followed" in outcome.error
    assert len(receiver.requests) == 1


def test_a_slow_endpoint_times_out(receiver, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.2
    receiver.delay = 1
    outcome = http.post(receiver.url, "{}", {})
    assert not outcome.succeeded and outcome.status_code is None
    assert outcome.error == "Timed out after 0.2 s."


def test_a_closed_port_is_a_failed_attempt_not_an_exception():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = http.post(f"http://127.0.0.1:{port}/hook", "{}", {})
    assert not outcome.succeeded and outcome.error.startswith("Connection failed")


def test_the_answer_is_measured_and_kept_short(receiver):
    receiver.status = 500
    outcome = http.post(receiver.url, '{"a":1}', {"Content-Type": "application/json"})
    assert outcome.status_code == 500 and outcome.response_ms is not None
    assert outcome.error == "The endpoint answered 500 Internal Server Error."
    assert outcome.excerpt == "ok"
    assert receiver.requests[0]["body"] == b'{"a":1}'
