from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_feed_tokens')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Chat',
            name='quiet_end_hour',
            field=fields.SmallIntField(null=True),
        ),
        ops.AddField(
            model_name='Chat',
            name='quiet_start_hour',
            field=fields.SmallIntField(null=True),
        ),
        ops.AddField(
            model_name='Subscription',
            name='delivery',
            field=fields.CharField(default='sofort', max_length=20),
        ),
    ]
