"""Fixtures for the triage tests: an adviser who holds the inbox key."""

from __future__ import annotations
