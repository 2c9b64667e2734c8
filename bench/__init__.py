"""Benchmarks of the real service: ``python bench/run.py`` writes docs/benchmarks.md."""
