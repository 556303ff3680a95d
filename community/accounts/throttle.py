"""Failed sign-ins are throttled per (address, account) pair, so a stranger cannot lock a person
out, with a per-account limit that starts only when many distinct addresses fail one account.

- allauth counts failures in ``ACCOUNT_RATE_LIMITS["login_failed"]`` (``5/5m/key``); the adapter
  makes its "key" the pair ``address|site:login`` (community/accounts/adapter.py).
- Every failure also records its address on the account (``record_failure``). Once
  ``CANOPY_LOGIN_ATTACK_ADDRESSES`` distinct addresses have failed it within
  ``CANOPY_LOGIN_ATTACK_WINDOW`` seconds, the account is under a distributed attack: tries from
  addresses that have not signed in to it within ``CANOPY_LOGIN_KNOWN_ADDRESS_DAYS`` are refused
  until the window ends. The owner, from an address they used before, still gets in.
- A refusal answers 429 with a page that says what happened and how long to wait.

Addresses are IPv4 addresses, or the /64 network of an IPv6 address (one household's devices).
"""

import hashlib
import ipaddress
import time

from django.core.cache import cache

from community import conf


def network_of(ip: str) -> str:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def _account_key(kind: str, login: str) -> str:
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()
    return f"canopy:login:{kind}:{digest}"


def record_failure(login: str, address: str) -> None:
    """Note that ``address`` failed to sign in as ``login`` (kept for the attack window)."""
    window = conf.login_attack_window()
    key = _account_key("failed-from", login)
    now = time.time()
    failed = {ip: at for ip, at in (cache.get(key) or {}).items() if at > now - window}
    failed[address] = now
    cache.set(key, failed, window)


def record_success(login: str, address: str) -> None:
    """``address`` signed in as ``login``: it stays trusted for this account for a while."""
    lifetime = conf.login_known_address_days() * 86400
    key = _account_key("known", login)
    now = time.time()
    known = {ip: at for ip, at in (cache.get(key) or {}).items() if at > now - lifetime}
    known[address] = now
    cache.set(key, known, lifetime)


def attack_wait(login: str, address: str) -> int:
    """Seconds ``address`` must wait before trying ``login`` again because the account is under a
    distributed attack; 0 when it may try now."""
    window = conf.login_attack_window()
    now = time.time()
    failed = {ip: at for ip, at in (cache.get(_account_key("failed-from", login)) or {}).items() if at > now - window}
    if len(failed) < conf.login_attack_addresses():
        return 0
    if address in (cache.get(_account_key("known", login)) or {}):
        return 0
    # The attack counts as over once fewer than the threshold of addresses failed in the window.
    times = sorted(failed.values(), reverse=True)
    return max(1, int(times[conf.login_attack_addresses() - 1] + window - now) + 1)
