"""PostgreSQL's extensions and archive_fold(), which other apps' columns and indexes need.

- unaccent and pg_trgm: diacritic-blind matching and the trigram indexes on folded names;
  btree_gist: equality inside the GiST exclusion constraint on positions (people).
- archive_fold(), the SQL twin of core.text.fold: unaccent() is only STABLE (it reads its
  dictionary by search_path), so a generated column or an index cannot call it directly;
  archive_fold() names the dictionary with its schema and is declared IMMUTABLE, which is true
  as long as the dictionary is not edited. unaccent folds ş ğ ç ö ü ı İ but leaves the
  Azerbaijani schwa alone, so ə/Ə are translated first.

Hand-written (Django cannot declare a function); the apps whose initial migration uses one of
these depend on this migration.
"""

from django.contrib.postgres.operations import (
    BtreeGistExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations

ARCHIVE_FOLD = """
CREATE OR REPLACE FUNCTION public.archive_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(public.unaccent('public.unaccent'::regdictionary, translate(value, 'əƏ', 'aa')))
$$
"""


class Migration(migrations.Migration):
    replaces = [
        ('core', '0002_folding_and_trigrams'),
        ('core', '0004_merge_20261203_0835'),
        ('core', '0005_audit_trail'),
        ('core', '0006_audit_origin'),
    ]

    dependencies = [("core", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        BtreeGistExtension(),
        migrations.RunSQL(ARCHIVE_FOLD, "DROP FUNCTION IF EXISTS public.archive_fold(text)"),
    ]
