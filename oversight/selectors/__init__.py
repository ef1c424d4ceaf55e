"""Reads of oversight, one module per concern."""
