"""Meeting alerts can be switched off per chat (/abos), next to the weekly preview (issue #14)."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    operations = [
        ops.AddField(
            model_name="Chat",
            name="meeting_alerts",
            field=fields.BooleanField(default=True),
        ),
    ]
