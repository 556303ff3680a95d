"""One POST to a subscriber, with the guards an outgoing request from inside the network needs:
http(s) only, no credentials in the URL, every address the host resolves to must be public (unless
``WEBHOOKS_ALLOW_PRIVATE``), the connection goes to the address that was checked (so a second DNS
answer cannot point it elsewhere), redirects are never followed, and every step has a timeout."""

import http.client
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from webhooks import conf

EXCERPT_BYTES = 500


class RefusedURL(ValueError):
    """A URL webhooks will not call; the message says why, for the team."""


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    response_ms: int | None
    error: str = ""
    excerpt: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """The checks that need no network: raise RefusedURL with the reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedURL("The URL must start with https:// or http://.")
    if not parts.hostname:
        raise RefusedURL("The URL needs a host name.")
    if parts.username or parts.password:
        raise RefusedURL("Put no user name or password in the URL; deliveries are signed instead.")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise RefusedURL("The URL's port is not a number.") from exc
    if conf.allow_private_addresses():
        return
    host = parts.hostname.lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise RefusedURL("The URL points at this machine or the internal network.")
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return
    if not _is_public(str(literal)):
        raise RefusedURL("The URL points at a private, loopback or reserved address.")


def resolve(url: str) -> tuple[str, int, str]:
    """(host, port, address to connect to) after the checks; raises RefusedURL."""
    check_url(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise RefusedURL(f"The host name does not resolve ({exc.strerror}).") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise RefusedURL("The host name does not resolve.")
    if not conf.allow_private_addresses() and not all(_is_public(address) for address in addresses):
        raise RefusedURL("The host name resolves to a private, loopback or reserved address.")
    return parts.hostname, port, addresses[0]


def _connection(url: str, address: str, port: int, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = cls(parts.hostname, port, timeout=timeout)

    def pinned(_host_port, timeout=timeout, source_address=None):
        return socket.create_connection((address, port), timeout, source_address)

    # http.client connects through this attribute; the Host header and TLS (SNI and the certificate
    # check) keep using the host name.
    connection._create_connection = pinned
    return connection


def post(url: str, body: str, headers: dict[str, str]) -> Outcome:
    """Send once. Never raises for the subscriber's failures: they come back in the Outcome."""
    try:
        _host, port, address = resolve(url)
    except RefusedURL as exc:
        return Outcome(status_code=None, response_ms=None, error=f"Refused: {exc}")
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    timeout = conf.timeout_seconds()
    connection = _connection(url, address, port, timeout)
    started = time.monotonic()
    try:
        connection.request("POST", target, body=body.encode(), headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
        elapsed = round((time.monotonic() - started) * 1000)
        error = ""
        if 300 <= response.status < 400:
            error = f"Redirects are not followed (to {response.getheader('Location', '?')[:200]})."
        elif not 200 <= response.status < 300:
            error = f"The endpoint answered {response.status} {response.reason}."[:300]
        return Outcome(status_code=response.status, response_ms=elapsed, error=error, excerpt=excerpt)
    except TimeoutError:
        return Outcome(None, round((time.monotonic() - started) * 1000), f"Timed out after {timeout:g} s.")
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        return Outcome(
            None, round((time.monotonic() - started) * 1000), f"Connection failed: {reason}."[:300]
        )
    finally:
        connection.close()
