"""Trigram indexes on the folded names, declared on the models that own the tables.

They serve the word-start regular expressions of matching() and "did you mean". Databases
migrated before have them from search/migrations/0002 under other names: renamed here.
"""

import django.contrib.postgres.indexes
from django.db import migrations

FORWARD = """
ALTER INDEX IF EXISTS search_person_names_trgm RENAME TO person_names_trgm;
ALTER INDEX IF EXISTS search_organisation_names_trgm RENAME TO organisation_names_trgm;
CREATE INDEX IF NOT EXISTS person_names_trgm ON people_person
    USING gin (search_names gin_trgm_ops);
CREATE INDEX IF NOT EXISTS organisation_names_trgm ON people_organisation
    USING gin (search_names gin_trgm_ops)
"""

BACKWARD = """
DROP INDEX IF EXISTS person_names_trgm;
DROP INDEX IF EXISTS organisation_names_trgm
"""


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_indexes_for_lists"),
        ("core", "0002_folding_and_trigrams"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AddIndex(
                    model_name="organisation",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_names"],
                        name="organisation_names_trgm",
                        opclasses=["gin_trgm_ops"],
                    ),
                ),
                migrations.AddIndex(
                    model_name="person",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_names"], name="person_names_trgm", opclasses=["gin_trgm_ops"]
                    ),
                ),
            ],
        ),
    ]
