"""Telegram chat handlers: commands, subscribing, browsing, operator commands."""
