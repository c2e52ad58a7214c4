"""Open data (« Données ouvertes », ``donnees/``): every entry of the handbook as JSON and CSV,
with the schemas they validate against, rewritten at each build from the validated model.
"""
