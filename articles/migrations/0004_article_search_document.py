"""Article.search_document: the weighted full-text document as a declared, generated column.

archive_article_document() builds it from the headline (A), the standfirst (B) and the
Python-folded search_text (C, which holds all three), so matching follows core.text.fold
exactly and only ranking uses SQL folding (archive_fold, core/migrations/0002). PostgreSQL
computes the column on every insert and update; STORAGE MAIN keeps it inside the row rather than
in the TOAST table, so reading it costs no extra lookup. The GIN index serves matching.

Databases migrated before this have the column and its index from search/migrations/0002-0003
(which added them to this app's table from outside): hence IF NOT EXISTS, and the index renamed.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION public.archive_article_document(
    headline text, standfirst text, search_text text
) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig, public.archive_fold(coalesce(headline, ''))), 'A')
        || setweight(to_tsvector('simple'::regconfig, public.archive_fold(coalesce(standfirst, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(search_text, '')), 'C')
$$
"""

ADD_COLUMN = """
ALTER TABLE articles_article
    ADD COLUMN IF NOT EXISTS search_document tsvector
        GENERATED ALWAYS AS (public.archive_article_document(headline, standfirst, search_text))
        STORED,
    ALTER COLUMN search_document SET STORAGE MAIN
"""

ADD_INDEX = """
DROP INDEX IF EXISTS search_article_document;
CREATE INDEX IF NOT EXISTS article_search_document ON articles_article USING gin (search_document)
"""

REMOVE = """
DROP INDEX IF EXISTS article_search_document;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_indexes_for_lists_and_sync"),
        ("core", "0002_folding_and_trigrams"),
    ]

    operations = [
        migrations.RunSQL(
            DOCUMENT_FUNCTION,
            "DROP FUNCTION IF EXISTS public.archive_article_document(text, text, text)",
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD_COLUMN + ";" + ADD_INDEX, REMOVE)],
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="search_document",
                    field=models.GeneratedField(
                        db_persist=True,
                        expression=models.Func(
                            models.F("headline"),
                            models.F("standfirst"),
                            models.F("search_text"),
                            function="public.archive_article_document",
                            output_field=django.contrib.postgres.search.SearchVectorField(),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
                migrations.AddIndex(
                    model_name="article",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_document"], name="article_search_document"
                    ),
                ),
            ],
        ),
    ]
