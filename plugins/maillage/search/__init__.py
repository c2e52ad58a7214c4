"""What the site's search needs beyond what the theme gives."""
