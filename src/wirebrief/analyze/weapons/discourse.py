"""One sense per discourse for weapon names: once an article names a system in a way the layer
accepts (a designation, or a one-word name confirmed by a weapon word nearby), its other bare
mentions in the same article are that system too ("Abrams tanks" ... "the Abrams"), and so are
the plurals of its one-word names ("Rafale jets" ... "Rafales"). Named ships likewise ("the
frigate Kazan" ... "the Kazan"). A name only becomes a weapon through the article's own
confirmed mention; the names never carried over are in `data/weapon_discourse_stop.txt`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from wirebrief.analyze.countries import country_code
from wirebrief.analyze.weapons.gazetteer import lookup_weapon
from wirebrief.analyze.weapons.ships import ship_prefixes
from wirebrief.models import Entity, EntityType

__all__ = ["one_sense_per_discourse"]

# A name as the layer carries it over: a capitalised word, or words, of letters (designations
# with digits are found wherever they are written by the gazetteer and the patterns already).
_NAME_RE = re.compile(r"^[A-Z][A-Za-z'’-]{2,}(?: [A-Z][A-Za-z'’-]+){0,2}$")
# A designation ("K9", "M101", "S-400"): the gazetteer finds most wherever they are written, but
# one that is also an ordinary code ("K9" dog units) needs a weapon word nearby, which a later
# mention may lack ("operate the K9, which is built by Hanwha").
_DESIGNATION_RE = re.compile(r"^[A-Z][A-Z-]*\d[A-Z0-9-]*$")
_STOPS = ".;!?\n:"
# "Patriot Act", "Javelin Park": a capitalised word after the name marks another name, as does
# a name run on before it ("New England Patriots"), unless that word is a weapon word.
_CAP_AFTER_RE = re.compile(r" (?P<w>[A-Z][a-z][\w'’-]*)")
_CAP_BEFORE_RE = re.compile(r"(?P<w>[A-Z][\w'’.-]*) $")
_PLACES = (EntityType.PLACE, EntityType.COUNTRY)
_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@functools.cache
def _word_list(name: str) -> frozenset[str]:
    data = resources.files("wirebrief.analyze").joinpath("data").joinpath(name)
    lines = (ln.strip() for ln in data.read_text("utf-8").splitlines())
    return frozenset(ln for ln in lines if ln and not ln.startswith("#"))


def _stop_names() -> frozenset[str]:
    return _word_list("weapon_discourse_stop.txt")


def _prefix_free(surface: str) -> str:
    """A ship's name without its prefix ("INS Chennai" -> "Chennai")."""
    first, _, rest = surface.partition(" ")
    return rest if rest and first in ship_prefixes() else surface


def _names(e: Entity) -> set[str]:
    """The names a confirmed weapon mention makes weapons in the rest of its article: its own
    surface, the system's one-word names where the gazetteer knows it ("Abrams" of "M1A2
    Abrams"), a named ship's name without its prefix."""
    surface = _ARTICLE_RE.sub("", e.text).strip()
    out = {surface}
    if e.subtype == "vessel":
        out.add(_prefix_free(surface))
    system = lookup_weapon(e.canonical) or lookup_weapon(surface)
    if system is not None:
        for alias in (system.name, *system.aliases):
            word = alias.lstrip("~=^")
            if word.isalpha() and " " not in word:
                out.add(word)
    stop = _stop_names()
    return {n for n in out if (_NAME_RE.match(n) or _DESIGNATION_RE.match(n)) and n not in stop
            and not country_code(n)}


def _word_before(text: str, pos: int) -> re.Match[str] | None:
    """The capitalised word written right before `pos`, one space apart."""
    m = _CAP_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m if m is not None and m.end() == pos else None


def _guarded(text: str, start: int, end: int, weapon_words: frozenset[str]) -> bool:
    """Whether a bare mention reads as part of another name: a capitalised word right after it
    ("Patriot Act"), or a capitalised word right before it that does not start the sentence, is
    no possessive and is no country's name alone ("New England Patriots"; "German Patriots"
    and "Ukraine's Patriots" stay weapons)."""
    after = _CAP_AFTER_RE.match(text, end)
    if after and after.group("w").lower() not in weapon_words:
        return True
    before = _word_before(text, start)
    if before is None:
        return False
    word = before.group("w")
    head = text[max(0, before.start() - 3) : before.start()]
    if not head.strip() or any(c in _STOPS for c in head):
        return False  # the sentence starts with that word ("The Abrams", "Its Patriots")
    if word.lower() in weapon_words or word.endswith(("'s", "’s", "s'", "s’", ".")):
        return False  # "Ukraine's Patriots"; "... Umerov. Abrams are" starts a sentence
    return not (country_code(word.rstrip(".")) and _word_before(text, before.start()) is None)


def _singular(e: Entity, confirmed: dict[str, Entity]) -> Entity:
    """A weapon mention written as the plural of a confirmed name ("Rafales" as the tagger
    spans it), spanned as the name and read as the confirmed system."""
    if e.type is not EntityType.WEAPON_SYSTEM or not e.text.endswith("s"):
        return e
    name = e.text[:-1]
    source = confirmed.get(name)
    if source is None or source is e:
        return e
    return e.model_copy(update={"text": name, "end": e.start + len(name),
                                "canonical": source.canonical, "subtype": source.subtype,
                                "country": source.country})


def one_sense_per_discourse(text: str, entities: list[Entity],
                            weapon_words: Iterable[str] = ()) -> list[Entity]:
    """`entities` (sorted, non-overlapping) with the article's further mentions of its
    confirmed weapon names made weapons: a bare mention no other entity covers is added, and
    one that an entity of another type covers exactly or within is recast. A mention inside a
    longer name of another type ("Stacey Abrams"), or read as part of one, is left alone."""
    words = frozenset(w.lower() for w in weapon_words)
    confirmed: dict[str, Entity] = {}
    for e in entities:
        if e.type is EntityType.WEAPON_SYSTEM:
            for name in _names(e):
                confirmed.setdefault(name, e)
    if not confirmed:
        return entities
    entities = [_singular(e, confirmed) for e in entities]
    alt = "|".join(re.escape(n) for n in sorted(confirmed, key=len, reverse=True))
    name_re = re.compile(rf"(?<![\w#@/-])(?P<name>{alt})(?P<plural>s|es)?(?![\w-])")
    people = [e.text for e in entities if e.type is EntityType.PERSON and " " in e.text]
    out = list(entities)
    added = False
    for m in name_re.finditer(text):
        name = m.group("name")
        start, end = m.start(), m.end("name")
        plural = m.group("plural")
        if plural and name.endswith("s"):
            continue  # "Abramses" is no plural anyone writes
        if plural == "es" and not name.endswith(("x", "ch", "sh")):
            continue
        covering = [e for e in out if e.start < m.end() and start < e.end]
        if any(e.type is EntityType.WEAPON_SYSTEM for e in covering):
            continue
        if any(e.start < start or e.end > m.end() for e in covering):
            continue  # inside a longer name of another kind
        if _guarded(text, start, m.end(), words):
            continue
        if any(p.split()[-1] == name for p in people):
            continue  # a person of that surname is named in the article ("General Abrams")
        source = confirmed[name]
        if (source.subtype == "vessel" and any(e.type in _PLACES for e in covering)
                and text[max(0, start - 4) : start].lower() != "the "):
            continue  # "Kazan" and "Chennai" read as the cities, unless "the Kazan"
        mention = source.model_copy(update={
            "text": name, "start": start, "end": end, "source": "coreference", "variant": None})
        out = [e for e in out if e not in covering]
        out.append(mention)
        added = True
    return sorted(out, key=lambda e: (e.start, e.end)) if added else entities
