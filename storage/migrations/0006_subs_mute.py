"""A subscription can be muted for a while from its page under a push (issue #14, point 4); a
Kommune keeps its Body's Amtlicher Gemeindeschlüssel, where the picker's Land comes from (#12)."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0005_robust")]

    operations = [
        ops.AddField(
            model_name="Subscription",
            name="muted_until",
            field=fields.DatetimeField(null=True),
        ),
        ops.AddField(
            model_name="Kommune",
            name="ags",
            field=fields.CharField(null=True, max_length=12),
        ),
    ]
