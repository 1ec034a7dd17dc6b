"""People and their roles: titles ("Russian defense minister Sergei Shoigu"), appositions
("Shoigu, the defense minister,"), and later mentions ("Shoigu", "the minister") linked
to the first.
"""

from __future__ import annotations

import re

from wirebrief.analyze.countries import country_code, country_name
from wirebrief.models import Entity, EntityType

ROLE_NOUNS = (
    "minister",
    "president",
    "vice-president",
    "premier",
    "chancellor",
    "secretary",
    "general",
    "admiral",
    "commander",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "leader",
    "head",
    "director",
    "colonel",
    "lieutenant",
    "major",
    "captain",
    "sergeant",
    "officer",
    "official",
    "analyst",
    "king",
    "queen",
    "emir",
    "prince",
    "governor",
    "senator",
    "lawmaker",
    "chairman",
    "chairwoman",
    "chair",
    "mayor",
    "marshal",
    "commissioner",
    "adviser",
    "advisor",
    "aide",
    "lt.",
    "gen.",
    "col.",
    "adm.",
    "maj.",
    "capt.",
    "sgt.",
    "representative",
    "diplomat",
    "negotiator",
    "attache",
    "attaché",
    "deputy",
    "speaker",
    "prime",
    "pilot",
    "reporter",
    "correspondent",
    "researcher",
    "professor",
    "expert",
    "counterpart",
)
_ROLE_NOUN_SET = frozenset(ROLE_NOUNS)
# Words that may precede a role noun inside a role phrase ("first deputy defence minister").
_ROLE_MODIFIERS = frozenset(
    [
        "defense",
        "defence",
        "foreign",
        "prime",
        "deputy",
        "vice",
        "first",
        "chief",
        "interior",
        "armed",
        "forces",
        "forces",
        "staff",
        "general",
        "of",
        "the",
        "joint",
        "military",
        "security",
        "state",
        "national",
        "top",
        "senior",
        "former",
        "acting",
        "commander-in-chief",
        "lieutenant",
        "major",
        "rear",
        "army",
        "navy",
        "naval",
        "air",
        "force",
        "affairs",
        "ministry",
        "spokesman",
        "press",
        "intelligence",
        "nuclear",
        "presidential",
        "regional",
        "district",
        "fleet",
        "lt.",
        "gen.",
        "col.",
        "adm.",
        "maj.",
        "capt.",
        "brig.",
        "economy",
        "finance",
        "trade",
        "energy",
        "department",
        "office",
        "council",
        "agency",
    ]
)
_APPOSITION_RE = re.compile(
    r"^\s*,\s*(?:who\s+is\s+|who\s+was\s+)?(?P<role>(?:the|a|an|[A-Z][\w.]*['’]s)\s+[^,.;()\n]{3,80}?)"
    r"\s*(?=,|\.|;|\)|\n|$|\s+(?:said|says|told|noted|added|announced|affirmed|stated|warned))"
)
_WORD_RE = re.compile(r"[\w.'’-]+")
_BREAKERS = frozenset(
    [
        "by",
        "said",
        "says",
        "told",
        "and",
        "or",
        "with",
        "to",
        "from",
        "for",
        "as",
        "at",
        "in",
        "on",
        "that",
        "when",
        "while",
    ]
)


def _split_role(phrase: str) -> tuple[str | None, str | None]:
    """'the Russian defense minister' -> ('defense minister', 'RUS')."""
    words = phrase.split()
    country: str | None = None
    kept: list[str] = []
    for word in words:
        bare = re.sub(r"['’]s$", "", word)
        if bare.lower() in {"the", "a", "an"} and not kept:
            continue
        code = country_code(bare) if bare[:1].isupper() else None
        if code and country is None and bare.lower() not in _ROLE_MODIFIERS:
            country = code
            continue
        kept.append(word)
    role = " ".join(kept).strip(" ,")
    if not role or not any(w.lower().strip(",") in _ROLE_NOUN_SET for w in role.split()):
        return None, country
    role = _trim_role(role)
    return role.lower() if not re.search(r"[A-Z]{2}", role) else role, country


_RANKS = frozenset(
    [
        "colonel",
        "lieutenant",
        "major",
        "captain",
        "sergeant",
        "general",
        "admiral",
        "marshal",
        "brigadier",
        "commander",
        "senior",
        "junior",
        "rear",
        "vice",
        "first",
        "second",
        "lt.",
        "gen.",
        "col.",
        "adm.",
        "maj.",
        "capt.",
        "sgt.",
        "brig.",
        "lieutenant-colonel",
        "major-general",
        "lieutenant-general",
        "colonel-general",
    ]
)


def _is_rank_only(role: str | None) -> bool:
    if not role:
        return False
    return all(w.lower() in _RANKS for w in role.split())


def _trim_role(role: str) -> str:
    """'commander responsible for the protection of nuclear sites' -> 'commander'."""
    words = role.split()
    for i, word in enumerate(words):
        if word.lower() in _ROLE_NOUN_SET and word.lower() not in _ROLE_MODIFIERS:
            rest = words[i + 1 :]
            if rest and rest[0].lower() in {"of", "for"} and len(rest) <= 6:
                return " ".join(words)
            if rest and rest[0].lower() in _ROLE_NOUN_SET:
                continue  # "defense minister", "chief spokesman": the head comes later
            return " ".join(words[: i + 1])
    return role


def _role_before(text: str, start: int) -> tuple[str | None, str | None]:
    """A role phrase ending right before a name: '... Russian defense minister |Sergei Shoigu'.

    "Its spokesman, Senior Colonel Zhang" gives the role before the comma when the words right
    before the name are only a rank.
    """
    role, country = _title_before(text, start)
    if role is not None and _is_rank_only(role):
        window = text[max(0, start - 160) : start]
        rank_start = window.rstrip().rfind(",")
        if rank_start > 0 and len(window[rank_start:].split()) <= 4:
            prior, prior_country = _title_before(window[:rank_start] + " ", rank_start + 1)
            if prior is not None and not _is_rank_only(prior):
                return prior, prior_country or country
    return role, country


def _title_before(text: str, start: int) -> tuple[str | None, str | None]:
    window = text[max(0, start - 120) : start]
    if not window.endswith((" ", "\u00a0")):
        return None, None
    # The title is the run of words right before the name: nothing across a comma, a quote, a
    # bracket or a line ("... to Ukraine, German Defence Minister X" is German).
    parts = re.split(r"[,;:()\[\]\"“”\n]", window)
    window = parts[-1]
    if not window.strip() and len(parts) > 1 and parts[-2].strip():
        window = parts[-2] + " "  # "Taiwan's defence minister, Lin Cheng-wei": the apposition
    words = _WORD_RE.findall(window)
    if (
        not words
        or words[-1].lower().rstrip(".") + ("." if words[-1].endswith(".") else "")
        not in _ROLE_NOUN_SET
        and words[-1].lower() not in _ROLE_NOUN_SET
    ):
        return None, None
    phrase: list[str] = []
    for word in reversed(words):
        low = word.lower()
        bare = re.sub(r"['’]s$", "", word)
        if low in _BREAKERS:
            break
        if low.endswith(".") and low not in _ROLE_NOUN_SET and low not in _ROLE_MODIFIERS \
                and not ("." in low[:-1] and country_code(word) and not any(
                    w[:1].isupper() and country_code(re.sub(r"['’]s$", "", w)) for w in phrase)):
            # the end of the previous sentence ("... trained in Russia. Lithuanian ..."); "U.S."
            # and "U.K." open a title ("U.S. State Department spokesperson") unless a country
            # word follows them
            break
        if (
            low in _ROLE_NOUN_SET
            or low in _ROLE_MODIFIERS
            or (bare[:1].isupper() and country_code(bare))
        ):
            phrase.append(word)
            if len(phrase) >= 7:
                break
            continue
        break
    if not phrase:
        return None, None
    return _split_role(" ".join(reversed(phrase)))


def _role_after(text: str, end: int) -> tuple[str | None, str | None]:
    m = _APPOSITION_RE.match(text[end : end + 160])
    if not m:
        return None, None
    return _split_role(m.group("role"))


def assign_roles(text: str, entities: list[Entity]) -> list[Entity]:
    """Give each PERSON mention the role and country its title or apposition states."""
    out: list[Entity] = []
    for entity in entities:
        if entity.type is not EntityType.PERSON or entity.role:
            out.append(entity)
            continue
        role, country = _role_before(text, entity.start)
        if role is None or _is_rank_only(role):
            # "Colonel Jukka Niemela, the commander of ..." : the apposition says more than a rank.
            after, after_country = _role_after(text, entity.end)
            if after is not None:
                role, country = after, after_country or country
        if role is not None:
            entity = entity.model_copy(update={"role": role, "country": country or entity.country})
        out.append(entity)
    return out


_PRONOMINAL_ROLE_RE = re.compile(
    r"\b[Tt]he\s+(?P<role>(?:(?:defen[cs]e|foreign|prime|deputy|vice|interior|army|"
    r"chief|top|Russian|Belarusian|[A-Z][a-z]+n)\s+){0,2}(?:minister|president|general|admiral|"
    r"commander|chancellor|premier|spokesman|spokeswoman|spokesperson|ambassador|envoy))\b"
)


def link_person_mentions(text: str, entities: list[Entity]) -> list[Entity]:
    """Link short and role-only mentions to the full name first introduced.

    "Shoigu" after "Sergei Shoigu" takes the full name as canonical and inherits the role;
    "the minister" becomes a mention of the most recent person whose role has that noun.
    """
    people: list[Entity] = []  # first full-name mentions, in order
    firsts: dict[str, dict[str, Entity]] = {}  # first word -> canonical -> person
    lasts: set[str] = set()  # every person's last word

    def remember(person: Entity) -> None:
        pwords = person.text.split()
        if pwords:
            lasts.add(pwords[-1])
            if len(pwords) >= 2:
                firsts.setdefault(pwords[0], {})[person.canonical] = person

    out: list[Entity] = []
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.type is not EntityType.PERSON:
            out.append(entity)
            continue
        words = entity.text.split()
        match = None
        if len(words) <= 2:
            for person in reversed(people):
                pwords = person.text.split()
                if len(pwords) > len(words) and pwords[-len(words) :] == words:
                    match = person
                    break
            if match is None and len(words) == 1 and words[0] not in lasts:
                # the family name written first ("Lee" after "Lee Jong-sup", "Kim" after
                # "Kim Jong Un"): only where one person fits and no name ends with the word
                fits = firsts.get(words[0], {})
                match = next(iter(fits.values())) if len(fits) == 1 else None
        if match is not None:
            entity = entity.model_copy(
                update={
                    "canonical": match.canonical,
                    "role": entity.role or match.role,
                    "country": entity.country or match.country,
                }
            )
        else:
            known = next((p for p in people if p.canonical == entity.canonical), None)
            if known is None:
                people.append(entity)
                remember(entity)
            elif not entity.role:
                entity = entity.model_copy(update={"role": known.role, "country": known.country})
            elif not known.role:
                people[people.index(known)] = entity
                remember(entity)
        out.append(entity)
    out += _role_mentions(text, out, people)
    return out


def _role_mentions(text: str, entities: list[Entity], people: list[Entity]) -> list[Entity]:
    taken = [(e.start, e.end) for e in entities]
    added: list[Entity] = []
    for m in _PRONOMINAL_ROLE_RE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        noun = m.group("role").split()[-1].lower()
        candidates = [
            p for p in people if p.role and noun in p.role.lower() and p.start < m.start()
        ]
        if not candidates:
            continue
        person = candidates[-1]
        added.append(
            Entity(
                text=m.group(0),
                type=EntityType.PERSON,
                canonical=person.canonical,
                start=m.start(),
                end=m.end(),
                role=person.role,
                country=person.country,
                source="coreference",
            )
        )
    return added


def describe_person(entity: Entity) -> str:
    """'Sergei Shoigu (defense minister, Russia)'."""
    parts = [
        p for p in (entity.role, country_name(entity.country) if entity.country else None) if p
    ]
    return f"{entity.canonical} ({', '.join(parts)})" if parts else entity.canonical
