"""Kept for imports written before ``enforcement_portal.tables`` took over; import from there."""

from enforcement_portal.tables import FORMULA_PREFIXES, csv_bytes, neutralise, unneutralise

__all__ = ["FORMULA_PREFIXES", "csv_bytes", "neutralise", "unneutralise"]
