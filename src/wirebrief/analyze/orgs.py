"""Armed forces, ministries, units, governments and alliances, found by pattern.

spaCy's small model finds "the Belarusian Armed Forces" but cannot say it is Belarus's military,
and misses "Russia's Western Military District". These patterns name the body, its kind
(armed_forces, ministry, unit, government, alliance, igo) and its country; named forces, armed
groups, firms and further IGOs come from the data files read by `org_gazetteer`.
"""

from __future__ import annotations

import functools
import re

from wirebrief.analyze.countries import IGO_CODES, country_code, country_name, igo_name
from wirebrief.analyze.name_shapes import capitalised_word_before
from wirebrief.analyze.org_gazetteer import find_known_organisations
from wirebrief.models import Entity, EntityType

# Body -> (canonical body name, subtype). Longer forms are tried first.
_BODIES: dict[str, tuple[str, str]] = {
    "armed forces": ("Armed Forces", "armed_forces"),
    "defence forces": ("Defence Forces", "armed_forces"),
    "defense forces": ("Defence Forces", "armed_forces"),
    "self-defense forces": ("Self-Defense Forces", "armed_forces"),
    "military": ("Armed Forces", "armed_forces"),
    "army": ("Army", "armed_forces"),
    "ground forces": ("Ground Forces", "armed_forces"),
    "land forces": ("Land Forces", "armed_forces"),
    "navy": ("Navy", "armed_forces"),
    "naval forces": ("Navy", "armed_forces"),
    "air force": ("Air Force", "armed_forces"),
    "air forces": ("Air Force", "armed_forces"),
    "aerospace forces": ("Aerospace Forces", "armed_forces"),
    "air and air defence forces": ("Air and Air Defence Forces", "armed_forces"),
    "air and air defense forces": ("Air and Air Defence Forces", "armed_forces"),
    "marine corps": ("Marine Corps", "armed_forces"),
    "marines": ("Marines", "armed_forces"),
    "coast guard": ("Coast Guard", "armed_forces"),
    "national guard": ("National Guard", "armed_forces"),
    "special forces": ("Special Forces", "armed_forces"),
    "special operations forces": ("Special Operations Forces", "armed_forces"),
    "strategic rocket forces": ("Strategic Rocket Forces", "armed_forces"),
    "strategic missile forces": ("Strategic Rocket Forces", "armed_forces"),
    "airborne forces": ("Airborne Forces", "armed_forces"),
    "missile forces": ("Missile Forces", "armed_forces"),
    "border guard": ("Border Guard", "armed_forces"),
    "border guards": ("Border Guard", "armed_forces"),
    "revolutionary guards": ("Revolutionary Guards", "armed_forces"),
    "revolutionary guard corps": ("Revolutionary Guard Corps", "armed_forces"),
    "troops": ("Armed Forces", "armed_forces"),
    "forces": ("Armed Forces", "armed_forces"),
    "ministry of defence": ("Ministry of Defence", "ministry"),
    "ministry of defense": ("Ministry of Defence", "ministry"),
    "defence ministry": ("Ministry of Defence", "ministry"),
    "defense ministry": ("Ministry of Defence", "ministry"),
    "defense department": ("Department of Defense", "ministry"),
    "department of defense": ("Department of Defense", "ministry"),
    "ministry of national defence": ("Ministry of Defence", "ministry"),
    "ministry of national defense": ("Ministry of Defence", "ministry"),
    "national defense ministry": ("Ministry of Defence", "ministry"),
    "national defence ministry": ("Ministry of Defence", "ministry"),
    "ministry of foreign affairs": ("Ministry of Foreign Affairs", "ministry"),
    "foreign ministry": ("Ministry of Foreign Affairs", "ministry"),
    "foreign office": ("Ministry of Foreign Affairs", "ministry"),
    "state department": ("Department of State", "ministry"),
    "interior ministry": ("Ministry of Interior", "ministry"),
    "ministry of interior": ("Ministry of Interior", "ministry"),
    "ministry of internal affairs": ("Ministry of Interior", "ministry"),
    "emergencies ministry": ("Ministry of Emergency Situations", "ministry"),
    "general staff": ("General Staff", "unit"),
    "joint chiefs of staff": ("Joint Chiefs of Staff", "unit"),
    "security council": ("Security Council", "government"),
    "national security council": ("National Security Council", "government"),
    "government": ("Government", "government"),
    "cabinet": ("Cabinet", "government"),
    "parliament": ("Parliament", "government"),
    "intelligence service": ("Intelligence Service", "government"),
    "intelligence services": ("Intelligence Service", "government"),
    "northern fleet": ("Northern Fleet", "unit"),
    "pacific fleet": ("Pacific Fleet", "unit"),
    "black sea fleet": ("Black Sea Fleet", "unit"),
    "baltic fleet": ("Baltic Fleet", "unit"),
}
_DISTRICT = (
    r"(?:Western|Eastern|Southern|Northern|Central|Leningrad|Moscow|North-Western|North-Eastern)"
)
_UNIT_HEAD = (
    r"(?:Military District|Operational Command|Fleet|Command|Brigade|Division|Regiment|Corps|"
    r"Battalion|Army|Squadron|Flotilla)"
)
_COUNTRY_WORD = r"(?:U\.S\.|U\.K\.|US|UK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)??)"
# Armed forces and ministries are rarely capitalised consistently: match bodies case-insensitively,
# but require a country word before them (or a capitalised body) to keep precision.
_BODY_ALT = "|".join(re.escape(b) for b in sorted(_BODIES, key=len, reverse=True))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    with_country = re.compile(
        rf"(?P<art>\b[Tt]he\s+)?(?P<country>{_COUNTRY_WORD})(?P<poss>['’]s)?\s+"
        rf"(?P<body>(?i:{_BODY_ALT}))\b"
    )
    unit = re.compile(
        rf"(?P<art>\b[Tt]he\s+)?(?:(?P<country>{_COUNTRY_WORD})(?P<poss>['’]s)?\s+)?"
        rf"(?P<body>(?:(?<!\d)\d++(?:st|nd|rd|th)\s+(?:[A-Z][a-z]+\s+){{0,3}}{_UNIT_HEAD}|"
        rf"{_DISTRICT}\s+(?:Theat(?:er|re)\s+)?{_UNIT_HEAD}))\b"
    )
    of_country = re.compile(
        r"(?P<art>\b[Tt]he\s+)?(?P<body>Ministry of (?:National )?Defen[cs]e|Armed Forces|Ministry of Foreign "
        r"Affairs|General Staff(?: of the Armed Forces)?)\s+of\s+(?:the\s+)?(?P<country>"
        r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\b"
    )
    capitalised = re.compile(
        r"(?P<art>\b[Tt]he\s+)?(?P<body>Armed Forces|Ministry of (?:National )?Defen[cs]e|Defen[cs]e Ministry|"
        r"Foreign Ministry|General Staff|Pentagon|Kremlin)\b"
    )
    return with_country, unit, of_country, capitalised


# IGO names made of common words, which other bodies' names end with ("National Security
# Council", "Supreme National Security Council").
_COMMON_BODY_FORMS = frozenset(("Security Council", "General Assembly"))


@functools.cache
def _igo_re() -> re.Pattern[str]:
    forms = sorted((f for f in IGO_CODES if len(f) > 1), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


def find_organisations(text: str) -> list[Entity]:
    """Armed forces, ministries, units, governments and IGOs in `text`, possibly overlapping."""
    found: list[Entity] = []
    for m in _igo_re().finditer(text):
        before = (capitalised_word_before(text, m.start())
                  if m.group(0) in _COMMON_BODY_FORMS else None)
        if before and before not in IGO_CODES and before not in ("The", "A"):
            continue  # the end of another body's name: "National Security Council"
        code = IGO_CODES[m.group(0)]
        name = igo_name(code) or m.group(0)
        subtype = "alliance" if code in {"NATO", "CSTO", "CIS"} else "igo"
        if m.group(0).lower().startswith("the ") or code in {"NATO", "CSTO"}:
            subtype = "alliance" if code in {"NATO", "CSTO"} else subtype
        found.append(
            Entity(
                text=m.group(0),
                type=EntityType.ORGANIZATION,
                canonical=name,
                start=m.start(),
                end=m.end(),
                subtype=subtype,
                source="pattern",
            )
        )
    found += find_known_organisations(text)
    with_country, unit, of_country, capitalised = _patterns()
    for pattern in (with_country, unit):
        for m in pattern.finditer(text):
            found += _split_org_from_match(m)
    for m in of_country.finditer(text):
        entity = _org_from_match(m)
        if entity is not None:
            found.append(entity)
    for m in capitalised.finditer(text):
        body = m.group("body")
        start = m.start("art") if m.group("art") else m.start("body")
        if body in {"Kremlin", "Pentagon"}:
            code = "RUS" if body == "Kremlin" else "USA"
            found.append(
                Entity(
                    text=text[start : m.end()],
                    type=EntityType.ORGANIZATION,
                    canonical=f"{body} ({country_name(code)})",
                    start=start,
                    end=m.end(),
                    subtype="government" if body == "Kremlin" else "ministry",
                    country=code,
                    source="pattern",
                )
            )
            continue
        canon, subtype = _BODIES[body.lower()]
        found.append(
            Entity(
                text=text[start : m.end()],
                type=EntityType.ORGANIZATION,
                canonical=canon,
                start=start,
                end=m.end(),
                subtype=subtype,
                source="pattern",
            )
        )
    return found


def _split_org_from_match(m: re.Match[str]) -> list[Entity]:
    """ "Poland's Defence Ministry", "Russian forces": the country and its body as two mentions,
    as the annotation guide spans them ("Poland" and "Defence Ministry"); the body keeps the
    country, so "forces" is still Russia's armed forces."""
    entity = _org_from_match(m)
    if entity is None or entity.country is None or not m.group("country"):
        return [entity] if entity is not None else []
    country_text = m.group("country")
    name = country_name(entity.country) or country_text
    demonym = m.group("poss") is None and country_text.lower() != name.lower() and (
        country_text.endswith(_DEMONYM_ENDINGS))
    if (m.group("poss") is None and (demonym or entity.subtype == "armed_forces")
            and all(w[:1].isupper() for w in m.group("body").split())):
        # a body's own name: "the Indian Air Force", "Pakistan Navy", "Russian Defense Ministry"
        return [entity.model_copy(update={"start": m.start("country"),
                                          "text": m.string[m.start("country") : entity.end]})]
    start = m.start("country")
    country = Entity(
        text=m.string[start : m.end("country")],
        type=EntityType.COUNTRY,
        canonical=name,
        start=start,
        end=m.end("country"),
        country=entity.country,
        subtype="adjective" if demonym else "name",
        precision=None if demonym else "country",
        source="pattern",
    )
    body = entity.model_copy(update={"text": m.group("body"), "start": m.start("body")})
    return [country, body]


_DEMONYM_ENDINGS = ("ian", "ese", "ish", "ic", "i", "an", "ch", "ek")


def _org_from_match(m: re.Match[str]) -> Entity | None:
    country_text = m.group("country")
    code = country_code(country_text) if country_text else None
    if country_text and code is None:
        # "Western Military District" has no country word; anything else capitalised that is
        # not a country ("Monday troops") is not ours.
        if not re.match(_DISTRICT, country_text):
            return None
    body = m.group("body")
    key = body.lower()
    if key in _BODIES:
        canon, subtype = _BODIES[key]
        if key in {"troops", "forces", "military", "government"} and code is None:
            return None
    else:
        canon, subtype = body, "unit"
    if key in {"troops", "forces"} and m.group("poss") is None and not m.group("art"):
        # "Russian troops" is a fine armed-forces mention; keep it, it has a country.
        pass
    art = m.group("art")
    if country_text and m.start("country") > m.start("body"):
        # "Armed Forces of Ukraine": the body and its country are one name
        start, end = (m.start("art") if art else m.start("body")), m.end("country")
    else:
        start = m.start("art") if art else (m.start("country") if country_text
                                            else m.start("body"))
        end = m.end("body")
    surface = m.string[start:end]
    canonical = f"{canon} ({country_name(code)})" if code else canon
    return Entity(
        text=surface,
        type=EntityType.ORGANIZATION,
        canonical=canonical,
        start=start,
        end=end,
        subtype=subtype,
        country=code,
        source="pattern",
    )
# ruff: noqa: E501, SIM102  (data tables: one organisation a line)


# Kinds of body whose name takes its country's ("the US State Department", "the Russian
# Defence Ministry", "the Indian Air Force"), unlike a group or firm named in its own right.
_STATE_BODIES = frozenset(("ministry", "government", "armed_forces", "unit"))


def with_country_prefix(text: str, entities: list[Entity]) -> list[Entity]:
    """A state body named right after its country is one name with it ("US" + "State
    Department": "US State Department"), as the annotation guide spans it. `entities` are
    sorted by offset and do not overlap."""
    out: list[Entity] = []
    for e in entities:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type is EntityType.COUNTRY
            and e.type is EntityType.ORGANIZATION
            and e.subtype in _STATE_BODIES
            and text[prev.end : e.start] == " "
            and e.text[:1].isupper()
            and not e.text.lower().startswith("the ")
            and e.country in (None, prev.country)
        ):
            out[-1] = e.model_copy(update={
                "text": text[prev.start : e.end], "start": prev.start,
                "country": e.country or prev.country})
            continue
        out.append(e)
    return out


# Words that say what kind of outlet a name is, not which: "the Anatolia news agency" is
# "Anatolia" for short.
_OUTLET_WORDS = frozenset({"the", "news", "agency", "newspaper", "daily", "weekly", "paper",
                           "television", "tv", "radio", "channel", "service", "network"})


def link_outlet_mentions(entities: list[Entity]) -> list[Entity]:
    """A news outlet the article names in full is that outlet when it is named again for short:
    after "the Anatolia news agency reported", "Anatolia said" is the agency, not a person.
    Only a person reading is recast (a place of the same name stays a place); `entities` are
    sorted by offset."""
    short: dict[str, Entity] = {}
    out: list[Entity] = []
    for e in entities:
        if e.type is EntityType.ORGANIZATION and e.subtype == "media":
            words = [w for w in e.text.split() if w.lower() not in _OUTLET_WORDS]
            if words and len(words) < len(e.text.split()):
                short.setdefault(" ".join(words), e)
        elif e.type is EntityType.PERSON and e.text in short:
            org = short[e.text]
            e = e.model_copy(update={"type": EntityType.ORGANIZATION, "subtype": "media",
                                     "canonical": org.canonical, "country": org.country,
                                     "role": None})
        out.append(e)
    return out
