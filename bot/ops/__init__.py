"""Operator tools: status and the search command line."""
