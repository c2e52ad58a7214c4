"""Checking practice files: schema rules, cross-file rules, and how problems are reported."""
