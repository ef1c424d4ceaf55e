"""Writes of oversight, one module per concern (reports now; legal review and warnings later)."""
