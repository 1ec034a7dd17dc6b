"""The entity layer: who and what an article names.

Layers, highest precedence first, so that a domain layer always wins over spaCy's generic labels
("Iskander-M" is a weapon system, whatever spaCy's ORG says):
1. weapon systems (gazetteer and designation patterns),
2. armed forces, ministries, alliances and other IGOs (patterns),
3. dates (the TIMEX3 normaliser, anchored on the publication date),
4. people (spaCy PERSON) with roles from titles and appositions, later mentions linked to the first,
   and, where the text gives none, the role and country held on the article's date (office holders),
5. countries from names, demonyms and capitals acting as governments (ISO-3166 alpha-3),
6. places (geocoded offline) and remaining spaCy organisations.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from wirebrief.analyze.countries import (
    IGO_CODES,
    country_code,
    country_name,
    is_capital,
    is_metonym,
)
from wirebrief.analyze.facilities import facility_mentions
from wirebrief.analyze.groups import group_entity
from wirebrief.analyze.name_shapes import (
    common_word_people,
    is_dateline,
    is_facility_name,
    is_time_zone,
    names_no_one,
)
from wirebrief.analyze.office_holders import apply_office_roles, eponymous_governments
from wirebrief.analyze.operations import find_operations
from wirebrief.analyze.orgs import find_organisations, link_outlet_mentions, with_country_prefix
from wirebrief.analyze.people import assign_roles, link_person_mentions
from wirebrief.analyze.place_mentions import (
    LOCATIVE_BEFORE_RE,
    NEAR_BEFORE_RE,
    feature_mentions,
    is_locative,
    place_entity,
    region_mentions,
    strip_article,
    without_region_word,
)
from wirebrief.analyze.places import (
    geocode,
)
from wirebrief.analyze.spans import SpanSet
from wirebrief.analyze.story_time import written_day
from wirebrief.analyze.timex import find_timexes
from wirebrief.analyze.timex.tense import tense_oracle
from wirebrief.analyze.weapons import find_weapon_systems
from wirebrief.analyze.weapons.discourse import one_sense_per_discourse
from wirebrief.analyze.weapons.gazetteer import CONTEXT_WORDS
from wirebrief.analyze.weapons.mentions import tidy_weapon_mentions
from wirebrief.models import Entity, EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from wirebrief.analyze.linear import LinearModel
    from wirebrief.analyze.ner import TaggedSpan

# v22: news outlets, IGO officers; v23: governments named after their leader; v24: an undated
# text's offices held on the latest full day it writes; v25: an undated lone surname takes its
# office holders' one country when the text names it
ENTITY_LAYER_NAME = "analyze.entities.v25"


@functools.cache
def entity_layer_name() -> str:
    """The layer's name with a hash of the data and model files it reads (gazetteers, office
    holders, organisations, the learned tagger): it changes whenever they do, so `reanalyse`
    can tell what is stale."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    data = resources.files("wirebrief.analyze").joinpath("data")
    for item in sorted(data.iterdir(), key=lambda x: x.name):
        if item.is_file():
            h.update(item.name.encode())
            h.update(item.read_bytes())
    return f"{ENTITY_LAYER_NAME}+{h.hexdigest()[:10]}"

# Lower number wins an overlap.
_PRECEDENCE = {
    "weapon": 0,
    "org_pattern": 1,
    "domain": 2,
    "date": 3,
    "feature": 4,  # "the Sea of Japan" over the country "Japan" inside it
    "person": 5,
    "country": 6,
    "place": 7,
    "org_model": 8,
    "group": 9,  # last: a group never displaces any other reading of a name
}
def extract_entities(doc: Doc, published: date | None = None,
                     tagger: LinearModel | None = None) -> list[Entity]:
    """All entity mentions in a parsed document, non-overlapping, sorted by offset. `tagger`
    replaces the shipped domain tagger (cross-validation)."""
    text = doc.text
    ranked: list[tuple[int, Entity]] = []
    ranked += [(_PRECEDENCE["weapon"], e) for e in find_weapon_systems(text)]
    ranked += [(_PRECEDENCE["org_pattern"], e) for e in find_organisations(text)]
    dates = find_timexes(text, published, tense=tense_oracle(doc))
    ranked += [(_PRECEDENCE["date"], e) for e in dates]
    # who held which office: on the publication day, else on the latest day the text writes
    on = published or written_day(dates)
    # "the Biden administration": the leader, where the model reads no name there
    ranked += [(_PRECEDENCE["person"], e) for e in eponymous_governments(text, on)]
    from wirebrief.analyze.ner import tag_spans

    tagged = tag_spans(doc, tagger)
    ranked += [(p, e) for p, e in _from_model(doc, _generic_mentions(doc, tagged))]
    ranked += [(_PRECEDENCE["domain"], e) for e in [*_domain(doc, tagged), *find_operations(text)]]
    ranked += [(_PRECEDENCE["place"], e) for e in region_mentions(text)]
    # A known feature wins over the country inside its name; an unknown "Michael Bay" does not
    # win over spaCy's person.
    ranked += [(_PRECEDENCE["feature" if e.lat is not None else "place"], e)
               for e in feature_mentions(text)]
    # "Hodeidah port", "Ambala airbase": the facility, not the town inside its name
    ranked += [(_PRECEDENCE["feature"], e) for e in facility_mentions(text)]
    chosen = _resolve_overlaps(ranked)
    chosen = without_region_word(_consistent_places(chosen))
    chosen = tidy_weapon_mentions(text, sorted(chosen, key=lambda e: (e.start, e.end)))
    chosen = with_country_prefix(text, chosen)
    # A weapon name the article confirms once is a weapon wherever the article repeats it.
    chosen = one_sense_per_discourse(text, chosen, CONTEXT_WORDS)
    chosen = assign_roles(text, chosen)
    # Full names first, so "the minister" and later surnames link to a role the data gives.
    chosen = apply_office_roles(chosen, on, surnames=False)
    chosen = link_person_mentions(text, chosen)
    chosen = link_outlet_mentions(chosen)
    # undated: a lone surname may take the country of its office holders if the text names it
    named = frozenset() if on is not None else frozenset(
        e.country for e in chosen if e.type is EntityType.COUNTRY and e.country)
    chosen = apply_office_roles(chosen, on, named=named)
    # a clock time's zone is no one: "1700 hours Indian Standard Time", "(AEDT)"
    chosen = [e for e in chosen if e.type not in _NAME_TYPES or not is_time_zone(e.text)]
    return sorted(_without_common_words(doc, chosen), key=lambda e: (e.start, e.end))


_NAME_TYPES = frozenset((EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE))


def _without_common_words(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """Entities less the one-word people that are an ordinary word opening a sentence."""

    def opens(start: int) -> bool:  # the parse's sentence start, past quotes and brackets
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return False
        k = span[0].i
        while k > 0 and not doc[k].is_sent_start and (doc[k - 1].is_punct or doc[k - 1].is_space):
            k -= 1
        return k == 0 or bool(doc[k].is_sent_start)

    ones = [e for e in entities if e.type is EntityType.PERSON and " " not in e.text.strip()]
    one_ids = {id(e) for e in ones}
    names = [e.text for e in entities if e.type in _NAME_TYPES and id(e) not in one_ids]
    names += [e.text for e in ones if not opens(e.start)]
    drop = common_word_people(doc.text, [(e.start, e.end) for e in ones], names, opens)
    gone = {id(ones[k]) for k in drop}
    return [e for e in entities if id(e) not in gone]


_GEO_HEADS = frozenset(
    [
        "channel",
        "strait",
        "straits",
        "sea",
        "gulf",
        "bay",
        "ocean",
        "river",
        "mountains",
        "peninsula",
        "island",
        "islands",
        "lake",
        "desert",
        "valley",
        "region",
        "oblast",
        "province",
        "plateau",
        "coast",
        "basin",
        "canal",
    ]
)
def _domain(doc: Doc, tagged: list[TaggedSpan]) -> list[Entity]:
    """Weapon systems, named ships, military units, operations and facilities from the learned
    tagger (`analyze.ner`): they win over spaCy's generic labels (a destroyer is not a person,
    an exercise is not a city) but not over the weapon gazetteer or the organisation patterns,
    which also know the canonical name and country."""
    text = doc.text
    out: list[Entity] = []
    for sp in tagged:
        surface = text[sp.start : sp.end].strip(" \t\n\"'“”‘’()[],;:")
        if not surface or len(surface) < 2:
            continue
        start = sp.start + text[sp.start : sp.end].index(surface)
        end = start + len(surface)
        name = strip_article(surface)
        if sp.label in ("WEAPON", "VESSEL"):
            out.append(Entity(text=surface, type=EntityType.WEAPON_SYSTEM, canonical=name,
                              start=start, end=end, subtype="vessel" if sp.label == "VESSEL"
                              else None, source="model"))
        elif sp.label == "MILITARY_UNIT":
            country = next((c for c in (country_code(w) for w in name.split()) if c), None)
            out.append(Entity(text=surface, type=EntityType.ORGANIZATION, canonical=name,
                              start=start, end=end, subtype="unit", country=country,
                              source="model"))
        elif sp.label == "OPERATION":
            out.append(Entity(text=surface, type=EntityType.OPERATION, canonical=name,
                              start=start, end=end, source="model"))
        elif sp.label == "FACILITY":
            out.append(place_entity(text, surface, start, end, "facility"))
    return out


_GENERIC_ORG_WORDS = frozenset(
    "defence defense ministry army navy government military council command forces office "
    "agency department parliament".split()
)
_RANK_RE = re.compile(
    r"^(?P<rank>(?:(?:Senior|Junior|Rear|Vice|Lieutenant|Major|Brigadier|Colonel|Lt\.|Maj\.|"
    r"Gen\.|Col\.|Adm\.|Brig\.)\s+)*(?:General|Admiral|Colonel|Major|Captain|Lieutenant|"
    r"Marshal|Commander|Sergeant|Brigadier|Gen\.|Col\.|Adm\.))\s+(?P<name>[A-Z][\w'-]+"
    r"(?:\s+[A-Z][\w'-]+){1,2})$"
)


def _rank_prefixed_person(surface: str) -> tuple[str, str] | None:
    m = _RANK_RE.match(surface)
    return (m.group("name"), m.group("rank").lower()) if m else None


def _surnames(entities: list[Entity]) -> frozenset[str]:
    """The last words of the article's full person names ("Gemayel" of "Pierre Gemayel")."""
    return frozenset(e.text.split()[-1] for e in entities
                     if e.type is EntityType.PERSON and " " in e.text)


def _as_surname(e: Entity, surnames: frozenset[str]) -> Entity:
    """A one-word place or organisation the model read that is the surname of a person the
    article names in full ("Lloyd Austin" ... "Dong and Austin discussed") is that person."""
    generic = (e.type is EntityType.PLACE and e.subtype in ("city", "region")
               or e.type is EntityType.ORGANIZATION and e.subtype == "other")
    if not generic or e.source != "model" or e.text not in surnames or country_code(e.text):
        return e
    return e.model_copy(update={"type": EntityType.PERSON, "canonical": e.text, "subtype": None,
                                "lat": None, "lon": None, "country": None, "precision": None})


def _consistent_places(entities: list[Entity]) -> list[Entity]:
    """One name, one reading: a place found once is a place everywhere, with its country; the
    surname of a person the article names in full is that person everywhere."""
    surnames = _surnames(entities)
    entities = [_as_surname(e, surnames) for e in entities]
    countries: dict[str, str | None] = {}
    for e in entities:
        # Only a place we are sure of (geocoded, or with its country stated) recasts other
        # mentions: spaCy calling "Yeltsin" a place once must not turn the man into a town.
        if e.type is EntityType.PLACE and (e.lat is not None or e.country):
            countries[e.canonical] = countries.get(e.canonical) or e.country
    out = []
    for e in entities:
        if e.type in (EntityType.PLACE, EntityType.PERSON) and e.text in countries:
            e = e.model_copy(
                update={
                    "type": EntityType.PLACE,
                    "canonical": e.text,
                    "country": e.country or countries[e.text],
                }
            )
        out.append(e)
    return out


# The learned tagger's generic labels, read as spaCy's.
_TAGGER_GENERIC = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP"}


def _generic_mentions(doc: Doc, tagged: list[TaggedSpan]) -> list[Span]:
    """People, organisations, countries, places and nationalities as the learned tagger reads
    them: it sees spaCy's own label among its features and corrects it where the training data
    disagree (a club named after its city is an organisation, a destroyer is not a person).
    spaCy's facilities are kept where the tagger names nothing over them."""
    out: list[Span] = []
    taken: set[int] = set()
    for sp in tagged:
        label = _TAGGER_GENERIC.get(sp.label)
        span = doc.char_span(sp.start, sp.end, label=label or sp.label)
        if span is None:
            continue
        taken.update(range(span.start, span.end))
        if label:
            out.append(span)
    out += [e for e in doc.ents if e.label_ == "FAC" and not taken & set(range(e.start, e.end))]
    return sorted(out, key=lambda e: e.start)


def _from_model(doc: Doc, mentions: Iterable[Span]) -> Iterable[tuple[int, Entity]]:
    text = doc.text
    for ent in mentions:
        label = ent.label_
        surface, start, end = _trim(ent)
        if not surface:
            continue
        last_word = surface.split()[-1].lower()
        if (
            label in {"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"}
            and last_word in _GEO_HEADS
            and len(surface.split()) > 1
            and not country_code(strip_article(surface))  # "Ivory Coast" is a country
            # A "person" named like a bay is one unless the gazetteer knows it ("Michael Bay").
            and (label != "PERSON" or geocode(strip_article(surface)) is not None)
        ):
            yield _PRECEDENCE["place"], place_entity(text, surface, start, end, "region")
            continue
        if label in {"ORG", "PERSON", "GPE", "NORP"} and is_facility_name(surface):
            yield _PRECEDENCE["place"], place_entity(text, surface, start, end, "facility")
            continue
        if (label in {"ORG", "PERSON"} or (label == "GPE" and is_capital(surface.title()))) \
                and is_dateline(text, start, end):
            # the dateline's city is where the story was filed, not the government there
            place = place_entity(text, surface, start, end, "city")
            yield _PRECEDENCE["place"], place.model_copy(update={"source": "dateline"})
            continue
        if (
            label in {"ORG", "PERSON"}
            and len(surface.split()) <= 2
            and is_locative(text, start)
            and not country_code(surface)
            and geocode(surface) is not None
        ):
            # spaCy's small model often calls a town a person or a firm: "near Rzeszow",
            # "at Rovajarvi". Only a name the gazetteer knows: "the killing of Khashoggi" and
            # "talks with Trump" name people.
            yield _PRECEDENCE["place"], place_entity(text, surface, start, end, "city")
            continue
        if label == "PERSON":
            surface, start = _without_titles(surface, start)
            if _looks_like_person(surface):
                yield (
                    _PRECEDENCE["person"],
                    Entity(
                        text=surface,
                        type=EntityType.PERSON,
                        canonical=surface,
                        start=start,
                        end=end,
                        source="model",
                    ),
                )
            continue
        if label in {"GPE", "NORP", "LOC", "FAC", "ORG"}:
            igo = IGO_CODES.get(surface) or IGO_CODES.get(strip_article(surface))
            if igo:
                yield (
                    _PRECEDENCE["org_pattern"],
                    Entity(
                        text=surface,
                        type=EntityType.ORGANIZATION,
                        canonical=igo,
                        start=start,
                        end=end,
                        subtype="igo",
                        source="model",
                    ),
                )
                continue
            code = country_code(strip_article(surface)) or country_code(surface)
            if code and label in {"GPE", "NORP", "ORG", "LOC"}:
                entity = _country_entity(text, surface, start, end, code, label)
                if entity is not None:
                    yield _PRECEDENCE["country"], entity
                    continue
            if label in {"GPE", "LOC", "FAC"}:
                yield (
                    _PRECEDENCE["place"],
                    place_entity(
                        text,
                        surface,
                        start,
                        end,
                        {"GPE": "city", "LOC": "region", "FAC": "facility"}[label],
                    ),
                )
            elif label == "ORG" and _rank_prefixed_person(surface) is not None:
                # spaCy reads "Major General Dmitry Lavrenko" as an organisation.
                name, role = _rank_prefixed_person(surface)  # type: ignore[misc]
                offset = surface.index(name)
                yield (
                    _PRECEDENCE["person"],
                    Entity(
                        text=name,
                        type=EntityType.PERSON,
                        canonical=name,
                        start=start + offset,
                        end=start + offset + len(name),
                        role=role,
                        source="model",
                    ),
                )
            elif label == "NORP":
                # an identity that names no state: "Shiite", "Kurdish", "Islamist"
                group = group_entity(surface, start, end)
                if group is not None:
                    yield _PRECEDENCE["group"], group
            elif label == "ORG" and (surface.lower() in _GENERIC_ORG_WORDS
                                     or names_no_one(surface)):
                continue
            elif label == "ORG":
                yield (
                    _PRECEDENCE["org_model"],
                    Entity(
                        text=surface,
                        type=EntityType.ORGANIZATION,
                        canonical=strip_article(surface),
                        start=start,
                        end=end,
                        subtype="other",
                        source="model",
                    ),
                )


def _country_entity(
    text: str, surface: str, start: int, end: int, code: str, label: str
) -> Entity | None:
    canonical = country_name(code) or surface
    bare = strip_article(surface)
    if is_metonym(bare) and not is_capital(bare) and " " in bare:
        # "the White House", "the State Department", "Downing Street": a government's own
        # body, named as the guide names it (an organisation), that still speaks for its country
        return Entity(text=surface, type=EntityType.ORGANIZATION,
                      canonical=f"{bare} ({canonical})", start=start, end=end, country=code,
                      subtype="government", source="model")
    if is_capital(strip_article(surface)):
        # A capital is the government when it acts ("Moscow said", "between Moscow and Minsk"),
        # a place when something happens in it ("talks in Minsk").
        if LOCATIVE_BEFORE_RE.search(text[max(0, start - 12) : start]):
            lat_lon = geocode(surface)
            return Entity(
                text=surface,
                type=EntityType.PLACE,
                canonical=surface,
                start=start,
                end=end,
                subtype="city",
                country=code,
                lat=lat_lon[0] if lat_lon else None,
                lon=lat_lon[1] if lat_lon else None,
                precision="near" if NEAR_BEFORE_RE.search(text[max(0, start - 40) : start])
                else "exact",
                source="model",
            )
        return Entity(
            text=surface,
            type=EntityType.COUNTRY,
            canonical=canonical,
            start=start,
            end=end,
            country=code,
            subtype="government",
            source="model",
        )
    subtype = (
        "adjective"
        if label == "NORP"
        or surface[:1].isupper()
        and surface.endswith(("ian", "ese", "ish", "ic", "i", "an"))
        and code != country_code(canonical)
        else None
    )
    return Entity(
        text=surface,
        type=EntityType.COUNTRY,
        canonical=canonical,
        start=start,
        end=end,
        country=code,
        subtype=subtype or "name",
        precision=None if subtype else "country",
        source="model",
    )


def _resolve_overlaps(ranked: list[tuple[int, Entity]]) -> list[Entity]:
    """Keep the highest-precedence, then longest, mention wherever mentions overlap."""
    ranked.sort(key=lambda pe: (pe[0], -(pe[1].end - pe[1].start), pe[1].start))
    taken = SpanSet()  # a scan of every span taken made long articles quadratic
    return [entity for _, entity in ranked if taken.add(entity.start, entity.end)]


def _trim(ent: Span) -> tuple[str, int, int]:
    """Drop possessive 's and surrounding punctuation from a spaCy span."""
    start, end = ent.start_char, ent.end_char
    surface = ent.text
    m = re.search(r"(?:['’]s|['’])$", surface)
    if m:
        end -= len(m.group(0))
        surface = surface[: len(surface) - len(m.group(0))]
    stripped = surface.strip(" \t\n\"'“”‘’()[],;:")
    stripped = stripped.split("\n")[0].rstrip()  # a name ends with its line
    if stripped.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$", stripped):
        stripped = stripped.rstrip(".")  # keep the final dot of "U.S." and "U.K."
    start += surface.find(stripped)
    m = _COMPOUND_RE.match(stripped)
    if m and country_code(m.group(1)):  # "U.S.-led", "Iranian-made": the country is the name
        stripped = m.group(1)
    return stripped, start, start + len(stripped)


# A name and a lower-case word joined by a hyphen into one adjective.
_COMPOUND_RE = re.compile(r"^(.+?)-[a-z]+$")


@functools.cache
def _role_words() -> frozenset[str]:
    from wirebrief.analyze.people import ROLE_NOUNS

    return frozenset(ROLE_NOUNS)


@functools.cache
def _titles() -> frozenset[str]:
    from importlib import resources

    data = resources.files("wirebrief.analyze").joinpath("data").joinpath("person_titles.txt")
    words = [w.strip() for w in data.read_text("utf-8").splitlines()]
    return frozenset(w for w in words if w and not w.startswith("#")) | {
        w.rstrip(".") for w in _role_words()}


def _without_titles(surface: str, start: int) -> tuple[str, int]:
    """A person's name without the titles before it ("Pope Francis", "Col B Santosh Babu",
    "Major General Bashir Magashi"), and its new start; the name keeps at least one word."""
    words = surface.split(" ")
    k = 0
    titles = _titles()
    while k < len(words) - 1 and words[k][:1].isupper() and words[k].rstrip(".").lower() in titles:
        k += 1
    if k == 0:
        return surface, start
    name = " ".join(words[k:])
    return name, start + surface.index(name)


def _looks_like_person(surface: str) -> bool:
    words = surface.split()
    if not words or len(words) > 5 or names_no_one(surface):
        return False
    if all(w.rstrip(".").lower() in _titles() for w in words):
        return False  # titles alone name no one: "Spokesperson", "Crown Prince", "Cmdr"
    if country_code(surface) or all(country_code(w) for w in words):
        return False  # "Bosnian Serbs" is a group of people, not a name
    return all(w[:1].isupper() for w in words if w.lower() not in {"de", "van", "von", "al", "bin"})


def entities_by_canonical(entities: Iterable[Entity]) -> dict[tuple[EntityType, str], list[Entity]]:
    """Group mentions of the same thing (for display and the store)."""
    groups: dict[tuple[EntityType, str], list[Entity]] = {}
    for entity in entities:
        groups.setdefault((entity.type, entity.canonical), []).append(entity)
    return groups
