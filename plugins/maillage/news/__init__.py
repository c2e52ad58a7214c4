"""What's new (« Nouveautés », ``nouveautes/``): cards and cases added, changed or removed, from
the content's git history, as a page and as an Atom feed."""
