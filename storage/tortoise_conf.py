"""Tortoise CLI entry (`tortoise -c storage.tortoise_conf.TORTOISE_ORM makemigrations`). No I/O."""

from storage.db import tortoise_config

# makemigrations only compares models with the migration files; an in-memory DB suffices.
TORTOISE_ORM = tortoise_config("sqlite://:memory:")
