"""The passphrase derivation of every Python client, with the floor no server can lower (T3).

A server that answers ``iterations: 1`` would get an authentication value that a dictionary
cracks in seconds, and with it the passphrase and the personal key. So the clients check the
settings themselves, against constants of this module, before anything is derived or sent
(DESIGN: clients distrust the server's parameters; docs/crypto.md).
"""

from __future__ import annotations

from crypto import MIN_PBKDF2_ITERATIONS, StaffSecrets, derive_staff_secrets

# The published minimum. Module attributes so that the test suite (and only code running in this
# process) can lower the iteration floor for speed; nothing a server returns reaches them.
MIN_ITERATIONS = MIN_PBKDF2_ITERATIONS
MIN_SALT_BYTES = 16


class WeakKdfParametersError(ValueError):
    """Key-derivation settings below the published minimum; nothing was derived or sent."""

    def __init__(self, *, salt_bytes: int, iterations: int) -> None:
        super().__init__(
            f"refusing PBKDF2-SHA256 with {iterations} iterations and a {salt_bytes}-byte salt: "
            f"the minimum is {MIN_ITERATIONS} iterations and a {MIN_SALT_BYTES}-byte salt"
        )


def check(*, salt: bytes, iterations: object) -> int:
    """The iteration count, if ``salt`` and ``iterations`` meet the floor; else the error."""
    if (
        isinstance(iterations, bool)
        or not isinstance(iterations, int)
        or iterations < MIN_ITERATIONS
        or len(salt) < MIN_SALT_BYTES
    ):
        count = iterations if isinstance(iterations, int) else -1
        raise WeakKdfParametersError(salt_bytes=len(salt), iterations=count)
    return iterations


def derive(passphrase: str, *, salt: bytes, iterations: object) -> StaffSecrets:
    """``crypto.derive_staff_secrets`` after the floor check."""
    return derive_staff_secrets(
        passphrase, salt=salt, iterations=check(salt=salt, iterations=iterations)
    )
