"""The reader site's three interface languages: complete catalogues, no string left out of
them, and pages that speak the language of their address (/ English, /az/, /tr/)."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ("az", "tr")
# The source the catalogues are extracted from: the project, less what is not its own.
NOT_SOURCE = {".venv", ".cache", ".git", "node_modules", "staticfiles", "locale", "tests", "docs"}
EXTRACT_IGNORE = [".venv/*", ".cache/*", "staticfiles/*", "tests/*", "node_modules/*"]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 200  # the whole interface, not a stub
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    # Not English copied across: the navigation and footer read in the language.
    same = [e.msgid for e in po if e.msgstr == e.msgid and len(e.msgid) > 12]
    assert same == []
    # Placeholders survive translation (a lost %(name)s would raise at render time).
    for entry in po:
        wanted = sorted(re.findall(r"%\(\w+\)s", entry.msgid))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert sorted(re.findall(r"%\(\w+\)s", text)) == wanted, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    for entry in po:
        assert compiled[(entry.msgctxt, entry.msgid)] == (
            entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
            if entry.msgid_plural
            else entry.msgstr
        ), entry.msgid


def test_extraction_finds_no_message_missing_from_the_catalogues(tmp_path, monkeypatch, settings):
    # makemessages over a copy of the source, into a scratch locale directory.
    for item in ROOT.iterdir():
        if item.name in NOT_SOURCE or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, tmp_path / item.name, ignore=shutil.ignore_patterns("*.pyc"))
        else:
            shutil.copy(item, tmp_path / item.name)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["az"], ignore_patterns=EXTRACT_IGNORE, verbosity=0)

    extracted = keys(polib.pofile(str(tmp_path / "locale/az/LC_MESSAGES/django.po")))
    assert len(extracted) > 200
    for language in LANGUAGES:
        assert extracted - keys(catalogue(language)) == set(), language


# What a reader sees of the interface on every page, per language.
INTERFACE = {
    "en": [
        "Articles",
        "Meetings",
        "Officials",
        "Skip to content",
        "Partner API",
        "Contact the editors",
    ],
    "az": [
        "Məqalələr",
        "Görüşlər",
        "Rəsmi şəxslər",
        "Məzmuna keçin",
        "Tərəfdaş API",
        "Redaktorlarla əlaqə",
    ],
    "tr": [
        "Makaleler",
        "Görüşmeler",
        "Yetkililer",
        "İçeriğe geç",
        "Ortak API",
        "Editörlerle iletişim",
    ],
}
PREFIX = {"en": "", "az": "/az", "tr": "/tr"}


@pytest.mark.parametrize("language", ["en", "az", "tr"])
@pytest.mark.parametrize(
    "path", ["/", "/articles/", "/meetings/hasanov-guler-talks-adex-2024/", "/officials/"]
)
def test_each_language_has_its_interface_alternates_and_switcher(seeded, client, language, path):
    response = client.get(PREFIX[language] + path)
    assert response.status_code == 200
    html = response.content.decode()

    assert f'<html lang="{language}">' in html
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    footer = html.split('<footer class="site-footer">', 1)[1]
    for text in INTERFACE[language][:3]:
        assert f">{text}</a>" in nav
    assert INTERFACE[language][3] in html
    for text in INTERFACE[language][4:]:
        assert text in footer
    for other, words in INTERFACE.items():
        if other != language and other != "en":
            assert words[0] not in nav  # no other language's nav leaks in

    # hreflang alternates: one per language and x-default, absolute, this same page.
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    )
    assert alternates == {
        "en": settings.SITE_URL + path,
        "x-default": settings.SITE_URL + path,
        "az": settings.SITE_URL + "/az" + path,
        "tr": settings.SITE_URL + "/tr" + path,
    }
    # The switcher: a plain link per language, the current one marked.
    switcher = html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*>([^<]+)</a>', switcher)
    assert links == [
        (path, "en", "English"),
        ("/az" + path, "az", "Azərbaycanca"),
        ("/tr" + path, "tr", "Türkçe"),
    ]
    assert re.search(rf'hreflang="{language}" lang="{language}" aria-current="true"', switcher)


def test_dates_and_numbers_follow_the_language(seeded, client):
    english = client.get("/meetings/hasanov-guler-talks-adex-2024/").content.decode()
    azerbaijani = client.get("/az/meetings/hasanov-guler-talks-adex-2024/").content.decode()
    turkish = client.get("/tr/meetings/hasanov-guler-talks-adex-2024/").content.decode()
    assert "September 2024" in english
    assert "Sentyabr 2024" in azerbaijani or "sentyabr 2024" in azerbaijani
    assert "Eylül 2024" in turkish
    # The content itself stays as written: the meeting's title is the same in all three.
    title = re.search(r"<h1>([^<]+)</h1>", english).group(1)
    assert f"<h1>{title}</h1>" in azerbaijani and f"<h1>{title}</h1>" in turkish


def test_who_met_whom_and_the_roles_are_in_the_readers_language(seeded, client):
    url = "meetings/hasanov-guler-talks-adex-2024/"
    english = client.get(f"/{url}").content.decode()
    azerbaijani = client.get(f"/az/{url}").content.decode()
    turkish = client.get(f"/tr/{url}").content.decode()
    assert "hosting" in english and ">Host<" in english and ">Talks" in english
    assert "hosting" not in azerbaijani and "hosting" not in turkish
    assert "qonaq" in azerbaijani and ">Qonaq<" in azerbaijani and ">Danışıqlar" in azerbaijani
    assert "konuk" in turkish and ">Konuk<" in turkish and ">Görüşmeler" in turkish


@pytest.mark.parametrize(
    "language, heading",
    [
        ("en", "Azerbaijan–Türkiye relations"),
        ("az", "Azərbaycan–Türkiyə münasibətləri"),
        ("tr", "Azerbaycan–Türkiye ilişkileri"),
    ],
)
def test_countries_are_named_in_the_readers_language(seeded, client, language, heading):
    """Azerbaijani country names come from config/countries_locale (django-countries has none),
    Turkish ones from django-countries itself."""
    html = client.get(f"{PREFIX[language]}/relations/az-tr/").content.decode()
    assert f"<h1>{heading}</h1>" in html


def test_the_country_names_catalogue_is_compiled():
    folder = ROOT / "config" / "countries_locale" / "az" / "LC_MESSAGES"
    po, mo = polib.pofile(str(folder / "django.po")), polib.mofile(str(folder / "django.mo"))
    assert len(po) > 150 and not po.untranslated_entries()
    assert {e.msgid: e.msgstr for e in po} == {e.msgid: e.msgstr for e in mo}


def test_form_errors_are_in_the_readers_language(seeded, client):
    html = client.get("/tr/meetings/?pair=az-az").content.decode()
    assert "İki farklı ülke seçin." in html
    html = client.get("/az/meetings/?pair=az-az").content.decode()
    assert "İki fərqli ölkə seçin." in html


def test_english_addresses_are_unchanged_and_unprefixed_english_is_not_served_twice(seeded, client):
    assert client.get("/articles/").status_code == 200
    assert client.get("/en-gb/articles/").status_code == 404
    assert client.get("/az/api/").status_code == 404  # the partner API has one language


def test_open_graph_locale_and_search_speak_the_language(seeded, client):
    assert '<meta property="og:locale" content="tr_TR">' in client.get("/tr/").content.decode()
    assert '<meta property="og:locale" content="en_GB">' in client.get("/").content.decode()
    html = client.get("/az/search/?q=Guler").content.decode()
    assert '<html lang="az">' in html and "Arxivdə axtarış" in html


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "en-gb"), ("/articles/", "en-gb"), ("/tr/", "tr"), ("/az/articles/", "az")],
)
def test_the_address_alone_chooses_the_language_and_answers_say_so(seeded, client, path, language):
    # A Turkish browser with an Azerbaijani cookie: neither changes what an address answers.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "az"
    response = client.get(path, headers={"accept-language": "tr,az;q=0.8"})

    assert response.status_code == 200
    assert response["Content-Language"] == language
    # So shared caches are not told to keep a copy per browser language.
    assert "accept-language" not in response.get("Vary", "").lower()


def test_the_partner_api_does_not_vary_by_the_browsers_language(seeded, client):
    from partners.models import Partner, api_key_create

    raw = api_key_create(partner=Partner.objects.create(name="Desk"), label="vary")[1]
    response = client.get(
        "/api/v1/articles/", headers={"authorization": f"Bearer {raw}", "accept-language": "tr"}
    )

    assert response.status_code == 200
    assert "accept-language" not in response.get("Vary", "").lower()


LISTS = (
    "/articles/",
    "/meetings/",
    "/officials/",
    "/organisations/",
    "/exhibitions/",
    "/delegations/",
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filter_menus_speak_the_language(seeded, client, language):
    def blank_choices(path: str) -> set[str]:
        html = client.get(path).content.decode()
        return set(re.findall(r'<option value=""[^>]*>([^<]*)</option>', html))

    for path in LISTS:
        english = blank_choices(path)
        translated = blank_choices(f"/{language}{path}")
        assert english and translated, path
        assert english & translated == set(), path  # e.g. "Any country" left in English


# Pages whose links to other pages come from stored parts (cards, the article's and the
# meeting's own parts) and from the templates rendered with the request.
LINKING_PAGES = (
    "/articles/azerbaijan-turkiye-defence-talks-adex-2024/",
    "/meetings/hasanov-ssb-delegation-adex-2024/",
    "/meetings/",
    "/officials/yasar-guler/",
    "/relations/az-tr/",
)
DETAIL_SECTIONS = ("officials", "organisations", "delegations", "exhibitions", "topics")


@pytest.mark.parametrize("path", LINKING_PAGES)
@pytest.mark.parametrize("language", ("en", *LANGUAGES))
def test_links_to_other_pages_stay_in_the_readers_language(seeded, client, language, path):
    """Under /az/ a link to an official leads to the official's page in Azerbaijani, whichever
    language the first page of the process, or the stored parts, were rendered in."""
    prefix = "" if language == "en" else f"/{language}"
    for other in ("az", "tr"):  # links reversed in other languages first
        client.get(f"/{other}{path}")
    html = client.get(f"{prefix}{path}").content.decode()
    sections = "|".join(DETAIL_SECTIONS)
    # The language switcher's links (with hreflang) lead to the other languages on purpose.
    links = re.findall(rf'href="((?:/[a-z]{{2}})?/(?:{sections})/[\w-]+/)"(?! hreflang)', html)
    assert links, "no links to detail pages"
    assert [link for link in links if not link.startswith(f"{prefix}/")] == []
    if not prefix:
        assert [link for link in links if link.startswith(("/az/", "/tr/"))] == []
