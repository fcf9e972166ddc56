"""Outbox claims carry their owner, so several delivery workers share one outbox (issue #13)."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    operations = [
        ops.AddField(
            model_name="Notification",
            name="claimed_by",
            field=fields.CharField(null=True, max_length=100),
        ),
    ]
