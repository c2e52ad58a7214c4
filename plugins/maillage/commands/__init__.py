"""Command-line entry points behind the files of scripts/."""
