"""Load seed stories from seeds/data/*.json, idempotently.

Every record is looked up by its natural key (a slug, or the pair of keys that make a child
row unique) and written only when a value differs, so a second run writes no row, no history
entry and no new updated_at.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from articles.models import Article, ArticleCountry, Source, sanitise_body
from core import changes
from events.models import (
    Delegation,
    DelegationMember,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    Outcome,
    Participation,
    Topic,
)
from people.models import Organisation, OrganisationAlias, Person, PersonAlias, Position

DATA_DIR = Path(__file__).resolve().parent / "data"


class SeedError(Exception):
    """A seed file that cannot be loaded; the message names the file and the record."""


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.changed:
            return "Seeds already loaded: nothing changed."
        parts = [f"{n} {name} created" for name, n in sorted(self.created.items())]
        parts += [f"{n} {name} updated" for name, n in sorted(self.updated.items())]
        return "Seeds loaded: " + ", ".join(parts) + "."


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class _Loader:
    def __init__(self, report: SeedReport):
        self.report = report

    def upsert(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        obj = model.objects.filter(**lookup).first()
        name = model._meta.verbose_name_plural
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.report.created[name] += 1
            return obj
        changed = [key for key, value in values.items() if getattr(obj, key) != value]
        if changed:
            for key in changed:
                setattr(obj, key, values[key])
            obj.full_clean()
            obj.save()
            self.report.updated[name] += 1
        return obj

    def set_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        manager = getattr(obj, name)
        wanted = {t.pk for t in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            self.report.updated[f"{obj._meta.verbose_name} {name}"] += 1

    @staticmethod
    def by_slug(model: type[models.Model], slug: str | None) -> models.Model | None:
        if not slug:
            return None
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise SeedError(
                f"{model._meta.verbose_name} '{slug}' is referenced but not defined"
            ) from None

    def many(self, model: type[models.Model], slugs: list[str]) -> list[models.Model]:
        return [self.by_slug(model, slug) for slug in slugs]

    def load(self, data: dict) -> None:
        for t in data.get("topics", []):
            self.upsert(
                Topic,
                {"slug": t["slug"]},
                {"name": t["name"], "description": t.get("description", "")},
            )
        for o in data.get("organisations", []):
            self.load_organisation(o)
        for p in data.get("people", []):
            self.load_person(p)
        for s in data.get("sources", []):
            self.upsert(
                Source,
                {"slug": s["slug"]},
                {
                    "name": s["name"],
                    "acronym": s.get("acronym", ""),
                    "organisation": self.by_slug(Organisation, s.get("organisation")),
                    "website": s.get("website", ""),
                    "country": s.get("country", ""),
                },
            )
        for s in data.get("exhibition_series", []):
            self.upsert(
                ExhibitionSeries,
                {"slug": s["slug"]},
                {
                    "name": s["name"],
                    "acronym": s.get("acronym", ""),
                    "website": s.get("website", ""),
                },
            )
        for e in data.get("exhibitions", []):
            self.load_exhibition(e)
        meetings = data.get("meetings", [])
        for m in meetings:
            self.load_meeting(m)
        for d in data.get("delegations", []):
            self.load_delegation(d)
        # Participants may name a delegation, so they come after the delegations.
        for m in meetings:
            self.load_meeting_children(m)
        for a in data.get("articles", []):
            self.load_article(a)

    def load_organisation(self, o: dict) -> None:
        org = self.upsert(
            Organisation,
            {"slug": o["slug"]},
            {
                "name": o["name"],
                "acronym": o.get("acronym", ""),
                "kind": o["kind"],
                "country": o.get("country", ""),
                "parent": self.by_slug(Organisation, o.get("parent")),
                "website": o.get("website", ""),
            },
        )
        for alias in o.get("aliases", []):
            self.upsert(OrganisationAlias, {"organisation": org, "name": alias}, {})

    def load_person(self, p: dict) -> None:
        person = self.upsert(
            Person,
            {"slug": p["slug"]},
            {
                "name": p["name"],
                "honorific": p.get("honorific", ""),
                "country": p["country"],
                "wikidata_id": p.get("wikidata_id", ""),
            },
        )
        for alias in p.get("aliases", []):
            self.upsert(
                PersonAlias,
                {"person": person, "name": alias["name"]},
                {"kind": alias.get("kind", "transliteration")},
            )
        for pos in p.get("positions", []):
            self.upsert(
                Position,
                {
                    "person": person,
                    "organisation": self.by_slug(Organisation, pos["organisation"]),
                    "title": pos["title"],
                    "start_date": _date(pos.get("start_date")),
                },
                {
                    "end_date": _date(pos.get("end_date")),
                    "is_primary": pos.get("is_primary", True),
                    "single_holder": pos.get("single_holder", False),
                    "source_note": pos.get("source_note", ""),
                },
            )

    def load_exhibition(self, e: dict) -> None:
        self.upsert(
            Exhibition,
            {"slug": e["slug"]},
            {
                "series": self.by_slug(ExhibitionSeries, e["series"]),
                "edition": e.get("edition"),
                "name": e["name"],
                "start_date": _date(e["start_date"]),
                "end_date": _date(e["end_date"]),
                "venue": e.get("venue", ""),
                "city": e["city"],
                "country": e["country"],
                "organiser": self.by_slug(Organisation, e.get("organiser")),
                "website": e.get("website", ""),
            },
        )

    def load_meeting(self, m: dict) -> None:
        meeting = self.upsert(
            Meeting,
            {"slug": m["slug"]},
            {
                "title": m["title"],
                "kind": m["kind"],
                "cameo_code": m["cameo_code"],
                "date": _date(m["date"]),
                "end_date": _date(m.get("end_date")),
                "date_precision": m.get("date_precision", "exact"),
                "host_country": m["host_country"],
                "guest_country": m["guest_country"],
                "third_location": m.get("third_location", False),
                "venue": m.get("venue", ""),
                "city": m.get("city", ""),
                "place_country": m.get("place_country", ""),
                "exhibition": self.by_slug(Exhibition, m.get("exhibition")),
                "summary": m.get("summary", ""),
                "verification": m.get("verification", "unverified"),
                # The seed story is public: its meetings are published unless the data says
                # otherwise, at a fixed time so a second load changes nothing.
                "status": m.get("status", "published"),
                "published_at": _datetime(m.get("published_at"))
                or (
                    _noon(_date(m["date"])) if m.get("status", "published") == "published" else None
                ),
            },
        )
        self.set_m2m(meeting, "topics", self.many(Topic, m.get("topics", [])))

    def load_meeting_children(self, m: dict) -> None:
        meeting = self.by_slug(Meeting, m["slug"])
        for part in m.get("participants", []):
            person = self.by_slug(Person, part["person"])
            self.upsert(
                Participation,
                {"meeting": meeting, "person": person},
                {
                    "role": part["role"],
                    "side": part.get("side") or person.country,
                    "delegation": self.by_slug(Delegation, part.get("delegation")),
                },
            )
        for out in m.get("outcomes", []):
            outcome = self.upsert(
                Outcome,
                {"meeting": meeting, "title": out["title"]},
                {
                    "kind": out["kind"],
                    "description": out.get("description", ""),
                    "count": out.get("count"),
                    "signed_on": _date(out.get("signed_on")),
                },
            )
            self.set_m2m(outcome, "parties", self.many(Organisation, out.get("parties", [])))

    def load_delegation(self, d: dict) -> None:
        delegation = self.upsert(
            Delegation,
            {"slug": d["slug"]},
            {
                "name": d["name"],
                "country": d["country"],
                "organisation": self.by_slug(Organisation, d.get("organisation")),
                "head": self.by_slug(Person, d.get("head")),
            },
        )
        for member in d.get("members", []):
            self.upsert(
                DelegationMember,
                {"delegation": delegation, "person": self.by_slug(Person, member["person"])},
                {"note": member.get("note", "")},
            )
        self.set_m2m(delegation, "meetings", self.many(Meeting, d.get("meetings", [])))

    def load_article(self, a: dict) -> None:
        body = a["body"]
        if isinstance(body, list):
            body = "\n".join(f"<p>{paragraph}</p>" for paragraph in body)
        article = self.upsert(
            Article,
            {"slug": a["slug"]},
            {
                "headline": a["headline"],
                "dateline_place": a.get("dateline_place", ""),
                "dateline_date": _date(a.get("dateline_date")),
                "dateline_precision": a.get("dateline_precision", "exact"),
                "standfirst": a.get("standfirst", ""),
                # Compared in its stored (sanitised) form, or every run would rewrite it.
                "body": sanitise_body(body),
                "byline": a.get("byline", ""),
                "source": self.by_slug(Source, a.get("source")),
                "source_url": a.get("source_url", ""),
                "language": a.get("language", "en"),
                "status": a.get("status", "draft"),
                "published_at": _datetime(a.get("published_at")),
            },
        )
        for name, model in (
            ("people", Person),
            ("organisations", Organisation),
            ("meetings", Meeting),
            ("exhibitions", Exhibition),
            ("topics", Topic),
        ):
            self.set_m2m(article, name, self.many(model, a.get(name, [])))
        for code in a.get("countries", []):
            self.upsert(ArticleCountry, {"article": article, "country": code}, {})


def seed_files(directory: Path = DATA_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def load_seeds(*, paths: list[Path] | None = None) -> SeedReport:
    """Load every seed file in one transaction: all of it, or nothing on any error."""
    report = SeedReport()
    loader = _Loader(report)
    with transaction.atomic():
        for path in paths if paths is not None else seed_files():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise SeedError(f"{path.name}: not valid UTF-8 JSON ({exc})") from exc
            try:
                loader.load(data)
            except SeedError as exc:
                raise SeedError(f"{path.name}: {exc}") from exc
            except KeyError as exc:
                raise SeedError(f"{path.name}: a record lacks the field {exc}") from exc
            except ValidationError as exc:
                raise SeedError(f"{path.name}: a record is invalid: {exc}") from exc
        # The loader writes rows directly (an upsert by slug); their documents follow here,
        # in the same transaction, and a second load changes none of them.
        changes.publish_all()
    return report
