"""PLOVER event coder: dependency-parse rules around trigger verbs and nouns.

Pipeline per sentence: find trigger tokens (lexicon in `plover.py`), drop triggers governed by
another trigger ("agreed to provide" is one AGREE), read the actor from the subject (or the agent
of a passive, or the subject of the governing verb), the recipient from the object, "to/with/
against/for/on X", a possessor or the passive subject; give each a country from the entities it
overlaps. Then aux (future/negation/hypothetical/historical), contexts, weapons, date, attribution.
Mentions with no participant are merged into an event of the same kind in the same paragraph
(they can lend it a date), or dropped.

Supplier rule for transfers stated from the recipient's side ("Belarus has received the
Iskander-M"): the actor is, in order, the "from X" object, the weapon's country of origin, the
attributed speaker's country, or another country named in the sentence.

Nationality: a named country head wins over its modifiers ("NATO-member Norway"); people and
bodies take the country they live in ("security forces in Mali", "Bosnian Serbs"); "ethnic X",
"anti-X", "pro-X" name no nationality. Domestic inference: an actor or target of unknown
nationality in a sentence naming one country (the report's source and explicit foreign targets
aside) is of that country; a one-sided material act with no foreign target is aimed at the
country where it happens ("blocked roads in Algiers"). Obligations ("X said Y must act") are
DEMANDs by X on Y; purpose clauses of protests ("a hunger strike to protest X") are their target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from wirebrief.analyze import plover
from wirebrief.analyze.countries import (
    country_code,
    country_name,
    igo_code,
    is_capital,
    is_metonym,
)
from wirebrief.models import (
    Actor,
    Attribution,
    Entity,
    EntityType,
    Event,
    EventDate,
    Evidence,
    Explanation,
    Granularity,
    TimexValue,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CODER_NAME = "analyze.events.v1"

ActorKind = Literal["state", "military", "government", "igo", "non_state", "person", "unknown"]
Aux = Literal["future", "negation", "hypothetical", "historical"]

_MILITARY_HEADS = frozenset(
    {"army", "troop", "force", "soldier", "military", "navy", "warship", "tank", "militiaman",
     "police", "guard", "unit", "battalion", "brigade", "division", "crew", "personnel",
     "peacekeeper", "jet", "aircraft", "helicopter", "marine", "airforce", "fleet", "drone"}
)
_GOVERNMENT_HEADS = frozenset(
    {"government", "official", "minister", "president", "parliament", "cabinet", "ministry",
     "authority", "administration", "premier", "leader", "diplomat", "negotiator", "spokesman",
     "spokeswoman", "chancellor", "king", "emir", "court", "delegation", "regime", "embassy",
     "secretary", "envoy", "ambassador", "assembly", "senate", "congress", "council",
     "junta", "prosecutor", "investigator", "judge", "commission", "committee"}
)
_NON_STATE_HEADS = frozenset(
    {"rebel", "militant", "guerrilla", "insurgent", "demonstrator", "protester", "group",
     "party", "activist", "settler", "hacker", "bomber", "refugee", "opposition", "union",
     "farmer", "worker", "faction", "organization", "supporter", "prisoner", "student",
     "fundamentalist", "extremist", "islamist", "separatist", "nationalist", "loyalist",
     "dissident", "militia", "wing", "movement", "gunman", "attacker", "mob",
     "crowd", "terrorist", "fighter", "resident", "villager", "teacher", "rioter", "looter",
     "alliance", "coalition", "bloc", "newspaper", "broadcaster"}
)
_PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "we", "i"})
_RELATIVES = frozenset({"which", "who", "that", "whom"})
_RECIPIENT_PREPS = ("to", "with", "against", "for", "toward", "towards")
# "on/at/into X" names a target only for hostile acts ("sanctions on X", "an attack on X").
_TARGET_PREPS = ("on", "at", "into", "upon")
_TARGET_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "FIGHT", "THREATEN", "DISAPPROVE"})
_HOSTILE_LEMMAS = frozenset(
    lemma for lemma, (cat, _m) in plover.VERB_TRIGGERS.items() if cat in plover.HOSTILE)
_PERSON_ROLE_RE = re.compile(r"\b(minister|president|secretary|chief|general|spokes\w+|leader)\b")


@dataclass
class _Candidate:
    """An event under construction (Event is frozen)."""

    type: str
    mode: str | None
    trigger: Token
    rule: str
    sent: Span
    actor: Actor | None = None
    recipient: Actor | None = None
    aux: Aux | None = None
    contexts: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    location: str | None = None
    date: EventDate | None = None
    attribution: Attribution | None = None
    confidence: float = 0.5
    paragraph: int = 0
    governed_by: str | None = None
    embedded: Token | None = None
    ev_start: int = 0
    ev_end: int = 0
    passive_no_agent: bool = False
    explicit_actor: bool = False
    allies: set[str] = field(default_factory=set)
    subj_tok: Token | None = None
    promised: bool = False  # a one-sided act stated as a promise (coded AGREE)
    nobody: bool = False  # the subject is "no country", "none": nobody acts


# ---------------------------------------------------------------------------------------------
# Entities fallback (used when the entity layer is not available)


def entities_from_doc(doc: Doc, published: date | None = None) -> list[Entity]:
    """Entity mentions from spaCy's NER, the country tables and (when importable) the weapon and
    time-expression finders. A standalone stand-in for `wirebrief.analyze.entities`."""
    text = doc.text
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for w in _find_weapons(text):
        out.append(w)
        taken.append((w.start, w.end))
    for ent in doc.ents:
        s, e, surface = ent.start_char, ent.end_char, ent.text
        if ent[0].lower_ == "the" and len(ent) > 1:
            s, surface = ent[1].idx, text[ent[1].idx : e]
        if not free(s, e):
            continue
        label = ent.label_
        if label in {"PERSON", "ORG"} and len(ent) == 1 and country_code(surface):
            label = "NORP"  # a demonym the model took for a name ("Ugandan")
        if label in {"GPE", "NORP", "LOC", "FAC", "ORG"}:
            code = country_code(surface)
            if code and label != "ORG" or code and is_metonym(surface):
                out.append(Entity(text=surface, type=EntityType.COUNTRY, canonical=code,
                                  start=s, end=e, country=code, source="model"))
                taken.append((s, e))
                continue
            igo = igo_code(surface)
            if igo:
                out.append(Entity(text=surface, type=EntityType.ORGANIZATION, canonical=igo,
                                  start=s, end=e, subtype="igo", source="model"))
                taken.append((s, e))
                continue
            if label == "ORG":
                out.append(Entity(text=surface, type=EntityType.ORGANIZATION, canonical=surface,
                                  start=s, end=e, subtype=_org_subtype(surface),
                                  country=_first_country(surface), source="model"))
            elif label in {"GPE", "LOC", "FAC"}:
                out.append(Entity(text=surface, type=EntityType.PLACE, canonical=surface,
                                  start=s, end=e, source="model"))
            else:
                continue
            taken.append((s, e))
        elif label == "PERSON":
            role, country = _role_before(doc, ent)
            out.append(Entity(text=surface, type=EntityType.PERSON, canonical=surface, start=s,
                              end=e, role=role, country=country, source="model"))
            taken.append((s, e))
    # Country forms spaCy missed (demonyms as adjectives are often untagged).
    from wirebrief.analyze.countries import demonym_codes_in

    for s, e, code in demonym_codes_in(text):
        if free(s, e):
            out.append(Entity(text=text[s:e], type=EntityType.COUNTRY, canonical=code, start=s,
                              end=e, country=code, source="gazetteer"))
            taken.append((s, e))
    for d in _find_dates(text, published):
        if free(d.start, d.end):
            out.append(d)
            taken.append((d.start, d.end))
    return sorted(out, key=lambda x: x.start)


def _org_subtype(surface: str) -> str:
    low = surface.lower()
    if any(w in low for w in ("armed forces", "army", "navy", "air force", "military", "troops")):
        return "armed_forces"
    if "ministry" in low or "department" in low:
        return "ministry"
    if "government" in low or "cabinet" in low:
        return "government"
    return "other"


def _first_country(surface: str) -> str | None:
    from wirebrief.analyze.countries import demonym_codes_in

    found = demonym_codes_in(surface)
    return found[0][2] if found else None


def _role_before(doc: Doc, ent: Span) -> tuple[str | None, str | None]:
    """Role and country from the words before or in apposition to a name."""
    words: list[Token] = []
    i = ent.start - 1
    while i >= ent.sent.start and doc[i].pos_ in {"PROPN", "NOUN", "ADJ"} and doc[i].ent_type_ in {
        "", "NORP", "GPE", "ORG"
    }:
        words.insert(0, doc[i])
        i -= 1
    role_tokens = [t for t in words if not country_code(t.text)]
    country = next((country_code(t.text) for t in words if country_code(t.text)), None)
    if not role_tokens:
        # Apposition after the name: "Sergei Shoigu, the Russian defense minister".
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos":
                span = [t for t in child.subtree if t.dep_ != "det" and not t.is_punct]
                country = next((country_code(t.text) for t in span if country_code(t.text)),
                               country)
                role_tokens = [t for t in span if not country_code(t.text)]
                break
    role = " ".join(t.text for t in role_tokens).lower() or None
    if role and not _PERSON_ROLE_RE.search(role) and len(role_tokens) > 3:
        role = None
    return role, country


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATE_RE = re.compile(rf"\b(?:({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?"
                      rf"|(\d{{1,2}})\s+({_MONTHS})(?:\s+(\d{{4}}))?|in\s+((?:19|20)\d\d))\b")


def _find_dates(text: str, published: date | None) -> list[Entity]:
    """DATE entities: the time-expression finder when present, else month-day patterns."""
    try:
        from wirebrief.analyze.timex import find_timexes  # type: ignore[attr-defined]
    except ImportError:
        find_timexes = None
    if find_timexes is not None:
        try:
            found = list(find_timexes(text, published))
        except Exception:  # noqa: BLE001 - a broken optional layer must not stop coding
            found = []
        out = [e for e in found if isinstance(e, Entity)]
        if out:
            return out
    out = []
    months = _MONTHS.split("|")
    for m in _DATE_RE.finditer(text):
        if m.group(7):
            value, gran, resolved = m.group(7), Granularity.YEAR, True
            s = m.start(7)
        else:
            month = m.group(1) or m.group(5)
            day = int(m.group(2) or m.group(4))
            year = m.group(3) or m.group(6)
            mm = months.index(month) + 1
            if year:
                value, resolved = f"{year}-{mm:02d}-{day:02d}", True
            elif published is not None:
                value, resolved = f"{published.year}-{mm:02d}-{day:02d}", True
            else:
                value, resolved = f"XXXX-{mm:02d}-{day:02d}", False
            gran = Granularity.DAY
            s = m.start()
        surface = text[s : m.end()]
        out.append(Entity(text=surface, type=EntityType.DATE, canonical=value, start=s,
                          end=m.end(), timex=TimexValue(value=value, granularity=gran,
                                                        resolved=resolved), source="pattern"))
    return out


# Fallback designations with their country of origin, used only without the weapons layer.
_FALLBACK_WEAPONS: dict[str, tuple[str, str, str]] = {
    "Iskander": ("Iskander-M", "RUS", "missiles"), "HIMARS": ("HIMARS", "USA", "artillery"),
    "ATACMS": ("ATACMS", "USA", "missiles"), "Patriot": ("Patriot", "USA", "air defence systems"),
    "Javelin": ("Javelin", "USA", "missiles"), "Stinger": ("Stinger", "USA", "missiles"),
    "Shahed": ("Shahed-136", "IRN", "aircraft"), "Bayraktar": ("Bayraktar TB2", "TUR", "aircraft"),
    "Leopard": ("Leopard 2", "DEU", "armoured vehicles"), "Abrams": ("M1 Abrams", "USA",
                                                                    "armoured vehicles"),
    "S-400": ("S-400", "RUS", "air defence systems"), "F-16": ("F-16", "USA", "aircraft"),
    "F-35": ("F-35", "USA", "aircraft"), "Storm Shadow": ("Storm Shadow", "GBR", "missiles"),
    "Kinzhal": ("Kinzhal", "RUS", "missiles"), "Kalibr": ("Kalibr", "RUS", "missiles"),
    "Su-35": ("Su-35", "RUS", "aircraft"), "J-20": ("J-20", "CHN", "aircraft"),
}
_FALLBACK_WEAPON_RE = re.compile(
    r"\b(Iskander(?:-[A-Z]+)?|HIMARS|ATACMS|Patriot|Javelins?|Stingers?|Shahed(?:-\d+)?|"
    r"Bayraktar(?: TB2)?|Leopard(?: \d[A-Z]?)?|(?:M1 )?Abrams|S-400|F-16s?|F-35s?|Storm Shadow|"
    r"Kinzhal|Kalibr|Su-35s?|J-20s?)\b"
)


def _find_weapons(text: str) -> list[Entity]:
    try:
        from wirebrief.analyze.weapons import find_weapon_systems  # type: ignore[attr-defined]
    except ImportError:
        find_weapon_systems = None
    if find_weapon_systems is not None:
        try:
            return [e for e in find_weapon_systems(text) if isinstance(e, Entity)]
        except Exception:  # noqa: BLE001 - a broken optional layer must not stop coding
            pass
    out = []
    for m in _FALLBACK_WEAPON_RE.finditer(text):
        key = next(k for k in _FALLBACK_WEAPONS if m.group(0).startswith(k))
        canon, origin, category = _FALLBACK_WEAPONS[key]
        if key == "Iskander" and m.group(0) != "Iskander":
            canon = m.group(0)
        out.append(Entity(text=m.group(0), type=EntityType.WEAPON_SYSTEM, canonical=canon,
                          start=m.start(), end=m.end(), subtype=category, country=origin,
                          source="pattern"))
    return out


# ---------------------------------------------------------------------------------------------
# The coder


# "ethnic Albanians", "anti-Syrian", "pro-Russian": a demonym that is no nationality.
_ETHNIC_RE = re.compile(r"(?:\bethnic\s+|\b(?:anti|pro)-)$", re.I)


class _Index:
    """Entities by character offset, for span lookups."""

    def __init__(self, entities: Iterable[Entity], text: str = "") -> None:
        self.entities = sorted(entities, key=lambda e: e.start)
        self.text = text
        # Demonyms that name an ethnicity or a stance ("ethnic Albanians", "anti-Syria"), not
        # a nationality.
        self.ethnic = {e.start for e in self.entities if e.type == EntityType.COUNTRY
                       and _ETHNIC_RE.search(text[max(0, e.start - 8):e.start])}
        # Character bounds of the sentence being coded: participants never come from outside.
        self.bounds = (0, 1 << 62)

    def within(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def overlapping(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start < end and e.end > start]


def code_events(doc: Doc, entities: list[Entity], published: date | None = None) -> list[Event]:
    """PLOVER events stated in the article, in text order."""
    _fix_lemmas(doc)
    text = doc.text  # Doc.text joins every token: read it once
    index = _Index(_with_country_forms(doc, text, entities), text)
    paragraphs = _paragraph_starts(text)
    candidates: list[_Candidate] = []
    last_attr: Attribution | None = None
    last_par = -1
    for ev_start, ev_end, sent in _sentences(doc, text):
        par = _paragraph_of(paragraphs, ev_start)
        if par != last_par:
            last_attr = None  # attribution carries within a paragraph only
        index.bounds = (sent.start_char, sent.end_char)
        attr = _attribution(sent, index, last_attr)
        sent_cands = _sentence_candidates(sent, index) if _is_prose(text[ev_start:ev_end]) \
            else []
        for c in sent_cands:
            c.paragraph = par
            c.attribution = attr or last_attr
            c.ev_start, c.ev_end = ev_start, ev_end
        candidates.extend(sent_cands)
        if attr is not None:
            last_attr = attr
        last_par = par
    for i, c in enumerate(candidates):
        index.bounds = (c.sent.start_char, c.sent.end_char)
        _finish(c, index, doc, paragraphs, published, candidates[:i])
    index.bounds = (0, 1 << 62)
    candidates = [c for c in candidates if _keep(c)]
    kept = _one_per_sentence(_merge(candidates))
    return [_to_event(c, text) for c in kept]


# Verb forms the small model's lemmatizer gets wrong ("staged" -> "stag", "raped" -> "rap").
_LEMMA_FIXES = {"stag": "stage", "rap": "rape", "bombing": "bomb", "imprisoning": "imprison",
                "mediating": "mediate", "boycotts": "boycott", "training": "train"}


def _fix_lemmas(doc: Doc) -> None:
    strings = doc.vocab.strings
    wrong = {strings.add(k): v for k, v in _LEMMA_FIXES.items()}
    for tok in doc:
        if tok.lemma in wrong and tok.pos_ == "VERB":  # compare hashes: no string per token
            tok.lemma_ = wrong[tok.lemma]


def _with_country_forms(doc: Doc, text: str, entities: list[Entity]) -> list[Entity]:
    """The entities plus the country names, demonyms and capitals no entity covers: a demonym
    modifier ("Ugandan opposition candidates") is often left untagged by the model, and it is
    what gives a participant its nationality. Looked up per capitalised token run (longest
    first), which is much cheaper than scanning the text with the gazetteer pattern."""
    from wirebrief.analyze.countries import exact_country_code

    spans = [(e.start, e.end) for e in entities]
    extra: list[Entity] = []
    n = len(doc)
    i = 0
    while i < n:
        if not doc[i].text[:1].isupper():
            i += 1
            continue
        start = doc[i].idx
        for j in range(min(n, i + 4), i, -1):
            end = doc[j - 1].idx + len(doc[j - 1])
            code = exact_country_code(text[start:end])
            if code is not None:
                break
        else:
            i += 1
            continue
        i = j
        if any(a < end and b > start for a, b in spans):
            continue
        surface = text[start:end]
        if is_capital(surface) and _LOCATIVE_RE.search(text[max(0, start - 20):start]):
            continue  # "in Minsk" is a place
        extra.append(Entity(text=surface, type=EntityType.COUNTRY, canonical=code, start=start,
                            end=end, country=code, source="gazetteer"))
    return [*entities, *extra] if extra else entities


# A dateline opening a paragraph: "MINSK —", "ROVANIEMI, Finland —", "TOKYO (Reuters) -".
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]{1,30})?(?:\s*\([^)]{1,30}\))?\s*[\u2014\u2013-]+\s+")
_TERMINAL_RE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]}]*$")


def _sentences(doc: Doc, text: str | None = None) -> Iterable[tuple[int, int, Span]]:
    """(evidence start, evidence end, parsed span) per sentence of the shared splitter, whose
    sentences never cross a blank line (spaCy's may run a heading into the body). The span
    starts after a dateline, so that "MINSK" is never read as a participant."""
    from wirebrief.summarize.sentences import split_sentences

    text = doc.text if text is None else text
    for start, end in split_sentences(text):
        m = _DATELINE_RE.match(text, start, end)
        body = m.end() if m else start
        span = doc.char_span(body, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        yield start, end, span


def _is_prose(sentence: str) -> bool:
    """Headings, page chrome and link lists carry no terminal punctuation; their events are
    restated (or not at all) in the body, so only full sentences are coded."""
    return bool(_TERMINAL_RE.search(sentence)) and len(sentence.split()) >= 4


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n\s*\n", text):
        starts.append(m.end())
    return starts


def _paragraph_of(starts: list[int], offset: int) -> int:
    lo = 0
    for i, s in enumerate(starts):
        if s <= offset:
            lo = i
    return lo


_TRANSFER_NOUNS = frozenset({"delivery", "shipment", "deployment", "withdrawal", "transfer"})


def _trigger_of(tok: Token) -> tuple[str, str | None, str] | None:
    """(category, mode, rule id) when the token triggers an event."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "ADJ" and lemma in {"willing", "ready"}):
        ordered = _order_to_leave(tok, lemma)
        if ordered is not None:
            return ordered
        if lemma == "deny" and any(ch.dep_ == "dobj" and ch.lemma_.lower() in plover.DENIED_NOUNS
                                   for ch in tok.children):
            return "REJECT", None, "phrase:deny+claim"  # "denied reports that it had sold ..."
        if lemma in plover.REPORTING_VERBS and lemma not in {"declare"}:
            return None
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            return None  # a reduced relative ("jets delivered from 2019") is background
        if lemma in plover.READINESS_VERBS and _raises_readiness(tok):
            return "MOBILIZE", "troops", f"phrase:{lemma}+readiness"
        if lemma in {"fire", "launch"} and any(
                ch.lower_ == "test" and ch.i < tok.i and ch.dep_ in {"npadvmod", "compound",
                                                                     "advmod", "amod"}
                for ch in tok.children):
            return "MOBILIZE", "weapons", f"verb:test-{lemma}"  # "test-fired a missile"
        if _explosion_harms(tok, lemma):
            return "ASSAULT", "explosives", "verb:explode"
        phrasal = _phrasal(tok, lemma)
        if phrasal is not None:
            return phrasal
        measure = _trade_measure(tok, lemma)
        if measure is not None:
            return measure
        if lemma in plover.CALL_VERBS and any(
                ch.dep_ in {"prep", "agent"} and ch.lower_ in {"by", "over", "on", "via"}
                and any(g.dep_ == "pobj" and g.lemma_.lower() in plover.CALL_MEDIA
                        for g in ch.children) for ch in tok.children):
            return "CONSULT", "phone", f"phrase:{lemma}+phone"  # "spoke by phone with Macron"
        callee = _prep_object(tok, {"on", "upon"}) if lemma == "call" else None
        if callee is not None and callee.ent_type_ not in {"DATE", "TIME"} and any(
                t.dep_ in {"xcomp", "ccomp"} for t in tok.subtree):
            return "DEMAND", None, "phrase:call+on"  # "called on Europe to impose sanctions"
        for child in tok.children:
            if child.dep_ in {"dobj", "prt", "attr", "nsubjpass", "acomp"} or (
                child.dep_ == "prep" and child.lower_ in {"for", "out"}
            ) or (child.dep_ == "advmod" and child.lower_ in {"down", "up", "off"}
                  and child.i == tok.i + 1):  # "shot down 24 drones" (particle read as adverb)
                obj = child
                if child.dep_ == "prep":
                    pobj = [g for g in child.children if g.dep_ == "pobj"]
                    if not pobj:
                        continue
                    obj = pobj[0]
                if obj.lemma_.lower() in _MEASURE_NOUNS:
                    # "declared a state of siege", "launched ten days of war games".
                    obj = _prep_object(obj, {"of"}) or obj
                key = (lemma, obj.lemma_.lower())
                if key in plover.PHRASES:
                    cat, mode = plover.PHRASES[key]
                    if mode == "exercise" and _is_joint(obj):
                        cat = "COOPERATE"
                    return cat, mode, f"phrase:{lemma}+{obj.lemma_.lower()}"
        if lemma in plover.VERB_TRIGGERS and tok.pos_ != "AUX":
            if not _verb_fits(tok, lemma):
                return None
            cat, mode = plover.VERB_TRIGGERS[lemma]
            return cat, mode, f"verb:{lemma}"
        if lemma in {"willing", "ready"} and any(c.dep_ == "xcomp" for c in tok.children):
            return "AGREE", None, f"adj:{lemma}"
        return None
    if tok.pos_ == "NOUN" and lemma in _FRAME_HEADS:
        # "launched a mediation effort", "a bombing campaign": the event is the modifier's.
        inner = next((ch for ch in tok.children if ch.dep_ == "compound"
                      and ch.lemma_.lower() in plover.NOUN_TRIGGERS), None)
        if inner is not None:
            lemma = inner.lemma_.lower()
    if tok.pos_ in {"NOUN", "PROPN"} and lemma in plover.NOUN_TRIGGERS:
        head = tok.head
        # Bare nominal mentions ("deployment profile", "threat assessment") are not events.
        if tok.dep_ in {"compound", "amod", "nmod"}:
            return None
        joint = _is_joint(tok)
        hlemma = head.lemma_.lower()
        governed = (
            (tok.dep_ in {"dobj", "nsubjpass", "attr"} and hlemma in plover.LIGHT_VERBS)
            # "crews have begun training on X": the parser reads the noun as a complement.
            or (tok.dep_ == "xcomp" and hlemma in plover.LIGHT_VERBS | plover.ASPECTUAL_VERBS)
            or (tok.dep_ == "nsubj" and hlemma in plover.ASPECTUAL_VERBS)
            or tok.dep_ == "pobj" and head.lower_ not in _ADJUNCT_PREPS
            and head.head.lemma_.lower() in plover.LIGHT_VERBS
            or (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower()
                in {"initiation", "start", "beginning", "completion", "resumption", "launch"})
            or (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower()
                in _MEASURE_NOUNS and head.head.head.lemma_.lower() in plover.LIGHT_VERBS)
            # "negotiators returned to Geneva for talks", "crowds gathered for a rally".
            or (tok.dep_ == "pobj" and head.lower_ == "for"
                and head.head.lemma_.lower() in _MOTION_VERBS)
            # "The delivery of F-16s to Taiwan was delayed": a transfer named with its goods
            # and destination as the clause's subject.
            or (tok.dep_ in {"nsubj", "nsubjpass"} and lemma in _TRANSFER_NOUNS
                and _prep_object(tok, {"of"}) is not None
                and _prep_object(tok, {"to", "into"}) is not None)
            # "Israel's invasion" as an argument, not "against North Korea's threats".
            or (any(c.dep_ == "poss" for c in tok.children)
                and tok.dep_ in {"nsubj", "dobj", "nsubjpass", "ROOT", "attr"})
        )
        cat, mode = plover.NOUN_TRIGGERS[lemma]
        if joint and cat == "MOBILIZE" and mode == "exercise":
            return "COOPERATE", "exercise", f"noun:joint-{lemma}"
        if not governed:
            return None
        if lemma == "training" and not _trainees(tok):
            # "the ships were carrying out routine training": an exercise, not aid.
            return "MOBILIZE", "exercise", "noun:training"
        return cat, mode, f"noun:{lemma}"
    return None


def _particle(tok: Token) -> Token | None:
    """A verb's particle: a `prt` child, or "out/back/over/away" right after the verb that the
    parser read as an adverb or a preposition ("pulled out of", "pulled back from")."""
    for ch in tok.children:
        if ch.dep_ == "prt" or (ch.i == tok.i + 1 and ch.dep_ in {"advmod", "prep"}
                                and ch.lower_ in plover.PARTICLES):
            return ch
    return None


# What is handed over decides the act: arms and aid are transfers; power, control, territory
# and captives handed over are concessions; anything else ("handed over a letter") is no event.
_HANDED_CONCESSIONS = frozenset(
    {"power", "control", "authority", "command", "territory", "city", "town", "village",
     "region", "prisoner", "hostage", "detainee", "captive", "body", "remains", "suspect",
     "presidency", "leadership", "reins", "sovereignty", "responsibility"})
# Withdrawing from a deal or talks is no retreat of forces.
_NOT_RETREATS = frozenset({"deal", "agreement", "talk", "treaty", "accord", "race", "election",
                           "contract", "negotiation", "pact", "tournament", "coalition",
                           "market", "project", "programme", "program", "competition"})


def _phrasal(tok: Token, lemma: str) -> tuple[str, str | None, str] | None:
    """Phrasal verbs of transfer and withdrawal: "handed over F-16s to X" (AID), "handed over
    power" (CONCEDE), "pulled out of the town" (RETREAT)."""
    prt = _particle(tok)
    if prt is None:
        return None
    key = (lemma, prt.lower_)
    if key not in plover.PHRASAL_VERBS:
        return None
    cat, mode = plover.PHRASAL_VERBS[key]
    rule = f"phrase:{lemma}+{prt.lower_}"
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if cat == "AID":
        olemmas = {o.lemma_.lower() for o in objs}
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if olemmas & {"weapon", "arm", "rifle", "gun", "ammunition"} and (
                any(m.dep_ == "poss" and m.lower_ in _PRONOUNS for o in objs for m in o.children)
                or subj is not None and _head_kind(subj.lemma_.lower()) == "non_state"):
            return "RETREAT", "disarm", rule  # "rebels handed over their weapons"
        if olemmas & _HANDED_CONCESSIONS or any(
                _prep_object(o, {"of"}) is not None and o.lemma_.lower() in {"control"}
                for o in objs):
            return "CONCEDE", None, rule
        arms = _ARMS_NOUNS | _PLATFORM_HEADS | set(_OBJECT_MUST_BE["give"]) | {
            "battery", "system", "vessel", "boat", "plane", "ammunition"}
        if not olemmas & arms:
            return None
        return cat, mode, rule
    if cat == "RETREAT":
        where = [g for p in (prt, tok) for ch in p.children
                 if ch.dep_ == "prep" and ch.lower_ in {"of", "from"}
                 for g in ch.children if g.dep_ == "pobj"]
        if any(w.lemma_.lower() in _NOT_RETREATS for w in where):
            return None
    return cat, mode, rule


def _trade_measure(tok: Token, lemma: str) -> tuple[str, str | None, str] | None:
    """Imposing export controls, tariffs, an embargo or a trade ban sanctions ("imposed export
    controls on chipmaking equipment bound for X"); imposing restrictions at home ("imposed
    restrictions on movement") stays COERCE."""
    if lemma not in plover.IMPOSING_VERBS:
        return None
    for o in tok.children:
        if o.dep_ not in {"dobj", "nsubjpass"}:
            continue
        olemma = o.lemma_.lower()
        if olemma in plover.TRADE_MEASURES and lemma != "announce":
            return "SANCTION", None, f"phrase:{lemma}+{olemma}"
        if olemma not in plover.RESTRICTIONS:
            continue
        mods = {m.lemma_.lower() for m in o.children if m.dep_ in {"compound", "amod", "nmod"}}
        on = _prep_object(o, {"on", "against"}) or _prep_object(tok, {"on", "against"})
        targets: set[str] = set()
        foreign = False
        if on is not None:
            # The restricted thing and its modifiers, not where it happens ("restrictions on
            # movement in the West Bank" are no sanction).
            own = [on, *(m for m in on.children if m.dep_ in {"compound", "amod", "nmod"})]
            targets = {t.lemma_.lower() for t in own}
            foreign = any(t.ent_type_ in {"GPE", "NORP"} for t in own)
        if mods & plover.TRADE_WORDS or targets & plover.TRADE_WORDS or foreign:
            return "SANCTION", None, f"phrase:{lemma}+{olemma}"
    return None


def _explosion_harms(tok: Token, lemma: str) -> bool:
    """A bomb, IED or suicide vest that explodes and kills or wounds: "a car bomb exploded
    near a police station, killing four officers", "a suicide bomber blew himself up"."""
    if lemma not in plover.EXPLODE_VERBS:
        return False
    if lemma == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return False
    if lemma == "go" and not any(c.lower_ == "off" and c.i == tok.i + 1 for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.lemma_.lower() not in plover.EXPLOSIVES:
        return False
    if subj.lemma_.lower() in {"car", "motorcycle", "truck"} and not any(
            c.lemma_.lower() in {"bomb"} for c in subj.subtree):
        return False
    if lemma in {"hit", "strike", "rip"} and subj.lemma_.lower() not in {
            "bomb", "blast", "explosion", "ied", "bomber"}:
        return False
    return any(c.dep_ in {"advcl", "conj", "xcomp"} and c.lemma_.lower() in plover.HARM_VERBS
               for c in tok.children)


def _order_to_leave(tok: Token, lemma: str) -> tuple[str, str | None, str] | None:
    """"ordered French troops to leave the country", "gave US troops 30 days to leave":
    expelling foreign forces (COERCE, see plover.ORDER_VERBS); diplomats: SANCTION."""
    if lemma not in plover.ORDER_VERBS:
        return None
    # "gave US troops 30 days to leave": the clause may hang on the deadline.
    spans = [*tok.children, *(g for c in tok.children if c.lemma_.lower() in _TIME_UNITS
                              for g in c.children if g.dep_ in {"relcl", "acl"})]
    leave = next((c for c in spans if c.dep_ in {"xcomp", "advcl", "ccomp", "relcl", "acl"}
                  and c.lemma_.lower() in plover.LEAVE_VERBS
                  and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if leave is None:
        return None
    ordered = next((c for c in tok.children if c.dep_ in {"dobj", "dative", "iobj"}
                    and c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() not in _TIME_UNITS),
                   None)
    if ordered is None:
        return None
    if lemma == "give" and not any(c.lemma_.lower() in _TIME_UNITS | {"deadline", "ultimatum"}
                                   for c in tok.children):
        return None  # "gave them permission to leave" is no order
    if any(ch.dep_ == "poss" and ch.lower_ in _PRONOUNS for ch in ordered.children):
        return None  # "ordered his troops to withdraw": a commander's own forces retreat
    if ordered.lemma_.lower() in plover.DIPLOMATS:
        return "SANCTION", "relations", f"phrase:{lemma}+leave"
    forces = _MILITARY_HEADS | _PLATFORM_HEADS | {
        "contractor", "mercenary", "peacekeeper", "mission", "observer", "inspector"}
    state_with_forces = ordered.ent_type_ in {"GPE", "NORP", "ORG"} and any(
        o.dep_ == "dobj" and o.lemma_.lower() in forces for o in leave.children)
    if ordered.lemma_.lower() not in forces and not state_with_forces:
        return None  # "ordered the United States to withdraw its troops" is an expulsion
    return "COERCE", "deport", f"phrase:{lemma}+leave"


_TIME_UNITS = frozenset({"hour", "day", "week", "month", "year", "minute"})


def _raises_readiness(tok: Token) -> bool:
    """"put its army on the highest level of combat readiness", "placed troops on high alert",
    "raised the alert level of its forces", "declared full combat readiness"."""
    for ch in tok.children:
        if ch.dep_ in {"dobj", "prep", "attr", "oprd"}:
            for t in ch.subtree:
                if t.lemma_.lower() in plover.READINESS_NOUNS and t.i - tok.i <= 10 and (
                        t.pos_ in {"NOUN", "PROPN", "ADJ"}):
                    return True
    return False


# "support the ground forces", "provide air support", "give fire support": operational support
# of troops in an operation, not a political or material act between parties.
_OPERATIONAL_SUPPORT = frozenset({"air", "fire", "close", "naval", "artillery", "logistic",
                                  "logistical", "combat", "aerial", "ground", "tactical"})
_PLATFORM_HEADS = _MILITARY_HEADS | frozenset(
    {"bomber", "fighter", "artillery", "ship", "vessel", "frigate", "destroyer", "submarine",
     "gunship", "battery", "squadron", "launcher", "plane", "warplane", "unit", "corvette"})


def _operational_support(tok: Token, lemma: str) -> bool:
    if lemma in {"provide", "give", "offer", "lend"}:
        return any(o.dep_ == "dobj" and o.lemma_.lower() in {"support", "cover", "escort"}
                   and any(m.dep_ in {"compound", "amod"} and m.lemma_.lower()
                           in _OPERATIONAL_SUPPORT for m in o.children) for o in tok.children)
    if lemma == "support":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if subj is not None and subj.lemma_.lower() in _PLATFORM_HEADS - {"military"}:
            return True  # "bombers flying from Russia will support ..."
        return any(o.lemma_.lower() in {"operation", "offensive", "advance", "assault",
                                        "landing", "attack", "counteroffensive"}
                   or o.lemma_.lower() in {"force", "troop", "unit", "infantry"} and any(
                       m.lemma_.lower() in _OPERATIONAL_SUPPORT | {"own", "advancing"}
                       for m in o.children) for o in objs)
    return False


# Verbs that code an event only with the right kind of object (lemma -> allowed object
# lemmas); "share a border", "strengthen security", "give details" are not events.
_OBJECT_MUST_BE: dict[str, frozenset[str]] = {
    "share": frozenset({"intelligence", "information", "data", "evidence", "expertise",
                        "experience", "technology", "knowledge", "finding", "assessment"}),
    "strengthen": frozenset({"troop", "force", "presence", "position", "garrison", "contingent",
                             "unit", "deployment", "flank", "army", "navy", "military"}),
    "reinforce": frozenset({"troop", "force", "presence", "position", "garrison", "contingent",
                            "unit", "deployment", "flank", "border", "army", "navy"}),
    "build": frozenset({"base", "facility", "storage", "site", "fortification", "runway",
                        "airfield", "bunker", "trench", "wall", "fence", "barrier", "outpost",
                        "settlement", "camp", "silo", "depot", "airstrip", "defence",
                        "defense", "line", "reactor", "shelter"}),
    "give": frozenset({"aid", "assistance", "weapon", "arm", "money", "fund", "funding",
                       "equipment", "ammunition", "tank", "missile", "jet", "aircraft", "drone",
                       "launcher", "loan", "grant", "food", "supply", "shelter", "asylum",
                       "support", "training", "vehicle", "shell", "rocket", "howitzer",
                       "million", "billion", "$", "dollar", "euro", "access", "refuge"}),
    "reduce": frozenset(), "cut": frozenset(),  # only as phrases ("cut aid", "cut ties")
    "press": frozenset(),  # DEMAND only with "for" or a clause (checked below)
}
_OBJECT_MUST_BE["construct"] = _OBJECT_MUST_BE["build"]
# Handing back what was taken concedes; "returned fire" or "returned home" does not.
_OBJECT_MUST_BE["return"] = frozenset(
    {"weapon", "arm", "equipment", "territory", "land", "prisoner", "hostage", "body", "remains",
     "property", "asset", "village", "town", "area", "ship", "vessel", "aircraft", "soldier",
     "detainee", "captive", "control"})
# ... or must not be: hosting troops is not a meeting, releasing a statement not a concession.
_OBJECT_MUST_NOT_BE: dict[str, frozenset[str]] = {
    "host": _MILITARY_HEADS | {"weapon", "base", "facility", "exercise", "drill"},
    "release": frozenset({"statement", "report", "video", "image", "photo", "footage", "data",
                          "figure", "detail", "document", "record", "budget", "plan", "list",
                          "result", "information", "bomb", "missile", "film", "version"}),
    "welcome": frozenset({"ship", "vessel", "aircraft", "jet", "tank", "delivery"}),
}
_OBJECT_MUST_NOT_BE["free"] = _OBJECT_MUST_NOT_BE["release"]
_HUMAN_OBJECTS = _NON_STATE_HEADS | _GOVERNMENT_HEADS | _MILITARY_HEADS | frozenset(
    {"inspector", "observer", "journalist", "civilian", "people", "candidate", "refugee",
     "plane", "ship", "convoy", "aid", "delivery", "access", "entry", "return", "election",
     "visit", "inspection", "worker", "leader", "member", "official", "citizen", "resident"})
_DEFEND_OBJECTS = frozenset({"right", "decision", "policy", "action", "move", "plan", "stance",
                             "position", "record", "deal", "agreement", "law", "measure"})


def _verb_fits(tok: Token, lemma: str) -> bool:
    """Whether a trigger verb's object makes it the event its lemma names."""
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    olemmas = {o.lemma_.lower() for o in objs}
    if lemma == "meet" and any(c.dep_ == "auxpass" for c in tok.children):
        return False  # "will be met with a response"
    if _operational_support(tok, lemma):
        return False
    if lemma == "press":
        return any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children) or (
            _prep_object(tok, {"for"}) is not None)
    if lemma in _OBJECT_MUST_BE:
        allowed = _OBJECT_MUST_BE[lemma]
        if lemma == "give" and any(o.ent_type_ in {"MONEY"} for o in objs):
            return True
        return bool(olemmas & allowed)
    if lemma in _OBJECT_MUST_NOT_BE:
        if lemma in {"release", "free"}:
            # "The glide bombs, fitted with kits, are released by Su-34 aircraft": the parser
            # may hang the released thing on a clause inside the verb's subtree.
            olemmas |= {t.lemma_.lower() for t in tok.subtree
                        if t.dep_ in {"nsubj", "nsubjpass", "dobj"} and t.i < tok.i}
        return not olemmas & _OBJECT_MUST_NOT_BE[lemma]
    if lemma in {"allow", "permit"}:
        # "allowed the opposition leader to hold a rally": the subject of the clause.
        objs += [g for ch in tok.children if ch.dep_ in {"ccomp", "xcomp"}
                 for g in ch.children if g.dep_ == "nsubj"]
        return any(o.lemma_.lower() in _HUMAN_OBJECTS or o.pos_ == "PROPN"
                   or o.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} for o in objs)
    if lemma == "defend":
        return any(o.lemma_.lower() in _DEFEND_OBJECTS or o.pos_ == "PROPN"
                   or o.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} for o in objs)
    return True


# Nouns that frame an event named by their modifier ("a mediation mission").
_FRAME_HEADS = frozenset({"effort", "mission", "bid", "initiative", "attempt", "process",
                          "campaign"})
# Nouns that measure or frame an event named by their "of" object.
_MEASURE_NOUNS = frozenset({"state", "day", "week", "month", "hour", "round", "series", "wave",
                            "period", "spate", "string", "campaign", "year"})
_MOTION_VERBS = frozenset({"return", "arrive", "come", "go", "travel", "fly", "head",
                           "converge", "gather", "assemble", "meet", "sit", "leave", "set"})
_JOINT_RE = re.compile(
    r"\b(?:joint|bilateral|trilateral|combined|multinational|allied|multilateral|"
    r"(?:two|three|four|five|\d)[- ](?:way|nation|country|party))\b", re.I)
_ADJUNCT_PREPS = frozenset({"under", "after", "before", "since", "following", "despite",
                            "without", "against", "than", "like", "as", "about", "over", "by"})
_TRAINEE_HEADS = frozenset({"crew", "personnel", "pilot", "soldier", "troop", "operator",
                            "officer", "cadet", "recruit", "specialist", "student", "trainee",
                            "instructor", "sailor", "marine", "gunner", "technician", "staff",
                            "sapper", "engineer", "serviceman", "servicemen", "commando",
                            "paratrooper", "conscript", "reservist", "mechanic", "diver"})


def _trainees(tok: Token) -> bool:
    """Whether a training noun names who is trained: "training for the crew", "the crews
    began training", "Ukrainian crews completed training"."""
    if _prep_object(tok, {"for", "of"}) is not None:
        return True
    verb = tok.head if tok.dep_ in {"dobj", "nsubj", "pobj", "xcomp"} else tok
    if tok.dep_ == "pobj":
        verb = tok.head.head
    subj = next((c for c in reversed(list(verb.children)) if c.dep_ in {"nsubj", "nsubjpass"}
                 and c.i < verb.i), None)
    if subj is not None and subj.i != tok.i and subj.lemma_.lower() in _TRAINEE_HEADS:
        return True
    return tok.dep_ == "nsubj" or any(c.dep_ == "poss" for c in tok.children)


def _is_joint(tok: Token) -> bool:
    """A joint exercise: "joint/bilateral drills" or two conjoined subjects ("X and Y held")."""
    left = tok.doc[tok.left_edge.i:tok.i].text
    return bool(_JOINT_RE.search(left))


def _sentence_candidates(sent: Span, index: _Index) -> list[_Candidate]:
    found: list[_Candidate] = []
    for tok in sent:
        trig = _trigger_of(tok)
        if trig is None:
            continue
        # A verb inside an infinitival relative of a noun is a capability, not an event
        # ("its capability to launch missiles").
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
        ):
            continue
        if _in_reporting_aside(tok):
            continue
        if _in_relative_clause(tok):
            continue
        cat, mode, rule = trig
        found.append(_Candidate(type=cat, mode=mode, trigger=tok, rule=rule, sent=sent))
    # The leaving ordered ("ordered troops to withdraw") is part of the order, not a retreat.
    orders = {c.trigger.i for c in found if c.rule.endswith("+leave")}
    found = [c for c in found if not (c.trigger.head.i in orders and c.trigger.dep_ in {
        "xcomp", "advcl", "ccomp"})]
    found.extend(_obligations(sent, {c.trigger.i for c in found}))
    arrivals = _arrivals(sent, index)
    if not found and not arrivals:
        return []
    for c in found:
        if c.type in plover.COOPERATIVE | {"AGREE"} and c.trigger.dep_ == "xcomp" and (
                c.trigger.head.lemma_.lower() == "fail"):
            c.type, c.rule = "REJECT", c.rule + "+fail"  # "failed to reach an agreement"
    # A noun already read as a verb's object ("held a joint exercise") is the same event.
    phrase_heads = {c.trigger.i for c in found if c.rule.startswith("phrase:")}
    found = [c for c in found if not (c.rule.startswith("noun:") and c.trigger.head.i in
                                      phrase_heads)]
    # Embedded triggers under a governing one fold into it ("agreed to provide" -> AGREE).
    by_tok = {c.trigger.i: c for c in found}
    kept: list[_Candidate] = []
    for c in found:
        gov = _governor(c.trigger, by_tok)
        if gov is not None and gov.type in plover.GOVERNING:
            gov.governed_by = gov.governed_by or c.type
            gov.embedded = gov.embedded or c.trigger
            continue
        kept.append(c)
    kept = _fold_purpose(kept)
    for c in kept:
        _participants(c, index)
    return kept + arrivals


_TRANSPORTS = frozenset({"ship", "vessel", "freighter", "train", "plane", "aircraft", "flight",
                         "convoy", "transport", "cargo", "airlifter", "truck"})
_ARMS_NOUNS = frozenset({"tank", "missile", "weapon", "arm", "ammunition", "shell", "jet",
                         "fighter", "launcher", "howitzer", "drone", "vehicle", "equipment",
                         "helicopter", "system", "interceptor", "rocket", "munition", "gun"})


def _arrivals(sent: Span, index: _Index) -> list[_Candidate]:
    """A transport carrying arms from one country that arrives in another delivers them: "A ship
    carrying 18 K2 tanks from South Korea arrived at the Polish port of Gdynia" (AID KOR->POL)."""
    out: list[_Candidate] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in {"arrive", "dock", "land", "reach"}:
            continue
        subj, _agent = _subject_of(tok) if tok.dep_ != "conj" else (None, False)
        if subj is None or subj.lemma_.lower() not in _TRANSPORTS:
            continue
        carry = next((c for c in subj.children if c.dep_ == "acl"
                      and c.lemma_.lower() in {"carry", "transport", "bring"}), None)
        cargo = next((c for c in carry.children if c.dep_ == "dobj"), None) if carry else None
        if cargo is None:
            continue
        weapon = any(e.type == EntityType.WEAPON_SYSTEM for e in index.within(
            cargo.left_edge.idx, cargo.right_edge.idx + len(cargo.right_edge)))
        if not weapon and cargo.lemma_.lower() not in _ARMS_NOUNS:
            continue
        src = _prep_object(cargo, {"from"}) or _prep_object(carry, {"from"}) or _prep_object(
            tok, {"from"})
        supplier = _actor_from(src, index) if src is not None else None
        dest = _training_host(tok, tok, index, supplier)
        if dest is None:
            for h in (tok,):
                to = _prep_object(h, {"to"})
                dest = _actor_from(to, index) if to is not None else None
        if supplier is None or not supplier.country or dest is None or not dest.country:
            continue
        cand = _Candidate(type="AID", mode="military", trigger=tok, rule="arrival:carrying",
                          sent=sent, actor=supplier, recipient=dest)
        cand.explicit_actor = True
        out.append(cand)
    return out


def _in_relative_clause(tok: Token) -> bool:
    """Whether a trigger sits in a relative clause: background about a participant ("crews who
    trained in Germany last year", "36 Rafales, which were delivered between 2020 and 2022",
    "a brigade that received the system last year"), not the news the sentence reports."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "relcl":
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _in_reporting_aside(tok: Token) -> bool:
    """Whether a trigger sits in a comment hung on a reporting verb ("..., the ministry said,
    the latest step in a programme that Minsk and Moscow agreed"): the reporter's gloss on the
    reported event, not an event of its own."""
    cur = tok
    for _ in range(10):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in {"npadvmod", "appos", "attr"} and cur.pos_ in {"NOUN", "PROPN"} and (
                cur.head.pos_ == "VERB" and cur.head.lemma_.lower() in plover.REPORTING_VERBS
                and cur.i > cur.head.i):
            return True
        if cur.dep_ == "ccomp":
            return False
        cur = cur.head
    return False


def _fold_purpose(cands: list[_Candidate]) -> list[_Candidate]:
    """A purpose clause of a protest act states what it is about, not a second event: "began a
    hunger strike to protest X", "rallied to demand X", "marched to oppose X" are one PROTEST
    aimed at X."""
    out = []
    for c in cands:
        tok = c.trigger
        if c.type in {"DEMAND", "DISAPPROVE", "REJECT"} and tok.pos_ == "VERB" and tok.dep_ in {
                "advcl", "xcomp", "acl", "relcl"} and any(ch.lower_ == "to" and ch.dep_ == "aux"
                                                 for ch in tok.children):
            host = next((o for o in cands if o.type == "PROTEST" and o is not c and (
                o.trigger.i == tok.head.i or o.trigger.head.i == tok.head.i
                or o.trigger.head.head.i == tok.head.i)), None)
            if host is not None:
                host.embedded = host.embedded or tok
                continue
        out.append(c)
    return out


_OBLIGATION_AUX = frozenset({"must", "should"})


def _obligations(sent: Span, triggers: set[int]) -> list[_Candidate]:
    """A speaker saying another party must act makes a demand of it (PLOVER DEMAND): "X said
    that Y must withdraw", "X concluded that Y must pay", "X reminded Y that it must comply".
    The candidate sits on the verb or noun that introduces the clause; the clause's events fold
    into it like those under "demanded that"."""
    out: list[_Candidate] = []
    for tok in sent:
        if not any(ch.dep_ == "aux" and ch.lower_ in _OBLIGATION_AUX for ch in tok.children):
            continue
        if tok.dep_ not in {"ccomp", "acl"} or tok.head.i in triggers:
            continue
        head = tok.head
        subj = next((ch for ch in tok.children if ch.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.lower_ in {"we", "i", "you", "one", "there"}:
            continue
        if not any(ch.lower_ == "must" for ch in tok.children) and not any(
                t.pos_ == "PROPN" or country_code(t.text) for t in subj.subtree):
            continue  # "should" demands only of a named party ("Belgrade should withdraw")
        speaker_verb = _clause_verb(head) if head.pos_ == "NOUN" else head
        speaker, _agent = _subject_of(speaker_verb)
        if speaker is None and head.pos_ != "NOUN":
            continue
        addressee = _prep_object(speaker_verb, {"to"}) or _prep_object(head, {"to"})
        if subj.lower_ in _PERSONAL_PRONOUNS and addressee is None:
            continue  # "Russia said it must defend itself" states its own intent
        if any(o.trigger.i == head.i for o in out):
            continue
        cand = _Candidate(type="DEMAND", mode=None, trigger=head, rule="modal:must", sent=sent)
        cand.embedded = tok
        out.append(cand)
    return out


def _governor(tok: Token, by_tok: dict[int, _Candidate]) -> _Candidate | None:
    """The nearest governing trigger above tok ("threatened to attack ... if drills continue")."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ == "parataxis":
            return None
        if cur.dep_ == "pcomp" and cur.head.lower_ in _ADJUNCT_OF:
            return None  # "demanded a truce before allowing convoys": a separate act
        if cur.dep_ == "conj":
            # A conjunct shares its first conjunct's governor ("accused of repairing ... and
            # supplying"), but the first conjunct does not govern it.
            cur = cur.head
            continue
        if cur.dep_ == "ccomp":
            # "reiterated its demand that X withdraw": the clause completes the noun.
            noun = next((by_tok[ch.i] for ch in cur.head.children if ch.dep_ == "dobj"
                         and ch.i in by_tok and by_tok[ch.i].type in plover.GOVERNING
                         and ch.pos_ == "NOUN"), None)
            if noun is not None:
                return noun
        cur = cur.head
        cand = by_tok.get(cur.i)
        if cand is not None and cand.type in plover.GOVERNING:
            return cand
    return None


def _clause_verb(tok: Token) -> Token:
    """The verb whose subject is the trigger's actor."""
    cur = tok
    for _ in range(5):
        if cur.pos_ in {"VERB", "AUX", "ADJ"} and cur.dep_ not in {"amod"}:
            return cur
        if cur.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "conj", "appos"}:
            cur = cur.head
        else:
            break
    return cur


def _subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject, is_agent) for a verb, climbing xcomp/conj/advcl chains."""
    cur = verb
    for _ in range(5):
        agent = None
        subjects = [c for c in cur.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            # "MOSCOW — Belarusian crews have begun ...": a dateline read as a second subject.
            return subjects[-1], False
        for c in cur.children:
            if c.dep_ == "agent":
                agent = next((g for g in c.children if g.dep_ == "pobj"), None)
                if agent is not None and (agent.lemma_.lower() in _TIME_NOUNS
                                          or agent.ent_type_ in {"DATE", "TIME"}):
                    agent = None  # "would be delivered by the end of 2026": a deadline
        if agent is not None:
            return agent, True
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.dep_ in {"dobj", "attr"}:
            cur = cur.head.head  # "issued a statement demanding ...": the issuer demands
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
            cur = cur.head.head  # "are looking at sending": the looker sends
            continue
        if cur.dep_ in {"xcomp", "conj", "advcl", "acomp", "ccomp"} and cur.head.i != cur.i:
            if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in plover.REPORTING_VERBS:
                return None, False
            cur = cur.head
            continue
        return None, False
    return None, False


def _reporter_of_conjunct(verb: Token, verbal: bool = False) -> Token | None:
    """The reporting verb a subjectless conjunct belongs to when the parser hung it on the
    reported clause: in "X said that Belarus had become a platform and called on NATO to act",
    "called" matches "said" in tense, not "had become"."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or any(
            ch.dep_ in {"nsubj", "nsubjpass"} for ch in verb.children):
        return None
    first = verb.head
    if first.dep_ in {"acomp", "attr", "oprd"}:
        first = first.head  # "... had become more aggressive and called on ..."
    if first.dep_ != "ccomp" or first.tag_ == verb.tag_ and not any(
            ch.dep_ == "aux" and ch.lower_ in {"had", "has", "have"} for ch in first.children
    ) and first.lemma_.lower() not in {"be", "become", "remain", "seem", "show", "prove"}:
        return None
    cur = first
    for _ in range(3):
        if cur.dep_ != "ccomp":
            return None
        cur = cur.head
        if cur.pos_ == "VERB" and cur.lemma_.lower() in plover.REPORTING_VERBS:
            same = cur.tag_ == verb.tag_ or verbal and cur.tag_ == "VBD" and verb.tag_ == "VBN"
            return cur if same else None  # (a speech act the tagger read as "had called")
    return None


_TIME_NOUNS = frozenset({"end", "beginning", "start", "middle", "close", "time", "date",
                        "deadline", "spring", "summer", "autumn", "fall", "winter"})


def _participants(c: _Candidate, index: _Index) -> None:
    tok = c.trigger
    verb = _clause_verb(tok)
    reporter = _reporter_of_conjunct(verb, c.type in _VERBAL | {"THREATEN"})
    subj, is_agent = _subject_of(reporter if reporter is not None else verb)
    passive_subj = next((t for t in verb.children if t.dep_ == "nsubjpass"), None)
    if passive_subj is None and verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
            t.dep_ in {"nsubj", "nsubjpass", "agent"} for t in verb.children):
        # "tanks have been damaged or destroyed": the conjunct shares the passive.
        passive_subj = next((t for t in verb.head.children if t.dep_ == "nsubjpass"), None)
        if any(t.dep_ == "agent" for t in verb.head.children):
            subj, is_agent = _subject_of(verb.head)
    c.passive_no_agent = passive_subj is not None and not is_agent and tok.pos_ == "VERB"
    if c.rule == "verb:explode" and (subj is None or _head_kind(subj.lemma_.lower()) is None):
        # A bomb that went off: an assault whose author is not named, aimed at where it hit.
        c.passive_no_agent, subj = True, None
    if c.passive_no_agent and c.type == "RETREAT" and c.mode in {"disarm", "withdraw"}:
        # "the guerrillas were demobilized", "troops were withdrawn": those who retreat.
        c.passive_no_agent, subj = False, passive_subj
    elif c.passive_no_agent:
        subj = None  # a passive's actor is its agent, never a subject borrowed from elsewhere
    trainee: Token | None = None
    if c.mode == "training" and subj is not None and subj.lower_ in _RELATIVES and (
            subj.head.dep_ == "relcl"):
        subj = subj.head.head  # "crews who trained in Germany": the crews are trained
    if c.mode == "training" and subj is not None and subj.lemma_.lower() in _TRAINEE_HEADS and (
        tok.pos_ != "VERB" or not any(ch.dep_ == "dobj" for ch in tok.children)
    ):
        # "Ukrainian crews completed training", "crews who trained in Germany": the subject is
        # trained; the trainer is found later (the "by/in X" country or the weapon's origin).
        trainee, subj = subj, None
    # Nouns: a possessor or "by X"/"of X" names the actor ("Israel's invasion").
    if tok.pos_ in {"NOUN", "PROPN"}:
        poss = next((t for t in tok.children if t.dep_ == "poss"), None)
        if poss is not None and poss.lower_ not in _PRONOUNS:
            subj = poss  # "their exercise" keeps the clause's subject
    if subj is not None and subj.i == tok.i:
        subj = None  # "Training began": the trigger noun is not its own actor
    if (tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i == verb.i
            and c.type in {"AID", "MOBILIZE", "RETREAT"}):
        # "The delivery of tanks from Germany ... was delayed", "the deployment of British
        # troops to X began": the supplier after "by/from", else the forces' nationality.
        own = _prep_object(tok, {"by", "from"}) if c.type != "RETREAT" else None
        if own is None:
            own = _prep_object(tok, {"of"})
            if own is not None and c.type == "AID" and own.lemma_.lower() not in _ARMS_NOUNS:
                own = None
        if own is not None and _actor_from(own, index) is not None:
            subj, c.passive_no_agent = own, False
    if subj is not None and (subj.lower_ in {"none", "nobody", "neither"} or any(
            ch.dep_ == "det" and ch.lower_ in {"no", "neither"} for ch in subj.children)):
        c.nobody = True  # "no other country has so far committed a full system"
    actor = _actor_from(subj, index) if subj is not None else None
    if actor is None and subj is not None and subj.lower_ in _PERSONAL_PRONOUNS:
        # "Gbagbo announced that he will extend the curfew": the pronoun is the speaker.
        actor = _antecedent_actor(subj, index)
    c.explicit_actor = actor is not None
    c.subj_tok = subj
    if subj is not None:
        for t in _conjuncts(subj):
            a = _actor_from(t, index)
            code = a.country if a is not None and a.country else country_code(t.text)
            if code:
                c.allies.add(code)
    recipient: Actor | None = None
    if trainee is not None:
        recipient = _actor_from(trainee, index)
        src = _prep_object(verb, {"by", "in"}) or _prep_object(tok, {"by", "in"})
        trainer = _actor_from(src, index) if src is not None else None
        if trainer is None or not trainer.country:
            trainer = _training_host(tok, verb, index, recipient)
        if trainer is not None and trainer.country and (
                recipient is None or trainer.country != recipient.country):
            actor = trainer
    elif passive_subj is not None and (is_agent or c.type in _TARGET_TYPES | {"DISAPPROVE"}):
        recipient = _actor_from(passive_subj, index)
    lemma = tok.lemma_.lower()
    if (lemma == "receive" or c.rule == "phrase:take+delivery") and actor is not None:
        # The subject of "receive" is the recipient; the supplier comes from "from X" or context.
        recipient, actor = actor, None
        src = _prep_object(verb, {"from"}) or next(
            (o for ch in verb.children if ch.dep_ == "dobj" for t in ch.subtree
             for o in [_prep_object(t, {"from"})] if o is not None), None)
        if src is not None:  # "received the first battery from Germany"
            actor = _actor_from(src, index)
    if recipient is None and c.rule.startswith("phrase:") and c.type == "DISAPPROVE":
        # "lodged a formal protest with Turkey over ...": the addressee hangs on the noun.
        for o in (ch for ch in tok.children if ch.dep_ == "dobj"):
            to = _prep_object(o, {"with", "to", "against"})
            a = _actor_from(to, index) if to is not None else None
            if a is not None and a.country:
                recipient = a
                break
    if recipient is None and c.rule == "phrase:call+on":
        callee = _prep_object(tok, {"on", "upon"})  # "called on NATO allies to ..."
        recipient = _actor_from(callee, index) if callee is not None else None
    if recipient is None and c.type == "RETREAT":
        recipient = _retreat_from(tok, index, actor)
    if recipient is None:
        recipient = _recipient(tok, verb, index, actor, c.type)
    if recipient is None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "had delivered 18 tanks to Ukraine and would deliver a further batch": shared object.
        recipient = _recipient(verb.head, verb.head, index, actor, c.type)
    if c.mode == "exercise" and actor is not None and subj is not None:
        partner = _conjunct_partner(subj, index, actor) or _with_partner(tok, verb, index,
                                                                          actor)
        if partner is not None:
            c.type, recipient = "COOPERATE", partner
    reciprocal = c.type == "FIGHT" and {tok.lemma_.lower(), verb.lemma_.lower()} & RECIPROCAL
    if (c.type in SYMMETRIC or reciprocal) and recipient is None and subj is not None:
        # "X and Y held talks", "Indian and Chinese soldiers clashed": each is the other's
        # party; in a clash the co-subjects are the two sides, not allies.
        recipient = _conjunct_partner(subj, index, actor)
        if reciprocal and recipient is not None:
            c.allies.discard(recipient.country or "")
    if c.type in {"DEMAND", "REQUEST"} and c.embedded is not None and (
            recipient is None or not recipient.country):
        # "demanded that the government resign", "said Y must withdraw": who is to act.
        esubj = next((ch for ch in c.embedded.children if ch.dep_ in {"nsubj", "nsubjpass"}),
                     None)
        ea = _actor_from(esubj, index) if esubj is not None else None
        if ea is not None and (actor is None or ea.text != actor.text):
            recipient = ea
    if recipient is None and c.type == "PROTEST":
        # "a hunger strike in protest against X", "in protest of X's refusal".
        recipient = _protest_object(c.sent, index, actor)
    if recipient is None and c.type in plover.HOSTILE and c.embedded is None:
        # "opened fire to disperse demonstrators": the purpose clause names the target.
        purpose = next((ch for ch in (*tok.children, *verb.children) if ch.dep_ in {
            "advcl", "xcomp"} and any(g.lower_ == "to" and g.dep_ == "aux"
                                      for g in ch.children)), None)
        if purpose is not None:
            recipient = _recipient(purpose, purpose, index, actor, c.type)
    if recipient is None and c.embedded is not None:
        # "threatened to ban Ugandan candidates": the embedded act's object is the target.
        emb = c.embedded
        recipient = _recipient(emb, _clause_verb(emb), index, actor, c.type)
    if recipient is None and c.type not in _SYMMETRIC:
        # People acted on, of no stated nationality ("dispersed fundamentalist demonstrators");
        # the sentence may still tell where they are from.
        recipient = _human_object(tok, verb, index)
    if c.type == "THREATEN" and tok.lemma_.lower() in {"warn", "threaten", "vow"}:
        actor, recipient = _conditional_threat(tok, index, actor, recipient)
    c.actor, c.recipient = actor, recipient
    if actor is not None and recipient is not None and actor.text == recipient.text:
        c.recipient = None


def _retreat_from(tok: Token, index: _Index, actor: Actor | None) -> Actor | None:
    """Where forces withdraw from: "pulled out of the town of Kherson", "their withdrawal from
    Niger", "pulled back from three villages": the country, or the country of the place."""
    heads = [tok, *(ch for ch in tok.children if ch.dep_ in {"prt", "advmod", "prep"}
                    and ch.lower_ in plover.PARTICLES)]
    if tok.dep_ in {"dobj", "nsubj"} and tok.pos_ == "NOUN":
        heads.append(tok.head)
    heads += [ch for ch in tok.children if ch.dep_ == "dobj" and ch.pos_ == "NOUN"]
    # ("completed their withdrawal from Niger": the noun, or the verb it is the object of.)
    for h in heads:
        o = _prep_object(h, {"from", "of"} if h.lower_ in {"out", "back", "away"} else {"from"})
        if o is None:
            continue
        a = _actor_from(o, index)
        if a is not None and a.country and (actor is None or a.country != actor.country):
            return a
        for e in index.within(o.left_edge.idx, o.right_edge.idx + len(o.right_edge)):
            code = _entity_code(e) or (_place_country(e) if e.type == EntityType.PLACE else None)
            if code and (actor is None or code != actor.country):
                return Actor(text=e.text, country=code, kind="state")
    return None


def _conditional_threat(tok: Token, index: _Index, actor: Actor | None,
                        recipient: Actor | None) -> tuple[Actor | None, Actor | None]:
    """"Its spokeswoman warned that Russia would take all necessary measures if Poland went
    ahead": the one who would act threatens (for a speaker of no stated country), and the
    party whose move is the condition is the target."""
    clause = next((ch for ch in tok.children if ch.dep_ == "ccomp"), None)
    if clause is None:
        return actor, recipient
    doer = next((ch for ch in clause.children if ch.dep_ == "nsubj"), None)
    side = _actor_from(doer, index) if doer is not None else None
    if side is not None and side.country and (actor is None or not actor.country):
        actor = Actor(text=actor.text if actor is not None else side.text,
                      country=side.country, kind=actor.kind if actor is not None else side.kind)
    cond = next((ch for ch in clause.children if ch.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in {"if", "unless", "should"} for m in ch.children)), None)
    csubj = next((ch for ch in cond.children if ch.dep_ == "nsubj"), None) if cond else None
    target = _actor_from(csubj, index) if csubj is not None else None
    if target is not None and target.country and (actor is None or
                                                  target.country != actor.country):
        return actor, target
    if recipient is not None and actor is not None and recipient.country == actor.country:
        recipient = None  # the one who would act is not the one threatened
    return actor, recipient


def _training_host(tok: Token, verb: Token, index: _Index, trainee: Actor | None) -> Actor | None:
    """The country where training happens, as its host: "at a training ground in southern
    Russia", "at a Russian range", "in Germany". Not the trainees' own country."""
    own = trainee.country if trainee is not None else None
    for h in (tok, verb):
        for ch in h.children:
            if ch.dep_ != "prep" or ch.lower_ not in {"in", "at"}:
                continue
            for g in ch.children:
                if g.dep_ != "pobj":
                    continue
                for e in index.within(g.left_edge.idx, g.right_edge.idx + len(g.right_edge)):
                    code = _place_country(e) if e.type in {
                        EntityType.COUNTRY, EntityType.PLACE} else (
                        e.country if e.type == EntityType.ORGANIZATION else None)
                    if code and code != own and country_name(code):
                        return Actor(text=country_name(code) or code, country=code,
                                     kind="state")
    return None


_PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
_QUANTITY_HEADS = frozenset({"third", "half", "quarter", "thousand", "hundred", "dozen",
                             "million", "score", "some", "most", "many", "part", "majority",
                             "minority", "number", "handful", "couple", "rest", "all"})


def _human_object(tok: Token, verb: Token, index: _Index) -> Actor | None:
    heads = [tok, verb] + [ch for h in (tok, verb) for ch in h.children
                           if ch.dep_ in {"advcl", "xcomp"}]
    for h in heads:
        for ch in h.children:
            if ch.dep_ == "dobj":
                a = _actor_from(ch, index)
                if any(x.type == EntityType.WEAPON_SYSTEM
                       for x in index.overlapping(ch.left_edge.idx, ch.idx + len(ch))):
                    continue  # "flew JF-17 fighters": the aircraft flown are no target
                if a is not None and a.kind in {"non_state", "government", "military", "person"}:
                    return a
    return None


def _protest_object(sent: Span, index: _Index, actor: Actor | None) -> Actor | None:
    for t in sent:
        if t.lemma_.lower() == "protest" and t.dep_ == "pobj" and t.head.lower_ == "in":
            o = _prep_object(t, {"against", "of", "at", "over"})
            if o is None:
                continue
            for e in index.within(o.left_edge.idx, o.right_edge.idx + len(o.right_edge)):
                code = _entity_code(e)
                if code and (actor is None or code != actor.country or e.type in {
                        EntityType.ORGANIZATION, EntityType.PERSON}):
                    return Actor(text=e.text, country=code, kind=_entity_kind(e))
            return _actor_from(o, index)
    return None


def _antecedent_actor(pron: Token, index: _Index) -> Actor | None:
    """The subject of the clause that embeds a pronoun subject ("X said it would ...")."""
    cur = pron.head
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in {"ccomp", "xcomp", "advcl", "conj"}:
            return None
        cur = cur.head
        subj = next((ch for ch in cur.children if ch.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.lower_ not in _PRONOUNS | _RELATIVES:
            return _actor_from(subj, index)
    return None


def _conjuncts(tok: Token) -> list[Token]:
    out = []
    for t in tok.subtree:
        # "Israel, the United States, the United Kingdom and France": a list parsed as an
        # apposition followed by conjuncts.
        if t.i != tok.i and (t.dep_ == "conj" or t.dep_ == "appos" and any(
                c.dep_ == "conj" for c in t.children)):
            out.append(t)
    # "Finnish and US artillery units": conjoined modifiers of the head.
    for ch in tok.children:
        if ch.dep_ in {"amod", "compound", "nmod"}:
            out.extend(t for t in ch.children if t.dep_ == "conj")
    return out


SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
RECIPROCAL = frozenset({"clash", "exchange", "skirmish", "scuffle"})


def _conjunct_partner(subj: Token, index: _Index, actor: Actor | None) -> Actor | None:
    """The first conjoined subject of another country ("Finland and the United States")."""
    for t in _conjuncts(subj):
        a = _actor_from(t, index)
        if a is None or not a.country:
            code = country_code(t.text)
            a = Actor(text=t.text, country=code, kind="state") if code else None
        if a is not None and a.country and (actor is None or a.country != actor.country):
            return a
    return None


def _with_partner(tok: Token, verb: Token, index: _Index, actor: Actor) -> Actor | None:
    """An exercise held "with X" is joint."""
    for h in (tok, verb):
        o = _prep_object(h, {"with", "alongside"})
        if o is not None:
            a = _actor_from(o, index)
            if a is not None and a.country and a.country != actor.country:
                return a
    return None


def _prep_object(head: Token, preps: set[str]) -> Token | None:
    for c in head.children:
        if c.dep_ in {"prep", "dative", "agent"} and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _recipient(tok: Token, verb: Token, index: _Index, actor: Actor | None,
               etype: str) -> Actor | None:
    heads = [tok] if tok.i == verb.i else [tok, verb]
    cands: list[Token] = []
    topic_object = tok.lemma_.lower() in {"discuss", "negotiate", "talk", "confer"}
    for h in heads:
        if etype in {"DISAPPROVE", "PROTEST"}:
            # The grievance before the addressee: "complained to the UN over Israeli raids".
            for p in ("against", "over", "about"):
                o = _prep_object(h, {p})
                if o is not None:
                    cands.append(o)
        if etype == "INVESTIGATE":
            # "investigating crimes by X": the suspects are investigated.
            for ch in h.children:
                o = _prep_object(ch, {"by"}) if ch.dep_ == "dobj" else None
                if o is not None:
                    cands.append(o)
        by_objects = [o for ch in h.children if ch.dep_ == "dobj"
                      for o in [_prep_object(ch, {"by"})] if o is not None]
        if tok.lemma_.lower() in {"allow", "permit"}:
            cands.extend(g for ch in h.children if ch.dep_ in {"ccomp", "xcomp"}
                         for g in ch.children if g.dep_ == "nsubj")
        for ch in h.children:
            if ch.dep_ in {"dobj", "iobj", "dative"} and ch.pos_ in {"NOUN", "PROPN", "PRON"}:
                if topic_object and ch.dep_ == "dobj":
                    continue  # what is discussed is a topic, not a partner
                cands.append(ch)
            elif ch.dep_ == "dative":
                cands.extend(g for g in ch.children if g.dep_ == "pobj")
        # The author of the act acted on: "violated a ban by X", "condemned the attack by X".
        cands.extend(by_objects)
        if etype == "AID":
            # "delivered $50,000 worth of goods to X": the destination hangs on the object.
            cands.extend(o for ch in h.children if ch.dep_ == "dobj"
                         for o in [_prep_object(ch, {"to"})] if o is not None)
        preps = _RECIPIENT_PREPS + (_TARGET_PREPS if etype in _TARGET_TYPES else ()) + (
            ("from",) if etype in {"DEMAND", "REQUEST"} else ()) + (  # "autonomy from X"
            ("between",) if etype == "CONSULT" else ())  # "mediation between X and Y"
        for p in preps:
            o = _prep_object(h, {p})
            if o is not None and not (p == "with" and any(
                    t.lower_ == "together" for t in (*h.children, *o.head.children))):
                cands.append(o)
        if etype in {"DEMAND", "REQUEST"}:
            for ch in h.children:
                o = _prep_object(ch, {"from"}) if ch.dep_ == "dobj" and _prep_object(
                    ch, {"of"}) is None else None  # not "the withdrawal of X from Y"
                if o is not None:
                    cands.append(o)  # "demanded autonomy from the authorities"
        # A trigger noun inside a prepositional object: "training for the Belarusian crew".
        for ch in h.children:
            if ch.dep_ == "xcomp":
                for g in ch.children:
                    if g.dep_ in {"dobj", "nsubj"}:
                        cands.append(g)
    # Conjoined objects stand in for their first ("between the Emirates and Saudi Arabia").
    cands += [t for cand in cands for t in cand.children if t.dep_ == "conj"]
    for cand in cands:
        a = _actor_from(cand, index)
        if a is not None and a.country and (actor is None or a.country != actor.country
                                            or a.text != actor.text):
            return a
    # Fall back to a country before the object's head ("Serbia's suppression of ...").
    for cand in cands:
        for e in index.within(cand.left_edge.idx, cand.idx + len(cand)):
            code = _entity_code(e) if e.start not in index.ethnic else None
            if code and (actor is None or code != actor.country):
                return Actor(text=e.text, country=code, kind=_entity_kind(e))
    # An act on a person or body: "the resignation of President X", "the removal of X",
    # "President X's failure".
    for cand in cands:
        of = _prep_object(cand, {"of"}) if cand.pos_ == "NOUN" else None
        a = _actor_from(of, index) if of is not None else None
        if a is not None and (a.country or a.kind in {"person", "government"}) and (
                actor is None or a.country != actor.country or a.text != actor.text):
            return a
        for e in index.overlapping(cand.left_edge.idx, cand.idx + len(cand)):
            if e.type == EntityType.PERSON:
                return Actor(text=e.text, country=None, kind="person")
    return None


def _entity_code(e: Entity) -> str | None:
    if e.type == EntityType.COUNTRY:
        return e.country or e.canonical
    if e.type in {EntityType.PERSON, EntityType.ORGANIZATION}:
        if e.country:
            return e.country
        if e.type == EntityType.ORGANIZATION and e.subtype in {"igo", "alliance"}:
            return igo_code(e.canonical) or igo_code(e.text) or "IGO"
    return None


def _entity_kind(e: Entity) -> ActorKind:
    if e.type == EntityType.PERSON:
        return "person"
    if e.type == EntityType.ORGANIZATION:
        return {"armed_forces": "military", "unit": "military", "ministry": "government",
                "government": "government", "alliance": "igo", "igo": "igo"}.get(
            e.subtype or "", "non_state")
    if e.type == EntityType.COUNTRY:
        return "government" if is_metonym(e.text) else "state"
    return "unknown"


def _np_span(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by tok, without relative clauses or
    prepositional phrases other than "of" ("crews at its facility" -> "crews")."""
    left = tok.left_edge
    right = tok
    for t in tok.subtree:
        if t.i > tok.i and (t.dep_ in {"relcl", "acl", "punct", "cc", "appos", "advcl"} or (
                t.dep_ == "prep" and t.head.i == tok.i and t.lower_ != "of")
                or t.i > right.i + 1):
            break  # stop at the first clause, list or gap: the phrase must be contiguous
        if t.i > tok.i:
            right = t
    if tok.dep_ in {"compound"}:
        left = tok
    return left.idx, right.idx + len(right)


def _actor_from(tok: Token, index: _Index) -> Actor | None:
    lo, hi = index.bounds
    if tok.lower_ in _PRONOUNS or not lo <= tok.idx < hi:
        return None
    if (tok.pos_ == "NUM" or tok.lemma_.lower() in _QUANTITY_HEADS) and any(
            ch.dep_ == "prep" and ch.lower_ == "of" for ch in tok.children):
        # "one third of the guerrillas", "thousands of Nigerians": the people counted.
        of = _prep_object(tok, {"of"})
        if of is not None and of.pos_ in {"NOUN", "PROPN"}:
            return _actor_from(of, index)
    if tok.lower_ in _RELATIVES and tok.head.dep_ == "relcl":
        # "China, which provides ...": the relative pronoun stands for the noun it modifies.
        tok = tok.head.head
        if not lo <= tok.idx < hi:
            return None
    s, e = _np_span(tok)
    s, e = max(s, lo), min(e, hi)
    text = index.text[s:e]
    # Countries after the head ("a facility in Belarus") are places, not the actor's nationality,
    # except for people and bodies ("security forces in Guinea", "Albanians of southern
    # Serbia"), who are coded by where they live. "Ethnic X" names no nationality.
    ents = [x for x in index.overlapping(s, tok.idx + len(tok)) if x.start not in index.ethnic]
    head_lemma = tok.lemma_.lower()
    coded_pre = [x for x in ents if x.type == EntityType.COUNTRY and _entity_code(x)]
    if head_lemma in {"fighter", "bomber"} and any(
            x.type == EntityType.WEAPON_SYSTEM for x in index.overlapping(s, tok.idx)):
        # "JF-17 fighters", "Su-34 bombers": aircraft, not militia fighters or bombers.
        code = next((_entity_code(x) for x in coded_pre), None)
        return Actor(text=text, country=code, kind="military")
    head_ent = next((x for x in coded_pre if x.start <= tok.idx < x.end), None)
    head_demonym = head_ent is not None and _is_demonym(head_ent)
    if head_ent is not None and not head_demonym:
        # "NATO-member Norway": the named country, not its modifier.
        return Actor(text=text, country=_entity_code(head_ent), kind=_entity_kind(head_ent))
    if _is_group(tok) and (not ents or head_demonym and len(coded_pre) == len(ents)):
        post = _post_country(tok, index)
        if post is not None and not any(_entity_code(x) == post for x in ents):
            return Actor(text=text, country=post, kind=_head_kind(head_lemma) or "non_state")
    if head_demonym:
        # "Bosnian Serbs": the modifier says where the group lives.
        mod = next((x for x in coded_pre if x is not head_ent and x.end <= tok.idx), None)
        if mod is not None:
            return Actor(text=text, country=_entity_code(mod), kind="non_state")
    if not coded_pre and tok.pos_ == "PROPN" and all(x.type == EntityType.PERSON for x in ents):
        # "President Emmanuel Macron of France": a named person takes the country after "of".
        of = _prep_object(tok, {"of"})
        home = [x for x in index.overlapping(of.idx, of.idx + len(of))
                if x.type == EntityType.COUNTRY and _entity_code(x)] if of is not None else []
        if home:
            return Actor(text=text, country=_entity_code(home[0]), kind="person")
    if not ents and any(x.start in index.ethnic
                        for x in index.overlapping(tok.idx, tok.idx + len(tok))):
        return Actor(text=text, country=None, kind="non_state")
    for ent in sorted(ents, key=lambda x: (x.type != EntityType.PERSON, x.start)):
        code = _entity_code(ent)
        if code is None:
            continue
        kind = _entity_kind(ent)
        if ent.type == EntityType.COUNTRY and not (ent.start <= tok.idx < ent.end):
            # A demonym or possessor modifying a head noun: the head decides the kind.
            kind = _head_kind(head_lemma) or "state"
        return Actor(text=text, country=code, kind=kind)
    # A named organisation of no known country is still an actor ("the Kurdistan Workers'
    # Party", "the APEC forum").
    org = next((x for x in ents if x.type == EntityType.ORGANIZATION), None)
    if org is not None and not country_code(tok.text):
        return Actor(text=text, country=_first_country(org.text), kind=_entity_kind(org))
    # Compound conjuncts: "Hungarian and Romanian officials".
    code = country_code(tok.text) or igo_code(tok.text)
    if code:
        return Actor(text=text, country=code, kind="state")
    # A demonym the entity layer left untagged ("British F-35B jets").
    for t in tok.doc[tok.left_edge.i:tok.i]:
        code = country_code(t.text) if t.idx >= s and t.text[:1].isupper() and (
            t.idx not in index.ethnic) else None
        if code:
            return Actor(text=text, country=code, kind=_head_kind(head_lemma) or "state")
    kind = _head_kind(head_lemma)
    if kind is None and head_lemma in _PEOPLE_NOUNS and tok.tag_ in {"NNS", "NN"}:
        kind = "non_state"  # "hundreds of people", "civilians": a crowd, not a state
    if kind is None and tok.pos_ != "PROPN":
        return None
    return Actor(text=text, country=None, kind=kind or "unknown")


def _is_demonym(e: Entity) -> bool:
    if e.subtype == "adjective":
        return True
    if e.subtype in {"government", "name"}:
        return False
    name = country_name(e.country or "") or ""
    return bool(name) and name.split()[0] not in e.text and not is_capital(e.text)


def _is_group(tok: Token) -> bool:
    """People or a body (not a place or thing): a human head noun or a plural of people."""
    return _head_kind(tok.lemma_.lower()) is not None or (
        tok.tag_ == "NNPS" or tok.tag_ == "NNS" and tok.lemma_.lower() in _PEOPLE_NOUNS)


_PEOPLE_NOUNS = frozenset({"people", "citizen", "national", "civilian", "man", "woman", "youth",
                           "member", "leader", "local", "inhabitant", "albanian",
                           # crowds named by who they are: "veterans rallied in Seoul"
                           "veteran", "farmer", "student", "worker", "resident", "villager",
                           "pensioner", "miner", "teacher", "doctor", "nurse", "trucker",
                           "driver", "activist", "supporter", "demonstrator", "protester",
                           "protestor", "mother", "family", "relative", "employee"})
_POST_PREPS = frozenset({"in", "of", "from", "inside"})


def _post_country(tok: Token, index: _Index) -> str | None:
    """The country of "in/of/from X" (or "based/operating in X") after a group's head."""
    heads = [tok] + [ch for ch in tok.children if ch.dep_ == "acl" and ch.tag_ in {"VBN", "VBG"}]
    for h in heads:
        for prep in h.children:
            if prep.dep_ != "prep" or prep.lower_ not in _POST_PREPS:
                continue
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            found = [e for e in index.within(pobj.left_edge.idx,
                                             pobj.right_edge.idx + len(pobj.right_edge))
                     if e.type in {EntityType.COUNTRY, EntityType.PLACE} and e.country]
            # The place itself before its modifiers ("the Israeli-occupied West Bank").
            found.sort(key=lambda e: (not e.start <= pobj.idx < e.end, _is_demonym(e)))
            if found:
                return found[0].country
    return None


def _head_kind(lemma: str) -> ActorKind | None:
    if lemma in _MILITARY_HEADS:
        return "military"
    if lemma in _GOVERNMENT_HEADS:
        return "government"
    if lemma in _NON_STATE_HEADS:
        return "non_state"
    return None


# ---------------------------------------------------------------------------------------------
# Aux, contexts, weapons, dates, attribution


def _aux(c: _Candidate, published: date | None) -> Aux | None:
    tok = c.trigger
    chain = [tok]
    via_conj: set[int] = set()  # reached through a conjunction: its negation is not ours
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in {"xcomp", "dobj", "pobj", "prep", "ccomp",
                                                   "acomp", "conj", "nsubj", "attr", "pcomp"}:
            break
        conj = cur.dep_ == "conj" or cur.i in via_conj
        cur = cur.head
        if cur.lemma_.lower() in plover.REPORTING_VERBS:
            if cur.lemma_.lower() == "deny" and not conj:
                return "negation"  # "Tehran denied that it had delivered drones"
            break
        if conj:
            via_conj.add(cur.i)
        chain.append(cur)
    words = {t.lower_ for t in chain for t in t.children if t.dep_ in {"aux", "neg", "mark"}}
    neg_words = {w.lower_ for t in chain if t.i not in via_conj for w in t.children
                 if w.dep_ in {"aux", "neg"}}
    lemmas = {t.lemma_.lower() for t in chain}
    # "no other country has committed": a subject determined by "no" negates.
    no_subject = any(d.lower_ == "no" and d.dep_ == "det" for t in chain if t.i not in via_conj
                     for s in t.children if s.dep_ in {"nsubj", "nsubjpass"} for d in s.children)
    denied = {t.lemma_.lower() for t in chain if t.i not in via_conj and not (
        t.i == tok.i and c.rule == "phrase:deny+claim")}  # a denial itself is a fact
    if neg_words & {"not", "n't", "never"} or no_subject or "deny" in denied:
        return "negation"
    if words & plover.HYPOTHETICAL_AUX or "if" in words or "potential" in lemmas:
        return "hypothetical"
    if {t.lemma_.lower() for t in chain[1:]} & _WEIGHING or any(
            t.lemma_.lower() == "look" and any(p.dep_ == "prep" and p.lower_ in {"at", "into"}
                                               for p in t.children) for t in chain[1:]):
        return "hypothetical"  # "are looking at sending", "is considering supplying"
    # A marker governs the trigger; the trigger itself is none ("set fire to" is no plan).
    above = {t.lemma_.lower() for t in chain[1:]}
    if words & {"will", "shall", "'ll"} or above & (plover.FUTURE_MARKERS - {"seek"}):
        return "future"
    if "would" in words:
        return "future"
    heads = [tok] + ([tok.head] if tok.dep_ in {"advcl", "xcomp", "conj"} else [])
    if any(ch.dep_ == "advmod" and ch.lower_ in _PAST_HABIT for h in heads for ch in h.children):
        return "historical"  # "Iran has previously relied on allied groups to strike ..."
    if any(t.lower_ == "to" and t.head.lemma_.lower() == "be" for t in chain for t in t.children):
        return "future"
    return None


_PAST_HABIT = frozenset({"previously", "formerly", "historically", "traditionally"})
_WEIGHING = frozenset({"consider", "weigh", "mull", "contemplate", "explore", "study"})


def _contexts(c: _Candidate, weapons: list[str]) -> list[str]:
    found: list[str] = []
    # The trigger's clause (up to the reporting verb), not asides elsewhere in the sentence.
    top = c.trigger
    while top.head.i != top.i and top.dep_ not in {"advcl", "parataxis"} and (
        top.head.lemma_.lower() not in plover.REPORTING_VERBS
    ):
        top = top.head
    for t in _clause_tokens(top):
        ctx = plover.CONTEXT_WORDS.get(t.lemma_.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    hostile = c.type in {"FIGHT", "MOBILIZE", "ASSAULT"} or c.governed_by in plover.HOSTILE or (
        c.type == "THREATEN" and c.trigger.lemma_.lower() in _HOSTILE_LEMMAS)
    if (weapons or hostile or c.mode in {"training", "military"}) and (
        "military" not in found
    ):
        found.insert(0, "military")
    order = ["military", "cbrn", "diplomatic", "economic"]
    return sorted(found, key=lambda x: (order.index(x) if x in order else len(order), x))


def _clause_tokens(top: Token) -> list[Token]:
    """Tokens of a clause without its adverbial and participial side clauses."""
    out: list[Token] = []
    stack = [top]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(ch for ch in t.children if ch.dep_ not in {"advcl", "parataxis", "relcl"})
    return out


def _date_from(ent: Entity, exact: bool) -> EventDate | None:
    tx = ent.timex
    if tx is None or tx.timex_type != "DATE" or tx.value in {"PRESENT_REF", "PAST_REF",
                                                             "FUTURE_REF"}:
        return None
    if not tx.resolved or "X" in tx.value:
        dtype: Literal["exact", "approximate", "unresolved"] = "unresolved"
    else:
        dtype = "exact" if exact else "approximate"
    return EventDate(value=tx.value, granularity=tx.granularity, date_type=dtype, text=ent.text)


def _finish(c: _Candidate, index: _Index, doc: Doc, paragraphs: list[int],
            published: date | None, prior: list[_Candidate]) -> None:
    sent = c.sent
    in_sent = index.within(sent.start_char, sent.end_char)
    weapons: list[str] = []
    families: list[str] = []
    for e in in_sent:
        # The variant the text names ("Su-30SM2"), grouped under its family ("Su-30").
        name = e.variant or e.canonical if e.type == EntityType.WEAPON_SYSTEM else None
        if name is not None and name not in weapons:
            weapons.append(name)
            families.append(e.canonical)
    c.weapons, c.families = weapons, families
    c.aux = _aux(c, published)
    c.contexts = _contexts(c, weapons)
    # Location: a place or country after "in/at/near" in the sentence.
    for t in sent:
        if t.dep_ == "pobj" and t.head.lower_ in {"in", "near", "at", "on"}:
            for e in index.overlapping(t.idx, t.idx + len(t)):
                if e.type in {EntityType.PLACE, EntityType.COUNTRY} and e.start <= t.idx:
                    c.location = e.text if e.type == EntityType.PLACE else e.canonical
                    break
            if c.location:
                break
    # Date: the sentence, then the paragraph, then publication.
    dates = [e for e in in_sent if e.type == EntityType.DATE]
    evd = next((d for d in (_date_from(e, True) for e in dates) if d), None)
    if evd is None:
        par = c.paragraph
        p_end = paragraphs[par + 1] if par + 1 < len(paragraphs) else len(index.text)
        pdates = [e for e in index.within(paragraphs[par], p_end) if e.type == EntityType.DATE]
        evd = next((d for d in (_date_from(e, False) for e in pdates) if d), None)
    if evd is None and published is not None:
        evd = EventDate(value=published.isoformat(), granularity=Granularity.DAY,
                        date_type="approximate", text=None)
    c.date = evd
    if (c.aux is None and evd is not None and published is not None
            and evd.value[:4].isdigit() and int(evd.value[:4]) < published.year - 1):
        c.aux = "historical"
    # Promised cooperation is AGREE, promised force THREATEN (PLOVER/CAMEO convention).
    if c.aux == "future" and (c.rule.startswith(("verb:", "phrase:")) or (
            c.rule.startswith("noun:") and c.type in plover.HOSTILE)):
        # "will extend the curfew" threatens as much as "will arrest".
        if c.type in plover.COOPERATIVE and c.type != "AID" or (
            c.type == "AID" and c.trigger.lemma_.lower() != "receive"
            and c.rule != "phrase:take+delivery"
        ):
            c.type, c.mode = "AGREE", c.mode
            c.promised = True
        elif c.type in plover.HOSTILE:
            c.type = "THREATEN"
    # Supplier inference for arms and training stated without a giver.
    if c.type == "AID" and c.actor is None or (c.type == "AID" and c.actor and not
                                               c.actor.country):
        c.actor = _infer_supplier(c, index, in_sent)
        if c.actor is None and c.recipient is not None:
            # The same recipient's earlier supplier ("The first four launchers were delivered").
            c.actor = next((p.actor for p in reversed(prior) if p.type in {"AID", "AGREE"}
                            and p.actor and p.recipient
                            and p.recipient.country == c.recipient.country), None)
    if c.actor is not None and not c.actor.country and c.attribution is not None and (
            c.attribution.country and (re.match(r"(?:its|their)\b", c.actor.text, re.I) or (
                re.match(r"the\b", c.actor.text, re.I) and c.actor.kind == "military"))):
        # "The ministry said its forces had struck ...", "Taiwan's minister said the armed
        # forces had sent ships": the speaker's forces.
        c.actor = Actor(text=c.actor.text, country=c.attribution.country, kind=c.actor.kind)
    if c.type == "COERCE" and c.mode == "destroy" and (weapons or any(
            ch.lemma_.lower() in _MILITARY_HEADS | {"launcher", "position", "depot"}
            for ch in c.trigger.children if ch.dep_ in {"dobj", "nsubjpass"})):
        c.type, c.mode = "FIGHT", "heavy-weapons"  # destroying enemy weapons is combat
    _fill_from_sentence(c, in_sent, index)
    if c.type not in _DOMESTIC_TYPES and c.governed_by not in _DOMESTIC_TYPES and (
            c.mode not in _DOMESTIC_MODES) and c.actor is not None and c.recipient is not None and (
            c.actor.country and c.actor.country == c.recipient.country
            and {c.actor.kind, c.recipient.kind} <= _STATE_KINDS):
        # A state does not aid, support, threaten or agree with itself ("bombers will support
        # the ground forces", "the delivery was completed in Seoul"): no recipient.
        c.recipient = None
    if c.type == "MOBILIZE" and c.actor is not None and c.recipient is not None and (
            c.actor.country and c.actor.country == c.recipient.country):
        # Forces moved between home ports, or the state's own forces read off the object
        # ("moved its Black Sea Fleet ships"), are no target.
        c.recipient = None
    if c.type == "DISAPPROVE" and c.trigger.lemma_.lower() == "protest" and _is_crowd(c):
        c.type, c.mode = "PROTEST", "demo"  # people protesting demonstrate; states object
    c.confidence = _confidence(c)
    if c.rule.endswith("+context"):
        c.confidence = round(max(0.05, c.confidence - 0.1), 3)


# Acts a state's organs can aim at their own country's people and bodies.
# (A state mobilising at home targets no one: "the exercise would take place in Japan".)
_DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "INVESTIGATE", "RETREAT",
                             "CONCEDE", "FIGHT"})
_STATE_KINDS = frozenset({"state", "military", "government"})


def _is_crowd(c: _Candidate) -> bool:
    """Whether the actor is a crowd or a non-state group ("students", "thousands of
    Nigerians"), not a state or its officials."""
    if c.actor is not None and c.actor.kind == "non_state":
        return True
    subj = c.subj_tok
    return subj is not None and subj.tag_ == "NNS" and _head_kind(subj.lemma_.lower()) not in {
        "government", "military"}


_LOCATIVE_RE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|around|off|within|throughout|over|into|from)\s+"
    r"(?:the\s+)?$", re.I)
_SYMMETRIC = frozenset({"COOPERATE", "CONSULT", "AGREE"})
_COLLECTIVE_RE = re.compile(r"\b(?:countries|nations|sides|allies|partners|states|two|three|"
                            r"both|ministers)\b", re.I)


def _fill_from_sentence(c: _Candidate, in_sent: list[Entity], index: _Index) -> None:
    """Missing participants from the sentence's other country mentions: the actor from one
    before the trigger, the recipient from any other. Lowers confidence (rule suffix).

    Places ("in Singapore"), the actor's own conjuncts (for one-sided acts) and mentions that
    belong to another trigger's arguments are not taken."""
    trig_at = c.trigger.idx
    doc = c.trigger.doc
    text = index.text
    used = {x.country for x in (c.actor, c.recipient) if x is not None and x.country}
    coded = [(e, _entity_code(e)) for e in in_sent if e.type in {
        EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON}]
    coded = [(e, code) for e, code in coded if code and code != "IGO"]
    coded = [(e, code) for e, code in coded if e.start not in index.ethnic]
    # An actor is never taken from a place where something happens ("talks in Singapore").
    non_local = [(e, code) for e, code in coded
                 if not _LOCATIVE_RE.search(text[max(0, e.start - 20):e.start])]
    if c.actor is None and not c.passive_no_agent:
        for e, code in non_local:
            if e.start < trig_at and code not in used:
                c.actor = Actor(text=e.text, country=code, kind=_entity_kind(e))
                used.add(code)
                c.rule += "+context"
                break
    if c.actor is not None and not c.actor.country and c.type not in {
            "CONSULT", "COOPERATE"} and not _COLLECTIVE_RE.search(c.actor.text):
        # (At a meeting, the one country named is as likely the host or partner.)
        # A named actor of unknown nationality in a one-country sentence ("President Museveni
        # banned Ugandan opposition candidates") is taken as domestic; a group of several
        # nations ("the ministers of the three countries") is not.
        # The source of a report and an explicit foreign target ("threatened action against
        # Russia") say nothing of the actor's nationality.
        reported = [(a, b) for a, b in _blocked_offsets(c, own=False)
                    if c.actor.text not in text[a:b]]
        codes = {code for e, code in coded if not any(a <= e.start < b for a, b in reported)
                 and not _is_target_mention(doc, e, c.trigger) and country_name(code)}
        # Groups act where they live; rulers impose curfews, bans and arrests at home.
        home = _location_country(c, in_sent) if (
            c.actor.kind == "non_state" and c.type not in _SYMMETRIC | _VERBAL) or (
            c.mode in _DOMESTIC_MODES and (c.actor.kind in {"person", "government", "unknown"}
                                           or _POLICE_RE.search(c.actor.text))
        ) else None
        if len(codes) == 1 or home:
            code = home or next(iter(codes))
            c.actor = Actor(text=c.actor.text, country=code, kind=c.actor.kind)
            used.add(code)
            if not c.rule.endswith("+context"):
                c.rule += "+context"
    if (c.recipient is None or not c.recipient.country) and c.actor is not None:
        blocked = _blocked_offsets(c)
        if c.trigger.lemma_.lower() in {"discuss", "debate", "negotiate", "review", "consider"}:
            # "to discuss a package of measures against Iran": the topic is no partner.
            blocked += [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge))
                        for o in c.trigger.children if o.dep_ == "dobj"]
        for e, code in coded:
            if code not in used and e.start >= c.sent.start_char and not any(
                    a <= e.start < b for a, b in blocked) and not _in_adjunct(doc, e, c) and (
                    not _in_other_relcl(doc, e, c.trigger)):
                c.recipient = Actor(text=e.text, country=code, kind=_entity_kind(e))
                if not c.rule.endswith("+context"):
                    c.rule += "+context"
                break
    if (c.actor is not None and (c.type not in _SYMMETRIC or c.promised or _agrees_to_act(c))
            or (
            c.actor is None and c.passive_no_agent and c.type in {"FIGHT", "ASSAULT", "COERCE"}
    )) and (c.recipient is None or not c.recipient.country):
        # ... and so is one suffered with no agent named ("a journalist was killed in Beirut").
        _domestic_recipient(c, in_sent, coded)


_SPEECH_NOUNS = frozenset({"statement", "interview", "speech", "conference", "briefing",
                           "address", "session", "letter", "message", "communique", "remark",
                           "broadcast", "declaration", "meeting", "summit", "forum"})
_DOMESTIC_MODES = frozenset({"curfew", "martial-law", "restrict", "ban", "arrest", "repress"})
_VERBAL = frozenset({"DISAPPROVE", "DEMAND", "REQUEST", "REJECT", "SUPPORT"})
_POLICE_RE = re.compile(r"\b(?:police|gendarm\w*|riot|security forces)\b", re.I)
_IN_PREPS = frozenset({"in", "at", "near", "inside", "throughout", "across", "around"})


_IDIOM_POBJS = frozenset({"wake", "response", "protest", "retaliation", "addition", "view",
                          "light", "face", "name", "absence", "support", "favour", "favor",
                          "return", "exchange", "spite", "charge", "line", "order", "case"})


def _names_place_of(t: Token, e: Entity) -> bool:
    """Whether a mention inside "in X" names X's place: X itself, its modifiers or an "of"
    chain ("in the capital city of Algiers"), not a clause hanging on it."""
    span = t.doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    cur = span.root
    for _ in range(6):
        if cur.i == t.i:
            return True
        if cur.dep_ in {"compound", "amod", "nmod", "poss", "appos", "conj"} or (
                cur.dep_ == "pobj" and cur.head.lower_ == "of") or (
                cur.dep_ == "prep" and cur.lower_ == "of"):
            cur = cur.head
            continue
        return False
    return False


def _agrees_to_act(c: _Candidate) -> bool:
    """An agreement to do something somewhere ("agreed to build a plant in Iran"), not to
    meet somewhere ("agreed to hold talks in Geneva")."""
    if c.type != "AGREE" or c.governed_by in _SYMMETRIC:
        return False
    act = next((ch for ch in c.trigger.children if ch.dep_ == "xcomp"), None)
    return act is not None and act.lemma_.lower() not in _MEETING_VERBS and not any(
        plover.NOUN_TRIGGERS.get(o.lemma_.lower(), ("", None))[0] in _SYMMETRIC
        for o in act.children if o.dep_ == "dobj")


_MEETING_VERBS = frozenset({"meet", "talk", "negotiate", "discuss", "hold", "host", "visit",
                            "confer", "resume", "attend", "join", "cooperate"})
_WATERS_RE = re.compile(r"\b(?:sea|ocean|gulf|strait|straits|bay|channel|waters)$", re.I)
_PLACE_SUFFIX_RE = re.compile(r"\s+(?:province|region|oblast|state|district)$", re.I)


def _place_country(e: Entity) -> str | None:
    """A place's country; one named like a country ("Montenegro province") is in it, whatever
    namesake the geocoder found."""
    if e.type == EntityType.PLACE:
        if _WATERS_RE.search(e.text):
            return None  # "in the Baltic Sea": international waters target no one
        return country_code(_PLACE_SUFFIX_RE.sub("", _strip_det(e.text))) or e.country
    return e.country


def _domestic_recipient(c: _Candidate, in_sent: list[Entity],
                        coded: list[tuple[Entity, str]]) -> None:
    """A one-sided act with no foreign target is aimed at the country where it happens
    ("protesters blocked roads in the capital Algiers", "a curfew imposed in Sudan"); a named
    target of unknown nationality in a sentence that names one country only is of that country
    ("the rebels will release Prime Minister Chaudhry")."""
    said_at = {c.trigger.i, _clause_verb(c.trigger).i} if c.type in _VERBAL else set()
    sources = _blocked_offsets(c, own=False)  # "The Chinese embassy in London said ..."
    for t in c.sent:
        if t.dep_ != "pobj" or t.head.lower_ not in _IN_PREPS:
            continue
        if any(a <= t.idx < b for a, b in sources):
            continue
        up = t.head.head
        if c.type in _VERBAL and _SPEECH_NOUNS & {t.lemma_.lower(), up.lemma_.lower()}:
            continue  # "in a statement in Geneva"
        if up.i in said_at:
            continue  # where words are spoken says nothing of whom they are aimed at
        if t.lemma_.lower() in _IDIOM_POBJS:
            continue  # "in the wake of", "in response to"
        if _in_subject_relcl(t, c.trigger):
            continue  # a place in another clause's background ("crews who trained in X")
        for e in (x for x in in_sent if x.start <= t.idx < x.end or (
                x.start >= t.left_edge.idx and x.end <= t.right_edge.idx + len(t.right_edge)
                and _names_place_of(t, x))):
            code = _place_country(e) if e.type in {EntityType.PLACE,
                                                   EntityType.COUNTRY} else None
            if code and (c.actor is None or e.text != c.actor.text):
                text = c.recipient.text if c.recipient is not None else e.text
                kind = c.recipient.kind if c.recipient is not None else "state"
                c.recipient = Actor(text=text, country=code, kind=kind)
                return
    codes = {code for _e, code in coded} | {e.country for e in in_sent
                                            if e.type == EntityType.PLACE and e.country}
    if c.type in {"FIGHT", "ASSAULT"} and c.actor is not None and c.actor.kind in {
            "state", "military"} and not _POLICE_RE.search(c.actor.text):
        return  # armies and drones strike abroad as well as at home; police act at home
    if c.recipient is not None and c.recipient.kind in {"person", "non_state"} and len(
            codes) == 1 and not _COLLECTIVE_RE.search(c.recipient.text):
        c.recipient = Actor(text=c.recipient.text, country=next(iter(codes)),
                            kind=c.recipient.kind)


_ADJUNCT_OF = frozenset({"as", "under", "since", "during", "despite", "than", "like", "about",
                         "because", "before", "after", "while", "without"})


def _in_adjunct(doc: Doc, e: Entity, c: _Candidate) -> bool:
    """Whether a mention sits in an adjunct ("as a violation of UN resolutions") rather than
    in an argument of the sentence."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    cur = span.root
    for _ in range(12):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in {"pobj", "pcomp"} and cur.head.lower_ in _ADJUNCT_OF:
            return True
        if cur.dep_ == "advcl" and not (cur.left_edge.i <= c.trigger.i <= cur.right_edge.i) and any(
                ch.dep_ == "mark" and ch.lower_ in _ADJUNCT_OF | {"when", "although", "though"}
                for ch in cur.children):
            return True  # "..., as authorities in Croatia cracked down": another scene
        cur = cur.head
    return False


def _in_other_relcl(doc: Doc, e: Entity, trigger: Token) -> bool:
    """Whether a mention sits in a relative clause that does not hold the trigger: background
    about someone ("crews who trained in Germany"), not a participant of the event."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    return _in_subject_relcl(span.root, trigger)


def _in_subject_relcl(tok: Token, trigger: Token) -> bool:
    """Whether tok is inside a relative clause on a subject ("crews who trained in Germany
    have fought") that does not hold the trigger."""
    return any(a.dep_ == "relcl" and a.head.dep_ in {"nsubj", "nsubjpass"}
               and not (a.left_edge.i <= trigger.i <= a.right_edge.i) for a in tok.ancestors)


def _is_target_mention(doc: Doc, e: Entity, trigger: Token | None = None) -> bool:
    """Whether a mention heads the object of "against/on/to/with X" or a verb's object."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if trigger is not None and any(a.dep_ == "relcl" and not (
            a.left_edge.i <= trigger.i <= a.right_edge.i) for a in root.ancestors):
        return True  # background in a relative clause
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in {"dobj", "dative", "iobj"} or root.dep_ == "pobj" and root.head.lower_ in {
        "against", "on", "to", "with", "toward", "towards", "at"}


def _location_country(c: _Candidate, in_sent: list[Entity]) -> str | None:
    """The country where the trigger's clause happens ("rioted at a jail in Dili")."""
    for t in _clause_tokens(_clause_verb(c.trigger)):
        if t.dep_ != "pobj" or t.head.lower_ not in _IN_PREPS:
            continue
        found = [x for x in in_sent if x.type in {EntityType.PLACE, EntityType.COUNTRY}
                 and x.country and x.start >= t.left_edge.idx
                 and x.end <= t.right_edge.idx + len(t.right_edge)]
        if found:
            return found[0].country
    return None


def _blocked_offsets(c: _Candidate, own: bool = True) -> list[tuple[int, int]]:
    """Character ranges whose mentions cannot be this event's recipient: the actor's own
    conjuncts (for one-sided acts) and the attribution ("said X")."""
    out: list[tuple[int, int]] = []
    verb = _clause_verb(c.trigger)
    subj, _agent = _subject_of(verb) if own else (None, False)
    if subj is not None and c.type not in _SYMMETRIC:
        for t in _conjuncts(subj):
            out.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge)))
    if subj is not None:
        # Modifiers inside the actor's phrase ("NATO-member Norway", "Albanians of Serbia")
        # describe the actor; conjoined ones ("Hungarian and Romanian officials") may not.
        conj = {t.i for t in _conjuncts(subj)}
        for t in subj.subtree:
            if t.i not in conj and t.dep_ != "conj" and not any(
                    a.i in conj for a in t.ancestors):
                out.append((t.idx, t.idx + len(t)))
    for t in c.sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in plover.REPORTING_VERBS:
            for ch in t.children:
                if ch.dep_ in {"nsubj", "agent"}:
                    out.append((ch.left_edge.idx, ch.right_edge.idx + len(ch.right_edge)))
                # Where and to whom it was said: "told a news conference in Berlin with X".
                speech = ch if ch.dep_ == "dobj" else _prep_object(t, {ch.lower_}) if (
                    ch.dep_ == "prep") else None
                heads = [ch] if ch.dep_ == "prep" else [
                    g for g in ch.children if g.dep_ == "prep"]
                if speech is None or speech.lemma_.lower() not in _SPEECH_NOUNS:
                    heads = []
                for h in heads:
                    if not h.left_edge.i <= c.trigger.i <= h.right_edge.i:
                        out.append((h.left_edge.idx, h.right_edge.idx + len(h.right_edge)))
    return out


def _infer_supplier(c: _Candidate, index: _Index, in_sent: list[Entity]) -> Actor | None:
    """The supplier of a transfer stated without one: the origin of the weapon that is the
    object of the trigger, the attributed speaker's country, or a country named before it."""
    rec = c.recipient.country if c.recipient else None
    tok = c.trigger
    objs = [ch for ch in (*tok.children, *_clause_verb(tok).children)
            if ch.dep_ in {"dobj", "nsubjpass", "nsubj", "pobj", "attr"}]
    spans = [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge)) for o in objs]
    for e in in_sent:
        if e.type == EntityType.WEAPON_SYSTEM and e.country and e.country != rec and any(
                a <= e.start < b for a, b in spans):
            return Actor(text=country_name(e.country) or e.country, country=e.country,
                         kind="state")
    if c.attribution and c.attribution.country and rec is not None and (
            c.attribution.country != rec):
        # (With no recipient known, the speaker may as well be the one receiving: "Taiwan's
        # ministry said the first missiles would be delivered in 2026".)
        code = c.attribution.country
        return Actor(text=country_name(code) or code, country=code, kind="state")
    text = index.text
    for e in in_sent:
        code = _entity_code(e)
        if e.type == EntityType.COUNTRY and code and code != rec and e.start < tok.idx and (
                not _LOCATIVE_RE.search(text[max(0, e.start - 20):e.start])):
            return Actor(text=e.text, country=code, kind="state")
    return None


_EXERCISE_RE = re.compile(
    r"\b(?:exercises?|drills?|war ?games?|man(?:oeu|eu)vres?|maneuvers?|live-fire|"
    r"training|trains?|practi[sc]ing|practi[sc]e|rehears\w*|firing range|range)\b", re.I)


def _keep(c: _Candidate) -> bool:
    """Precision filters applied once an event is complete."""
    if c.aux == "hypothetical" or c.nobody:
        return False  # "could fight as one force if attacked", "can fire six rockets"
    if c.passive_no_agent and not c.explicit_actor:
        # "the missile was launched", "residents have been evacuated": only with a known
        # target ("a journalist has been killed in Beirut").
        if c.actor is None and (c.type not in {"FIGHT", "ASSAULT", "COERCE"}
                                or c.recipient is None or not c.recipient.country):
            return False
        if c.actor is not None and (c.recipient is None or not c.recipient.country):
            return False
    elif c.actor is None:
        return False  # nobody acts: "the measures freeze any assets"
    sentence = c.sent.text
    if c.type in {"FIGHT", "ASSAULT"} or (c.type == "THREATEN" and c.trigger.lemma_.lower()
                                          in _HOSTILE_LEMMAS):
        if c.actor is None:
            return not _EXERCISE_RE.search(sentence)
        # Firing together at a range is an exercise, not combat.
        if _EXERCISE_RE.search(sentence):
            return False
        # Allies do not fight each other: "Finland and the United States could fight".
        if c.recipient is not None and c.actor.country and _same_side(c):
            return False
    if c.type == "THREATEN" and c.rule == "verb:warn" and (
            c.recipient is None or not c.recipient.country):
        return False  # "officials warned that support would depend on Congress"
    if c.actor is None:
        return True
    if c.type == "CONSULT" and c.trigger.lemma_.lower() == "visit" and (
            c.recipient is None or not c.recipient.country
            or (c.actor.country and c.recipient.country == c.actor.country)):
        return False  # a minister visiting his own troops or a range is no consultation
    return not (c.actor.country and c.recipient is not None
                and c.recipient.text == c.actor.text)


def _same_side(c: _Candidate) -> bool:
    """Whether the recipient is one of the actor's conjoined co-subjects."""
    return c.recipient is not None and c.recipient.country in c.allies


def _one_per_sentence(cands: list[_Candidate]) -> list[_Candidate]:
    """A joint exercise is COOPERATE only; one hostile act per actor and sentence."""
    out: list[_Candidate] = []
    for c in cands:
        same = [o for o in out if o.ev_start == c.ev_start]
        if c.type == "MOBILIZE" and any(o.type == "COOPERATE" and o.mode == "exercise"
                                        for o in same):
            continue
        if c.type == "COOPERATE" and c.mode == "exercise":
            out = [o for o in out if not (o.ev_start == c.ev_start and o.type == "MOBILIZE")]
        if c.type in {"FIGHT", "ASSAULT"} and any(
                o.type in {"FIGHT", "ASSAULT"} and o.actor and c.actor
                and o.actor.country == c.actor.country for o in same):
            continue
        out.append(c)
    return out


def _confidence(c: _Candidate) -> float:
    score = 0.35
    tok = c.trigger
    if tok.pos_ == "VERB":
        score += 0.1
    if tok.dep_ == "ROOT" or (tok.head.lemma_.lower() in plover.REPORTING_VERBS
                              and tok.dep_ in {"ccomp", "conj"}):
        score += 0.15
    if c.actor is not None and c.actor.country:
        score += 0.2
    if c.recipient is not None and c.recipient.country:
        score += 0.1
    if c.rule.startswith("phrase:"):
        score += 0.1
    if c.governed_by:
        score += 0.05
    # Triggers deep in the tree are less likely the sentence's main event.
    depth = 0
    cur = tok
    while cur.head.i != cur.i and depth < 8:
        cur = cur.head
        depth += 1
    score -= 0.03 * max(0, depth - 1)
    return round(max(0.05, min(0.99, score)), 3)


_ACCORDING_RE = re.compile(r"\baccording to\b", re.I)


def _attribution(sent: Span, index: _Index, previous: Attribution | None) -> Attribution | None:
    """Who says so: the subject of a reporting verb, "according to X", or "highlighted by X"."""
    speaker: Token | None = None
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in plover.REPORTING_VERBS:
            subj, _agent = _subject_of(tok)
            if subj is None:
                subj = _prep_object(tok, {"by"})
            if subj is not None and subj.lower_ not in {"that", "which"}:
                speaker = subj
                break
        if tok.lower_ == "according" and tok.i + 1 < sent.end:
            obj = _prep_object(tok.doc[tok.i + 1], {"to"}) if tok.doc[tok.i + 1].lower_ == "to" \
                else None
            obj = obj or next((g for c in tok.children for g in c.children if g.dep_ == "pobj"),
                              None)
            if obj is not None:
                speaker = obj
                break
    if speaker is None:
        return None
    if speaker.lower_ in {"he", "she"} and previous is not None:
        return previous
    s, e = _np_span(speaker)
    text = index.text[s:e]
    for ent in index.overlapping(s, e):
        if ent.type == EntityType.PERSON:
            full = _full_person(index, ent)
            return Attribution(text=full.canonical, role=full.role, country=full.country)
    # A role noun ("the minister", "the defense minister"): the person with that role.
    head = speaker.lemma_.lower()
    if head in _GOVERNMENT_HEADS or head in {"official", "spokesman"}:
        person = _person_with_role(index, head, before=s)
        if person is not None:
            return Attribution(text=person.canonical, role=person.role, country=person.country)
        if previous is not None and previous.role and head in previous.role:
            return previous
        code = next((_entity_code(x) for x in index.overlapping(s, e) if _entity_code(x)), None)
        return Attribution(text=text, role=_strip_det(text).lower(), country=code)
    ents = [x for x in index.overlapping(s, e) if _entity_code(x)]
    code = _entity_code(ents[0]) if ents else None
    return Attribution(text=_strip_det(text), role=None, country=code)


def _full_person(index: _Index, ent: Entity) -> Entity:
    """The fullest earlier mention of the same person ("Shoigu" -> "Sergei Shoigu")."""
    if ent.role and ent.country:
        return ent
    last = ent.canonical.split()[-1]
    for e in index.entities:
        if e.type == EntityType.PERSON and e is not ent and e.canonical.split()[-1] == last and (
            e.role or e.country
        ):
            return e
    return ent


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def _person_with_role(index: _Index, head: str, before: int) -> Entity | None:
    best = None
    for e in index.entities:
        if e.start >= before:
            break
        if e.type == EntityType.PERSON and e.role and head in e.role:
            best = e
    return best


# ---------------------------------------------------------------------------------------------
# Merging and output


def _key(c: _Candidate) -> tuple[str, str | None, str | None]:
    return (c.type, c.actor.country if c.actor else None,
            c.recipient.country if c.recipient else None)


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per kind and participants per paragraph; participant-less mentions lend their
    date to an event of the same kind in the paragraph, or are dropped."""
    full = [c for c in cands if c.actor is not None or (c.recipient and c.recipient.country)]
    bare = [c for c in cands if c not in full]
    out: list[_Candidate] = []
    for c in full:
        twin = next((o for o in out if _key(o) == _key(c) and (
            o.paragraph == c.paragraph or (o.mode == c.mode and set(o.weapons) == set(c.weapons)
                                           and o.sent.start == c.sent.start))), None)
        if twin is None:
            # The same act restated in the paragraph without its recipient ("Training began").
            twin = next((o for o in out if o.type == c.type and o.mode == c.mode
                         and o.paragraph == c.paragraph and o.actor and c.actor
                         and o.actor.country == c.actor.country
                         and (o.recipient is None or c.recipient is None)), None)
        if twin is None and c.recipient is None and c.trigger.pos_ == "NOUN" and (
                c.trigger.lemma_.lower() in _TRANSFER_NOUNS) and any(
                ch.dep_ == "det" and ch.lower_ in {"the", "this", "that"}
                for ch in c.trigger.children):
            # "the delivery had been completed": a definite mention of an act told before.
            twin = next((o for o in out if o.type == c.type and o.actor and c.actor
                         and o.actor.country == c.actor.country and o.recipient is not None),
                        None)
        if twin is None:
            # Same sentence, same type: keep the better.
            twin = next((o for o in out if o.sent.start == c.sent.start and o.type == c.type),
                        None)
        if twin is None:
            out.append(c)
            continue
        _absorb(twin, c)
    for b in bare:
        twin = next((o for o in out if o.type == b.type and o.mode == b.mode
                     and abs(o.paragraph - b.paragraph) <= 0 ), None)
        if twin is not None:
            _absorb(twin, b)
    return sorted(out, key=lambda c: (c.sent.start, c.trigger.i))


_TRANSFER_NOUNS = frozenset({"delivery", "transfer", "shipment", "handover", "sale",
                            "supply", "purchase"})


def _absorb(keep: _Candidate, other: _Candidate) -> None:
    rank = {"exact": 0, "unresolved": 1, "approximate": 2}
    if other.date is not None and (keep.date is None or rank[other.date.date_type]
                                   < rank[keep.date.date_type]):
        keep.date = other.date
    for w, fam in zip(other.weapons, other.families, strict=True):
        if w not in keep.weapons:
            keep.weapons.append(w)
            keep.families.append(fam)
    if keep.location is None:
        keep.location = other.location
    if keep.attribution is None:
        keep.attribution = other.attribution
    for ctx in other.contexts:
        if ctx not in keep.contexts and other.actor is not None:
            keep.contexts.append(ctx)
    if other.confidence > keep.confidence and other.actor and keep.actor and (
        other.recipient is not None or keep.recipient is None
    ):
        keep.trigger, keep.rule, keep.sent = other.trigger, other.rule, other.sent
        keep.ev_start, keep.ev_end = other.ev_start, other.ev_end
        keep.confidence = other.confidence


def _to_event(c: _Candidate, text: str) -> Event:
    return Event(
        type=c.type,
        mode=c.mode,
        contexts=c.contexts,
        actor=c.actor,
        recipient=c.recipient,
        weapon_systems=c.weapons,
        weapon_families=c.families,
        location=c.location,
        date=c.date,
        aux=c.aux,
        attribution=c.attribution,
        evidence=Evidence(sentence=text[c.ev_start:c.ev_end], start=c.ev_start, end=c.ev_end),
        confidence=c.confidence,
        explanation=Explanation(trigger=c.trigger.text, rule=_rule_text(c)),
    )


def _rule_text(c: _Candidate) -> str:
    rule = c.rule.removesuffix("+context")
    kind, _, what = rule.partition(":")
    desc = {
        "verb": f"trigger verb '{what}' codes {c.type}",
        "phrase": f"verb+object '{what}' codes {c.type}",
        "noun": f"event noun '{what}' with a governing verb or possessor codes {c.type}",
        "adj": f"'{what} to' states intent: {c.type}",
        "arrival": "a transport carrying arms from one country arrived in another: AID",
    }.get(kind, c.rule)
    if c.governed_by:
        desc += f" (governs an embedded {c.governed_by})"
    if c.rule.endswith("+context"):
        desc += "; a participant taken from the sentence's other country mentions"
    return f"{c.rule}: {desc}"


def explain_event(event: Event) -> str:
    """A one-paragraph human explanation: trigger, rule and arguments."""
    parts = [f"{event.type}" + (f" ({event.mode})" if event.mode else "")]
    if event.explanation:
        parts.append(f"triggered by '{event.explanation.trigger}' [{event.explanation.rule}]")
    if event.actor:
        parts.append(f"actor: {event.actor.text} [{event.actor.country or '?'}, "
                     f"{event.actor.kind}]")
    if event.recipient:
        parts.append(f"recipient: {event.recipient.text} [{event.recipient.country or '?'}, "
                     f"{event.recipient.kind}]")
    if event.weapon_systems:
        parts.append("weapons: " + ", ".join(event.weapon_systems))
    if event.date:
        parts.append(f"date: {event.date.value} ({event.date.date_type})")
    if event.aux:
        parts.append(f"aux: {event.aux}")
    if event.contexts:
        parts.append("contexts: " + ", ".join(event.contexts))
    if event.attribution:
        who = event.attribution.text
        if event.attribution.role and event.attribution.role != who:
            who += f", {event.attribution.role}"
        parts.append(f"according to {who}")
    parts.append(f"confidence {event.confidence:.2f}")
    return "; ".join(parts) + "."
