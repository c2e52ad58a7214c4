"""From the model to page sources: Jinja templates write Markdown, MkDocs renders it once."""
