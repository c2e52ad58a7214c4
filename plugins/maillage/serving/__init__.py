"""Serving the handbook while editors work on it: incremental builds under ``mkdocs serve``."""
