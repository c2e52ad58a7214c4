"""The finder ("Trouver une pratique"): every card filtered by facets and words, in the browser.

Built once per build from the model: a page that lists every card (it works without
JavaScript) and a compact data file that lets ``assets/finder.js`` filter and count.
"""
