"""The site's search: Pagefind's index of the built site (indexing.py) and the header's dialog
(theme/partials/search.html, answered by assets/search.js)."""
