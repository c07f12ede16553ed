"""Answers to provider functions that look objects up, grouped by kind; each module
exposes a `HANDLERS` table from invoke token to handler."""
