"""Atom and iCal feeds for people outside Telegram: rendering (pure) and the HTTP server (I/O)."""
