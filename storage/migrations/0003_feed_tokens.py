from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_meeting_alerts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FeedToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('subscription', fields.OneToOneField('models.Subscription', source_field='subscription_id', db_constraint=True, to_field='id', related_name='feed_token', on_delete=OnDelete.CASCADE)),
                ('token', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'feed_token', 'app': 'models', 'pk_attr': 'id', 'table_description': "The unguessable token in a subscription's Atom/iCal feed URLs (`/feed`, `/feed neu`)."},
            bases=['Model'],
        ),
    ]
