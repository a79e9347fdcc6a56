"""Small helpers every stage may use (no records pass through here except as opaque bytes)."""
