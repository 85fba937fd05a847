from django.db import migrations, models


def fill(apps, schema_editor):
    # An archive that already has meetings gets its figures now; later the change log keeps
    # them. A new database has none, and never runs the (current) code below against an older
    # schema.
    if not apps.get_model("events", "Meeting").objects.exists():
        return
    from events.pair_figures import pair_figures_rebuild

    pair_figures_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_merge_20261203_0950"),
    ]

    operations = [
        migrations.CreateModel(
            name="PairFigures",
            fields=[
                ("pair_key", models.CharField(max_length=5, primary_key=True, serialize=False)),
                (
                    "meetings",
                    models.PositiveIntegerField(default=0, help_text="Published meetings."),
                ),
                ("figures", models.JSONField(default=dict)),
            ],
            options={
                "verbose_name_plural": "pair figures",
                "indexes": [
                    models.Index(fields=["-meetings", "pair_key"], name="pair_figures_activity")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
