"""Figures for the municipality (R8): aggregates only, small cells suppressed."""
