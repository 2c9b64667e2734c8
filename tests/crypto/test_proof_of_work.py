"""Hashcash-style proof of work of many small puzzles."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

import crypto
import crypto.proof_of_work

CHALLENGE = b"challenge-1234"


def leading_zero_bits(data: bytes) -> int:
    bits = "".join(f"{byte:08b}" for byte in data)
    return len(bits) - len(bits.lstrip("0"))


def digest(challenge: bytes, index: int, nonce: str) -> bytes:
    """The construction as docs/crypto.md writes it, independently of crypto/."""
    message = b"vertrouwenspunt/proof-of-work/v2:%s:%d:%s" % (challenge, index, nonce.encode())
    return hashlib.sha256(message).digest()


def check(solution: str, *, puzzles: int, bits: int, challenge: bytes = CHALLENGE) -> None:
    crypto.check_proof_of_work(challenge, solution=solution, puzzles=puzzles, bits=bits)


@pytest.mark.parametrize(("puzzles", "bits"), [(1, 0), (1, 8), (4, 4), (8, 6), (32, 2)])
def test_each_counter_is_the_smallest_that_solves_its_puzzle(puzzles: int, bits: int) -> None:
    solution = crypto.solve_proof_of_work(CHALLENGE, puzzles=puzzles, bits=bits)
    nonces = solution.split(".")
    assert len(nonces) == puzzles
    check(solution, puzzles=puzzles, bits=bits)
    for index, nonce in enumerate(nonces):
        assert nonce == str(int(nonce))
        assert leading_zero_bits(digest(CHALLENGE, index, nonce)) >= bits
        for smaller in range(int(nonce)):
            assert leading_zero_bits(digest(CHALLENGE, index, str(smaller))) < bits


def test_zero_bits_accept_any_well_formed_counters() -> None:
    check("0", puzzles=1, bits=0)
    check("9" * 20, puzzles=1, bits=0)
    check("0.7.123.0", puzzles=4, bits=0)


def test_exact_bit_boundary() -> None:
    # A counter with exactly 3 leading zero bits for puzzle 0: it passes 3 bits, fails 4.
    nonce = next(
        str(n) for n in range(10_000) if leading_zero_bits(digest(CHALLENGE, 0, str(n))) == 3
    )
    check(nonce, puzzles=1, bits=3)
    with pytest.raises(crypto.VerificationError):
        check(nonce, puzzles=1, bits=4)


def test_solution_is_bound_to_its_challenge_and_to_each_puzzle_index() -> None:
    solution = crypto.solve_proof_of_work(CHALLENGE, puzzles=4, bits=10)
    with pytest.raises(crypto.VerificationError):
        check(solution, puzzles=4, bits=10, challenge=b"other-challenge")
    # The same counters in another order solve other puzzles, so they do not count.
    reordered = ".".join(reversed(solution.split(".")))
    assert reordered != solution
    with pytest.raises(crypto.VerificationError):
        check(reordered, puzzles=4, bits=10)


def test_a_solution_of_the_single_puzzle_of_version_1_does_not_count() -> None:
    # Version 1 hashed challenge ":" counter; the label and the index keep the two apart.
    old = next(
        str(n)
        for n in range(100_000)
        if leading_zero_bits(hashlib.sha256(CHALLENGE + b":" + str(n).encode()).digest()) >= 8
    )
    assert leading_zero_bits(digest(CHALLENGE, 0, old)) < 8
    with pytest.raises(crypto.VerificationError):
        check(old, puzzles=1, bits=8)


@pytest.mark.parametrize(
    "solution",
    ["", ".", "0.", ".0", "0..0", "0.0.0", "0", "0,0", "0 .0", "0.-1", "0.+1", "0.1.0x1"]
    + ["0.0x1", "0.abc", "0.1" + "1" * 20, "0.\u0663", "0.\uff11", "0.1 ", "0.1\n"],
)
def test_malformed_solutions_fail(solution: str) -> None:
    with pytest.raises(crypto.VerificationError):
        check(solution, puzzles=2, bits=0)


def test_malformed_solutions_cost_no_hash_and_good_ones_one_per_puzzle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashed: list[bytes] = []

    def counting(data: bytes) -> Any:
        hashed.append(data)
        return hashlib.sha256(data)

    solution = crypto.solve_proof_of_work(CHALLENGE, puzzles=16, bits=3)
    monkeypatch.setattr(crypto.proof_of_work, "sha256", counting)
    check(solution, puzzles=16, bits=3)
    assert len(hashed) == 16
    hashed.clear()
    with pytest.raises(crypto.VerificationError):
        check(solution + ".x", puzzles=17, bits=3)
    with pytest.raises(crypto.VerificationError):
        check("1" * 10_000, puzzles=16, bits=3)
    assert hashed == []


@pytest.mark.parametrize(("puzzles", "bits"), [(0, 4), (257, 0), (4, -1), (4, 33), (-1, 0)])
def test_parameters_out_of_range(puzzles: int, bits: int) -> None:
    with pytest.raises(crypto.VerificationError):
        check(".".join(["0"] * max(puzzles, 1)), puzzles=puzzles, bits=bits)
    with pytest.raises(ValueError):
        crypto.solve_proof_of_work(CHALLENGE, puzzles=puzzles, bits=bits)


def test_non_integer_parameters_are_refused() -> None:
    with pytest.raises(crypto.VerificationError):
        check("0", puzzles=1, bits=1.5)  # type: ignore[arg-type]
    with pytest.raises(crypto.VerificationError):
        check("0", puzzles=1.0, bits=1)  # type: ignore[arg-type]
