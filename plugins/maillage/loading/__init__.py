"""Reading practice files: bytes to plain data, with the position of every value."""
