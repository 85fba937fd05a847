"""Meeting.search_text computed by PostgreSQL (archive_fold) instead of by save() and the generator.

The column is dropped and added again as a generated one (PostgreSQL cannot turn a column into
a generated one in place), with its trigram index; the history table no longer copies it.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0004_text_trigram_indexes")]

    operations = [
        migrations.RemoveField(model_name="historicalmeeting", name="search_text"),
        migrations.RemoveIndex(model_name="meeting", name="meeting_text_trgm"),
        migrations.RemoveField(model_name="meeting", name="search_text"),
        migrations.AddField(
            model_name="meeting",
            name="search_text",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(
                    "title",
                    "summary",
                    "venue",
                    "city",
                    arg_joiner=" || ' ' || ",
                    function="public.archive_fold",
                    output_field=models.TextField(),
                    template="%(function)s(%(expressions)s)",
                ),
                output_field=models.TextField(),
            ),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_text"], name="meeting_text_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
    ]
