"""Workshops for trainers (``atelier/``): a builder page and three documents of chosen cards.

    kits   ready-made workshops, a YAML file of ``docs/`` checked against a small schema
    pages  the producer: the builder, its data file, the cards in print form, three documents

A workshop is chosen in the browser and lives in the page's address; the build only publishes
what any workshop may need: every card already in the form the print documents give it
(the same templates, rendered once, printing/fragments.py), which the documents' script clones.
"""
