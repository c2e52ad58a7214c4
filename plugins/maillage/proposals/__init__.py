"""Doors for editors who do not write YAML, both derived from the card schema.

    schemas ──fields.py──▶ form fields ──issue_form.py──▶ .github/ISSUE_TEMPLATE/ form
                                 └──────issue_body.py──▶ card data (from the issue GitHub renders)
    schemas ──cms.py──▶ Decap CMS configuration, served at admin/ of the built site

Nothing here restates a field, a limit or an allowed value: a key added to a schema appears
in the issue form and in the web editor with no other change.
"""
