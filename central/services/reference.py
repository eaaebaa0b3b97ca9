"""Reference data for booths (incremental, cursor-based) and secret hashing helpers."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Booths verify PINs offline with the same parameters (argon2id, library defaults).
_hasher = PasswordHasher()


def hash_secret(secret: str) -> str:
    """argon2id hash of a PIN or password (never store the secret itself)."""
    return _hasher.hash(secret)


def verify_secret(digest: str, secret: str) -> bool:
    try:
        return _hasher.verify(digest, secret)
    except (VerificationError, InvalidHashError):
        return False
