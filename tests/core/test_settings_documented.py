"""Every setting read from the environment is in .env.example and the README (issue 4)."""

import re

from django.conf import settings

ROOT = settings.BASE_DIR
# os.environ.get("X", ...), os.environ["X"], env_bool("X", ...), env_list("X", ...)
READ = re.compile(r"""(?:environ(?:\.get)?[(\[]|env_\w+\()\s*["']([A-Z][A-Z0-9_]+)["']""")


def _variables() -> set[str]:
    return set(READ.findall((ROOT / "config" / "settings.py").read_text()))


def test_the_pattern_finds_the_settings_variables():
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_API_PAGE_SIZE"} <= _variables()


def test_every_environment_setting_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    missing = sorted(name for name in _variables() if f"{name}=" not in example)
    assert not missing, f".env.example lacks {missing}"


def test_every_environment_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = sorted(name for name in _variables() if f"`{name}`" not in readme)
    assert not missing, f"README.md lacks {missing}"
