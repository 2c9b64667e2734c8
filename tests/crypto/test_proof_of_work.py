"""Hashcash-style proof of work."""

from __future__ import annotations

import hashlib

import pytest

import crypto

CHALLENGE = b"challenge-1234"


def leading_zero_bits(data: bytes) -> int:
    bits = "".join(f"{byte:08b}" for byte in data)
    return len(bits) - len(bits.lstrip("0"))


def digest(challenge: bytes, nonce: str) -> bytes:
    return hashlib.sha256(challenge + b":" + nonce.encode("ascii")).digest()


@pytest.mark.parametrize("difficulty", [0, 1, 4, 8, 12])
def test_solution_is_the_smallest_counter_that_works(difficulty: int) -> None:
    nonce = crypto.solve_proof_of_work(CHALLENGE, difficulty=difficulty)
    assert nonce == str(int(nonce))
    assert leading_zero_bits(digest(CHALLENGE, nonce)) >= difficulty
    crypto.check_proof_of_work(CHALLENGE, nonce=nonce, difficulty=difficulty)
    for smaller in range(int(nonce)):
        assert leading_zero_bits(digest(CHALLENGE, str(smaller))) < difficulty
        with pytest.raises(crypto.VerificationError):
            crypto.check_proof_of_work(CHALLENGE, nonce=str(smaller), difficulty=difficulty)


def test_difficulty_zero_accepts_any_well_formed_nonce() -> None:
    crypto.check_proof_of_work(CHALLENGE, nonce="0", difficulty=0)
    crypto.check_proof_of_work(CHALLENGE, nonce="9" * 20, difficulty=0)


def test_exact_bit_boundary() -> None:
    # Find a nonce with exactly 3 leading zero bits: it passes 3, fails 4.
    nonce = next(str(n) for n in range(10_000) if leading_zero_bits(digest(CHALLENGE, str(n))) == 3)
    crypto.check_proof_of_work(CHALLENGE, nonce=nonce, difficulty=3)
    with pytest.raises(crypto.VerificationError):
        crypto.check_proof_of_work(CHALLENGE, nonce=nonce, difficulty=4)


def test_solution_is_bound_to_its_challenge() -> None:
    nonce = crypto.solve_proof_of_work(CHALLENGE, difficulty=12)
    assert leading_zero_bits(digest(b"other-challenge", nonce)) < 12
    with pytest.raises(crypto.VerificationError):
        crypto.check_proof_of_work(b"other-challenge", nonce=nonce, difficulty=12)


@pytest.mark.parametrize(
    "nonce",
    ["", "-1", "+1", "1.0", " 1", "1 ", "0x1", "abc", "1" * 21, "\u0663", "\uff11"],
)
def test_malformed_nonces_fail(nonce: str) -> None:
    with pytest.raises(crypto.VerificationError):
        crypto.check_proof_of_work(CHALLENGE, nonce=nonce, difficulty=0)


@pytest.mark.parametrize("difficulty", [-1, 33, 256])
def test_difficulty_out_of_range(difficulty: int) -> None:
    with pytest.raises(crypto.VerificationError):
        crypto.check_proof_of_work(CHALLENGE, nonce="0", difficulty=difficulty)
    with pytest.raises(ValueError):
        crypto.solve_proof_of_work(CHALLENGE, difficulty=difficulty)


def test_non_integer_difficulty_is_refused() -> None:
    with pytest.raises(crypto.VerificationError):
        crypto.check_proof_of_work(CHALLENGE, nonce="0", difficulty=1.5)  # type: ignore[arg-type]
