"""Ratsbot's running application: CLI, composition root, Telegram handlers, delivery."""

import os

# PTB 22 warns (PTBDeprecationWarning) whenever it builds a RetryAfter unless it may use
# timedelta for retry_after; opt in before `telegram` is imported anywhere in the process.
os.environ.setdefault("PTB_TIMEDELTA", "true")
