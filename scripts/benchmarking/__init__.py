"""The benchmark behind benchmarks/RESULTS.md: synthetic handbooks, their plain-MkDocs baseline,
the measures, and the report. Run it with ``make bench`` (or ``scripts/bench.py --quick``)."""
