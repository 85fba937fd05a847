"""Article.search_document: the weighted full-text document as a generated column, with its
GIN index.

archive_article_document() builds it from the headline (A), the standfirst (B) and the
Python-folded search_text (C, which holds all three), so matching follows core.text.fold
exactly and only ranking uses SQL folding (archive_fold, core/migrations/0002). PostgreSQL
computes the column on every insert and update; STORAGE MAIN keeps it inside the row rather than
in the TOAST table, so reading it costs no extra lookup.

Hand-written: the function must exist before the column, and Django declares neither the
function nor the storage.
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


class Migration(migrations.Migration):
    replaces = [
        ('articles', '0004_article_search_document'),
        ('articles', '0006_merge_publication_states_and_search_document'),
        ('articles', '0007_body_help_text_for_the_editor'),
    ]

    dependencies = [
        ("articles", "0001_initial"),
        ("core", "0002_extensions_and_folding"),
    ]

    operations = [
        migrations.RunSQL(
            DOCUMENT_FUNCTION,
            "DROP FUNCTION IF EXISTS public.archive_article_document(text, text, text)",
        ),
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
        migrations.RunSQL(
            "ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE MAIN",
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="article_search_document"
            ),
        ),
    ]
