import fcntl
import hashlib
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

# Fewer generated examples on a developer's machine, more in CI (which sets CI=true);
# HYPOTHESIS_PROFILE chooses explicitly.
hypothesis_settings.register_profile("dev", max_examples=10, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=25, deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

ROOT = Path(__file__).resolve().parent.parent


def _migrations_digest() -> str:
    """Changes whenever a migration (or Django) does: the template database is rebuilt then."""
    import django

    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:8]


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """Database names are chosen by django_db_setup below, not suffixed per worker."""


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, tmp_path_factory):
    """One migrated template database, cloned for each pytest-xdist worker.

    Migrations run once per set of migration files, not once per worker and run: the template
    (test_<name>_t<digest>) is kept between runs and rebuilt when a migration changes (or with
    --create-db). Each worker gets its own copy through CREATE DATABASE ... TEMPLATE, which
    takes a fraction of a second, and drops it at the end.
    """
    from django.conf import settings
    from django.db import connections
    from django.test.utils import setup_databases

    # "gw0", "gw1"... under pytest-xdist; "master" without it (also with -p no:xdist).
    worker_id = getattr(request.config, "workerinput", {}).get("workerid", "master")
    connection = connections["default"]
    base = connection.creation._get_test_db_name()
    template = f"{base}_t{_migrations_digest()}"
    session_dir = tmp_path_factory.getbasetemp()
    shared = session_dir if worker_id == "master" else session_dir.parent
    rebuild = request.config.getoption("create_db")
    with django_db_blocker.unblock(), open(shared / "template-db.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        first = not (shared / "template-db.ready").exists()
        connection.settings_dict["TEST"]["NAME"] = template
        setup_databases(
            verbosity=0,
            interactive=False,
            keepdb=not (rebuild and first),
            aliases={"default"},
            serialized_aliases=set(),
        )
        if first:
            _drop_other_templates(connection, base, template)
            (shared / "template-db.ready").touch()
        # CREATE DATABASE ... TEMPLATE needs the template to have no connection open.
        connections.close_all()
        connection.creation.clone_test_db(suffix=worker_id, verbosity=0, keepdb=False)
        clone = connection.creation.get_test_db_clone_settings(worker_id)
        connection.settings_dict.update(clone)
        settings.DATABASES["default"]["NAME"] = clone["NAME"]
        connections.close_all()
    yield
    with django_db_blocker.unblock():
        connections.close_all()
        # FORCE: a live server's thread or a subprocess of the worker's last test may still
        # hold a connection for a moment; the copy goes either way.
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{clone["NAME"]}" WITH (FORCE)')


def _drop_other_templates(connection, base: str, keep: str) -> None:
    """Templates built from older migrations, and clones left by an interrupted run."""
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
            [base.replace("_", r"\_") + r"\_t%", keep],
        )
        for (name,) in cursor.fetchall():
            if not name.startswith(keep + "_"):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The expensive tests, left out by `make test-fast` (-m "not slow"): a real browser or HTTP
# client against a live server, generated inputs, whole generated archives.
SLOW_PATHS = (
    "tests/browser/",
    "tests/acceptance/test_bad_input.py",
    "tests/acceptance/test_every_url_bad_input.py",
    "tests/acceptance/test_query_counts.py",
    "tests/partners/test_api_schemathesis.py",
    "tests/core/test_pagination.py",
    "tests/seeds/test_generate_archive.py",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = str(item.path.relative_to(ROOT))
        if path.startswith(SLOW_PATHS) or "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


# django-webtest's django_app sets these on the settings object in place and puts them back
# at its teardown; when the test also overrides settings (pytest-django's `settings`), that
# undo can restore an object that still has them set, and DEBUG_PROPAGATE_EXCEPTIONS would
# then turn every later test's 500 page into a raised exception.
WEBTEST_PATCHED_SETTINGS = (
    "DEBUG_PROPAGATE_EXCEPTIONS",
    "MIDDLEWARE",
    "AUTHENTICATION_BACKENDS",
    "REST_FRAMEWORK",
)


@pytest.fixture(autouse=True)
def _settings_webtest_patched_restored():
    """Autouse, so set up first and torn down last: after every other fixture's undo."""
    from django.conf import settings

    missing = object()
    saved = {name: getattr(settings, name, missing) for name in WEBTEST_PATCHED_SETTINGS}
    yield
    for name, value in saved.items():
        if value is missing:
            if hasattr(settings, name):
                delattr(settings, name)
        else:
            setattr(settings, name, value)


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashes():
    """A password hashed as in production (PBKDF2, a million rounds) costs about half a second,
    paid by every test that makes a user or signs one in: the suite uses Django's fast test
    hasher instead. `production_hasher` puts PBKDF2 back where it counts (a test of the hash
    itself, an account that a process with production settings signs in to).
    """
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _quick_flush():
    """After a test on committed data (a live server, a browser), its rows go by DELETE.

    Django's flush truncates every table (about 90 here) and then recreates the content
    types and permissions it has just removed: about half a second per test, paid by each of
    the ~70 tests that commit. Deleting the rows leaves the same state (the post_migrate
    handlers still run, so the Editors group gets its permissions back) in a tenth of that;
    content types and permissions are kept with the ids the template gave them.
    """
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connections, transaction
    from django.test import TransactionTestCase

    kept = {"django_content_type", "auth_permission"}
    original = TransactionTestCase._fixture_teardown

    def empty_the_tables(self):
        if self.available_apps is not None or self.serialized_rollback:
            return original(self)
        for name in self._databases_names(include_mirrors=False):
            connection = connections[name]
            tables = set(connection.introspection.django_table_names(only_existing=True)) - kept
            # Foreign keys are deferred (Django declares them so): the order does not matter.
            with transaction.atomic(using=name), connection.cursor() as cursor:
                for table in sorted(tables):
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            emit_post_migrate_signal(verbosity=0, interactive=False, db=name)

    TransactionTestCase._fixture_teardown = empty_the_tables
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def production_hasher(settings):
    """For accounts that a process with production settings signs in to."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back rows must not live on in cached pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Each test starts in the default language: a request to /tr/ leaves Turkish active in
    the thread (LocaleMiddleware activates and never deactivates), and addresses built after
    it (get_absolute_url) would carry /tr/."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def seeded(db):
    """The full seed story (ADEX 2024), as the real command loads it (see load_seed_story)."""
    load_seed_story()


def load_seed_story() -> None:
    """`manage.py load_seeds`, run for real the first time in this process; later tests get
    the very rows it wrote copied back (COPY), which is the same database state in a fraction
    of the time: the load, whose every write goes through the services, took seconds per test.

    The copy is kept only when the load added rows with new ids and changed nothing that was
    there before; otherwise every test runs the command. tests/seeds/ runs the command itself.
    """
    global _seed_rows
    from django.db import connection, transaction

    if _seed_rows:
        # One transaction: the foreign keys (deferred) are checked once every table is back.
        with transaction.atomic(), connection.cursor() as cursor:
            tables = _tables_with_serial_ids()
            for table, columns, data in _seed_rows:
                with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                    copy.write(data)
                pk, serial = tables[table]
                if serial:
                    # Sequences are not rolled back with a test, and a restore sets them back
                    # (import_archive): the next id must come after the copied ones.
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, %s), greatest("
                        f'(SELECT max("{pk}") FROM "{table}"),'
                        " (SELECT last_value FROM pg_sequences WHERE schemaname || '.' || "
                        "sequencename = pg_get_serial_sequence(%s, %s))))",
                        [f'"{table}"', pk, f'"{table}"', pk],
                    )
        return
    tables = _tables_with_serial_ids()
    with connection.cursor() as cursor:
        before = {table: _extent(cursor, table, *key) for table, key in tables.items()}
        newest_xid = max(xid for _, _, xid in before.values())
        call_command("load_seeds", verbosity=0)
        if _seed_rows is None:
            _seed_rows = _rows_added(cursor, tables, before, newest_xid)


# None: not tried yet in this process; []: not reusable (every test runs the command).
_seed_rows: list[tuple[str, str, bytes]] | None = None


def _tables_with_serial_ids() -> dict[str, tuple[str, bool]]:
    """Every table of the project's models: its primary key column, and whether it is serial."""
    from django.apps import apps

    tables = {}
    for model in apps.get_models(include_auto_created=True):
        pk = model._meta.pk
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.db_table] = (pk.column, "AutoField" in pk.get_internal_type())
    return tables


def _extent(cursor, table: str, pk: str, serial: bool) -> tuple[int, int, int]:
    """Rows, highest id (serial keys only), newest writing transaction (xmin) of a table."""
    top = f'coalesce(max("{pk}"), 0)' if serial else "0"
    cursor.execute(f'SELECT count(*), {top}, coalesce(max(xmin::text::bigint), 0) FROM "{table}"')
    return cursor.fetchone()


def _rows_added(cursor, tables, before, newest_xid) -> list[tuple[str, str, bytes]]:
    """The rows the load added, table by table; [] when it changed or deleted a row that was
    there before, or when its rows can't be told from earlier ones (then nothing is copied).

    A serial table's new rows are those above the highest id seen before; any other table's
    (keyed by name, as the pair figures are) those written by a newer transaction.
    """
    rows = []
    for table, (pk, serial) in tables.items():
        count, top, _ = before[table]
        new = f'"{pk}" > {int(top)}' if serial else f"xmin::text::bigint > {int(newest_xid)}"
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE {new}),"
            f" count(*) FILTER (WHERE NOT ({new}) AND xmin::text::bigint > %s),"
            f' count(*) FROM "{table}"',
            [newest_xid],
        )
        added, rewritten, total = cursor.fetchone()
        if rewritten or total != count + added:
            return []  # rows there before were changed or deleted: not a plain addition
        if added:
            # Generated columns (search vectors) are computed again on the way back in.
            cursor.execute(
                "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute"
                " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped"
                " AND attgenerated = ''",
                [f'"{table}"'],
            )
            columns = cursor.fetchone()[0]
            query = f'COPY (SELECT {columns} FROM "{table}" WHERE {new}) TO STDOUT'
            with cursor.copy(query) as copy:
                rows.append((table, columns, b"".join(bytes(block) for block in copy)))
    return rows


@pytest.fixture
def browser_for(django_app):
    """A django-webtest app of its own (cookies, session) logged in as user: one per editor."""
    from django_webtest import DjangoTestApp

    def open_for(user):
        app = DjangoTestApp(extra_environ=dict(django_app.extra_environ))
        app.set_user(user)
        return app

    return open_for


# Who works at the desk, shared by every app's admin tests.


def _desk_editor(django_user_model, username: str):
    from django.contrib.auth.models import Group

    from core.editors import EDITORS_GROUP, ensure_editors_group

    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """A desk editor: staff, in the Editors group, and not a superuser."""
    user = _desk_editor(django_user_model, "desk")
    assert not user.is_superuser
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def desk(django_app, editor):
    """The editor at the admin through django-webtest: pages parsed, forms submitted as shown."""
    django_app.set_user(editor)
    return django_app


@pytest.fixture
def two_desks(db, django_user_model, browser_for):
    """Two desk editors, each at the admin in a browser of their own (django-webtest)."""
    return [
        browser_for(_desk_editor(django_user_model, name))
        for name in ("first-editor", "second-editor")
    ]


# A partner of the API, shared by the partners, exchange and acceptance tests.


@pytest.fixture
def partner(db):
    from partners.models import Partner

    return Partner.objects.create(name="Caucasus Desk", requests_per_minute=1000)


@pytest.fixture
def raw_key(partner):
    from partners.models import api_key_create

    return api_key_create(partner=partner, label="tests")[1]


@pytest.fixture
def api(raw_key):
    """An API client with the partner's key (the throttle's counts start empty: _fresh_cache)."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client
