"""Runs: many cases, models and samples into a run folder (see docs/dataset.md)."""
