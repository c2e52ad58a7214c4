"""Maillage: a good-practice handbook built from YAML cards with MkDocs.

The package is a pipeline, one folder per stage: ``loading`` reads YAML files into plain
data with the position of every value, ``validation`` checks them against the JSON Schemas
and the rules a schema cannot express, ``model`` turns valid data into a read-only
``Handbook``, ``rendering`` writes pages from that model through Jinja templates, and
``plugin`` is the thin MkDocs glue on top.
"""
