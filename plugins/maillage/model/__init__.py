"""The handbook as read-only domain objects, built once per build from validated data."""
