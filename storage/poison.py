"""Which storage errors mean "this one record cannot be stored" (pure data, no I/O).

The sync catches these per record (a paper, a meeting, a person), never per Kommune: an
over-long reference or URL (tortoise's ValidationError on a CharField's max_length), a value of
the wrong type, a number too large for its column (OverflowError in SQLite), or a clash with
another row (IntegrityError, e.g. one id served twice with different content). A lost database
connection is none of these: it still fails the whole poll.
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError, ValidationError

RECORD_ERRORS: tuple[type[Exception], ...] = (
    ValidationError,
    IntegrityError,
    ValueError,
    TypeError,
    OverflowError,
)
