"""Shared fixtures for the crypto tests."""

from __future__ import annotations

import pytest

import crypto


@pytest.fixture
def private_key() -> crypto.PrivateKey:
    return crypto.generate_private_key()


@pytest.fixture
def info() -> bytes:
    return crypto.bind_info(crypto.Purpose.REPORT, "report-1", "key-1")


@pytest.fixture
def fast_params() -> crypto.Argon2Params:
    # The smallest legal Argon2id cost (RFC 9106 §3.1): tests check behaviour,
    # not strength, and must stay fast.
    return crypto.Argon2Params(time_cost=1, memory_cost_kib=8, parallelism=1)
