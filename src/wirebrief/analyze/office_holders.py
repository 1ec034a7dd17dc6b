"""Who held which office when: a person's role and country on an article's date.

The data file `data/office_holders.tsv` lists heads of state and government, defence and foreign
ministers and chiefs of defence staff with the dates they held each office. An article that names
"Yasukazu Hamada" without a title, or writes only "Hamada" after no full name, gets the role and
country he held on the day it was published.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources

from wirebrief.models import Entity, EntityType

__all__ = [
    "Tenure",
    "apply_office_roles",
    "eponymous_governments",
    "load_office_holders",
    "lookup_office",
    "lookup_surname",
]

OFFICES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "defence_minister",
        "foreign_minister",
        "chief_of_staff",
        "other",
    }
)
# When one person holds two offices on a day (Putin, prime minister and not yet president), the
# first of these names the role.
_OFFICE_RANK = (
    "head_of_state",
    "head_of_government",
    "defence_minister",
    "foreign_minister",
    "chief_of_staff",
    "other",
)


@dataclass(frozen=True)
class Tenure:
    """One person in one office for one stretch of time (`end` exclusive, None while in office)."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    office: str
    title: str
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _key(name: str) -> str:
    """Case, accents, dots and hyphens ignored: "Volodymyr Zelenskyy" ~ "volodymyr zelenskyy"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


@functools.cache
def load_office_holders() -> tuple[Tenure, ...]:
    """Every tenure in the data file, in file order."""
    path = resources.files("wirebrief.analyze").joinpath("data/office_holders.tsv")
    out: list[Tenure] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, country, office, title, start, end = line.split("\t")
        out.append(
            Tenure(
                name=name,
                aliases=tuple(a for a in aliases.split(";") if a),
                country=None if country in ("", "-") else country,
                office=office,
                title=title,
                start=date.fromisoformat(start),
                end=date.fromisoformat(end) if end else None,
            )
        )
    return tuple(out)


@functools.cache
def _indexes() -> tuple[dict[str, list[Tenure]], dict[str, list[Tenure]]]:
    """Full names and aliases -> tenures; surnames (last word of the name) -> tenures."""
    by_name: dict[str, list[Tenure]] = {}
    by_surname: dict[str, list[Tenure]] = {}
    for tenure in load_office_holders():
        for form in (tenure.name, *tenure.aliases):
            by_name.setdefault(_key(form), []).append(tenure)
        words = _key(tenure.name).split()
        if len(words) > 1:
            by_surname.setdefault(words[-1], []).append(tenure)
    return by_name, by_surname


def _pick(tenures: list[Tenure], on: date | None) -> Tenure | None:
    if on is None:
        return None
    held = [t for t in tenures if t.held_on(on)]
    if not held:
        return None
    held.sort(key=lambda t: _OFFICE_RANK.index(t.office))
    return held[0]


def lookup_office(name: str, on: date | None) -> Tenure | None:
    """The office `name` held on `on` (None without a date or outside every tenure)."""
    return _pick(_indexes()[0].get(_key(name), []), on)


def lookup_surname(surname: str, on: date | None) -> Tenure | None:
    """The one office holder on `on` whose surname this is; None when none or several are."""
    tenures = _indexes()[1].get(_key(surname), [])
    held = [t for t in tenures if on is not None and t.held_on(on)]
    if len({t.name for t in held}) != 1:
        return None
    return _pick(held, on)


def _one_country(tenures: Iterable[Tenure]) -> str | None:
    """The country of all `tenures` when they share one, else None (no date needed)."""
    countries = {t.country for t in tenures}
    return countries.pop() if len(countries) == 1 else None


def _country_of(name: str) -> str | None:
    """A person's country when every tenure listed is in one country."""
    return _one_country(_indexes()[0].get(_key(name), []))


_MIN_SURNAME = 4  # "Li", "Kim", "Wu": too common to resolve alone


def _country_of_surname(surname: str) -> str | None:
    """The one country where every office holder with this surname held office, or None."""
    return _one_country(_indexes()[1].get(_key(surname), []))


def _title_words(title: str) -> frozenset[str]:
    """A title as a set of words, spelling and word order aside: "Defense Secretary" and
    "secretary of defence" are one title."""
    words = title.lower().replace("defense", "defence").replace("-", " ").split()
    return frozenset(w for w in words if w not in ("of", "the", "for"))


def _country_of_titled(surname: str, role: str) -> str | None:
    """Without a date: the country of the office holders with this surname who held the office
    the text gives them ("President Bush", "Foreign Minister Lavrov"), when that is one country."""
    wanted = _title_words(role)
    return _one_country(t for t in _indexes()[1].get(_key(surname), [])
                        if _title_words(t.title) == wanted)


def apply_office_roles(
    entities: list[Entity], published: date | None, surnames: bool = True,
    named: frozenset[str] = frozenset(),
) -> list[Entity]:
    """Fill a person's role and country from who held which office on the article's date.

    A full name (or a later mention already linked to it) takes the role and country it held on
    `published`; a lone surname with no full name in the article takes them only when exactly one
    office holder of that day has it, and the tagger's one-word "organisations" and places the
    gazetteer cannot place that are such a surname become that person ("Macron" read as a
    town). Without a date only the country is filled, and only when the person held
    office in one country alone; a lone surname needs the office written in the text ("President
    Putin"), held by that surname in one country alone. Roles written in the text are never
    replaced. With `surnames=False` only full names are looked up (a pass before later mentions
    are linked). Without a date, a lone surname that every office holder of that name held in
    one country takes that country when the text names it (`named`: "Putin" in a text that
    names Russia).
    """
    out: list[Entity] = []
    for entity in entities:
        if entity.type is EntityType.PERSON:
            if surnames or " " in entity.canonical:
                entity = _person(entity, published, named)
        elif (
            entity.source == "model"
            and (
                (entity.type is EntityType.ORGANIZATION and entity.subtype == "other")
                # a place the gazetteer could not place ("Austin" it can: it stays a place)
                or (entity.type is EntityType.PLACE and entity.lat is None)
            )
            and entity.text[:1].isupper()
            and not entity.text.isupper()
            and (surnames or " " in entity.text)
        ):
            entity = _org_as_person(entity, published)
        out.append(entity)
    return out


def _person(entity: Entity, published: date | None, named: frozenset[str] = frozenset()
            ) -> Entity:
    if entity.role and entity.country:
        return entity
    name = entity.canonical
    tenure = lookup_office(name, published)
    canonical = tenure.name if tenure else name  # "Zelenskyy" is Volodymyr Zelensky
    if tenure is None and " " not in name and len(name) >= _MIN_SURNAME:
        tenure = lookup_surname(name, published)
        if tenure is not None:
            canonical = tenure.name
    if tenure is None:
        country = _country_of(name)
        if country is None and entity.role and " " not in name and len(name) >= _MIN_SURNAME:
            country = _country_of_titled(name, entity.role)
        if (country is None and published is None and named and " " not in name
                and len(name) > _MIN_SURNAME):
            country = _country_of_surname(name)
            country = country if country in named else None
        if country is None or entity.country:
            return entity
        return entity.model_copy(update={"country": country})
    return entity.model_copy(
        update={
            "canonical": canonical,
            "role": entity.role or tenure.title,
            "country": entity.country or tenure.country,
            # an international organisation's officer speaks for no country
            "subtype": "igo" if tenure.country is None else entity.subtype,
        }
    )


def _org_as_person(entity: Entity, published: date | None) -> Entity:
    """The tagger's "organisation" or unplaced place that is an office holder's full name, or a
    surname unique that day."""
    if " " in entity.text:
        tenures = _indexes()[0].get(_key(entity.text), [])
        if not tenures:
            return entity
        tenure = _pick(tenures, published)
        name, country = tenures[0].name, tenure.country if tenure else _country_of(entity.text)
        role = tenure.title if tenure else None
    else:
        if len(entity.text) < _MIN_SURNAME + 1:
            return entity
        tenure = lookup_surname(entity.text, published)
        if tenure is None:
            return entity
        name, country, role = tenure.name, tenure.country, tenure.title
    return entity.model_copy(
        update={
            "type": EntityType.PERSON,
            "canonical": name,
            "subtype": "igo" if tenure is not None and tenure.country is None else None,
            "precision": None,
            "role": role,
            "country": country,
            "source": "office_holders",
        }
    )


_LEADERS = frozenset({"head_of_state", "head_of_government"})
# "the Biden administration", "the Netanyahu government", "the Assad regime": a capitalised
# word with a lower-case letter (checked ahead, and the word taken whole, so that a hostile
# 100,000-letter word costs one pass, not a quadratic backtrack)
_EPONYM_RE = re.compile(
    r"\b(?=[A-Z][\w-]*?[a-z])([A-Z][\w-]*+)(?:['’]s)?\s+"
    r"(?:administration|government|cabinet|regime|junta)\b"
)


def _leader(surname: str, on: date | None) -> tuple[Tenure, bool] | None:
    """The head of state or government with this surname, and whether in office on `on`: the
    one in office that day, else the one leader listed with that surname."""
    tenures = [t for t in _indexes()[1].get(_key(surname), []) if t.office in _LEADERS]
    held = [t for t in tenures if on is not None and t.held_on(on)]
    if len({t.name for t in held}) == 1:
        return held[0], True
    if len({t.name for t in tenures}) == 1:
        return tenures[0], False
    return None


def eponymous_governments(text: str, published: date | None) -> list[Entity]:
    """The leaders that name a government ("the Biden administration", "Netanyahu's
    government"): the person, found in the data by surname, with the country they led and, on
    a day in office, their title. The government is the name's head noun, which the event
    coder reads as the party."""
    out: list[Entity] = []
    for m in _EPONYM_RE.finditer(text):
        found = _leader(m.group(1), published)
        if found is None:
            continue
        tenure, in_office = found
        out.append(Entity(text=m.group(1), type=EntityType.PERSON, canonical=tenure.name,
                          start=m.start(1), end=m.end(1), country=tenure.country,
                          role=tenure.title if in_office else None, source="office_holders"))
    return out
