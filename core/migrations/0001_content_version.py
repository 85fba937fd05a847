from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("core", "ContentVersion").objects.using(schema_editor.connection.alias).create(
        id=1, value=1
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("value", models.BigIntegerField(default=1)),
            ],
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
