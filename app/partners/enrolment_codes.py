"""Key enrolment codes: the one-time code an administrator gives a partner to register its key.

The code is often read out over the phone or typed over from a screen, so it is written in the
alphabet of the recovery codes (digits and capitals without I, L, O and U, which are mistaken
for others) and shown in groups of four. Whatever the reader adds or confuses (spaces, dashes,
lower case, an O for a 0) is taken out before the code is hashed, so every way of typing it
finds the same one. 52 symbols of 5 bits are 260 bits: no fewer than the 256 of a random key.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 52
GROUP = 4

# Crockford's reading of the letters left out: they can only have been meant as these digits.
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    """A fresh code, in groups of four separated by spaces, as it is shown."""
    return grouped("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def grouped(code: str) -> str:
    plain = canonical(code)
    return " ".join(plain[i : i + GROUP] for i in range(0, len(plain), GROUP))


def canonical(text: str) -> str:
    """The code as it is hashed: without spaces or dashes, in capitals, look-alikes read."""
    return "".join(text.split()).replace("-", "").upper().translate(_LOOK_ALIKES)
