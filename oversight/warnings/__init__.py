"""The early-warning engine: rules as set-based queries, and the scan that applies them."""
