"""Outbox claims carry their owner (issue #13); sources count skipped records and files their
download attempts (#18)."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0004_quiet_hours_digest")]

    operations = [
        ops.AddField(
            model_name="Notification",
            name="claimed_by",
            field=fields.CharField(null=True, max_length=100),
        ),
        ops.AddField(
            model_name="SyncState",
            name="records_skipped_total",
            field=fields.IntField(default=0),
        ),
        ops.AddField(model_name="File", name="fetch_attempts", field=fields.IntField(default=0)),
        ops.AddField(model_name="File", name="retry_at", field=fields.DatetimeField(null=True)),
    ]
