"""Trigram indexes on the folded text, declared on the models that own the tables.

They serve the word-start regular expressions of matching() and "did you mean". Databases
migrated before have them from search/migrations/0002 under other names: renamed here.
"""

import django.contrib.postgres.indexes
from django.db import migrations

FORWARD = """
ALTER INDEX IF EXISTS search_exhibition_text_trgm RENAME TO exhibition_text_trgm;
ALTER INDEX IF EXISTS search_meeting_text_trgm RENAME TO meeting_text_trgm;
CREATE INDEX IF NOT EXISTS exhibition_text_trgm ON events_exhibition
    USING gin (search_text gin_trgm_ops);
CREATE INDEX IF NOT EXISTS meeting_text_trgm ON events_meeting
    USING gin (search_text gin_trgm_ops)
"""

BACKWARD = """
DROP INDEX IF EXISTS exhibition_text_trgm;
DROP INDEX IF EXISTS meeting_text_trgm
"""


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_indexes_for_lists_and_sync"),
        ("core", "0002_folding_and_trigrams"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AddIndex(
                    model_name="exhibition",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_text"], name="exhibition_text_trgm", opclasses=["gin_trgm_ops"]
                    ),
                ),
                migrations.AddIndex(
                    model_name="meeting",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_text"], name="meeting_text_trgm", opclasses=["gin_trgm_ops"]
                    ),
                ),
            ],
        ),
    ]
