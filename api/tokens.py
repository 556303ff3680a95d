"""Token strings: made, split and hashed in one place."""

import hashlib
import hmac
import re
import secrets

from api.models import Scope

PREFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_TOKEN_RE = re.compile(r"cnp_([a-z0-9]{10})_([A-Za-z0-9_-]{43})")
SCOPES = [value for value, _ in Scope.choices]


def new_token() -> tuple[str, str, str]:
    """(the whole token shown once, its prefix, the SHA-256 of its secret)."""
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(10))
    secret = secrets.token_urlsafe(32)  # 43 characters, 256 bits
    return f"cnp_{prefix}_{secret}", prefix, hash_secret(secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(raw: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed token, or None."""
    match = _TOKEN_RE.fullmatch(raw or "")
    return (match.group(1), match.group(2)) if match else None


def secret_matches(secret: str, stored_sha256: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_sha256)
