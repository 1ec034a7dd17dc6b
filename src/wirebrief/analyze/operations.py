"""Named military operations and exercises found by their shape, whatever the tagger reads:
"Operation Desert Storm", "the Malabar exercise", "Joint Sword drills", "the Steadfast
Defender 2024 exercise". A name before an exercise word is a place or a person to spaCy's small
model ("Malabar" is a coast of India); the head word says it is an exercise."""

from __future__ import annotations

import functools
import re
from importlib import resources

from wirebrief.analyze.countries import country_code
from wirebrief.analyze.name_shapes import capitalised_word_before
from wirebrief.models import Entity, EntityType

# "Operation" and its capitalised name, not inside a longer name ("Joint Operation Command")
_OPERATION_RE = re.compile(
    r"(?<![\w-])Operation\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
# An exercise word, and the name (capitalised words, maybe a year) and modifiers before it,
# read backwards from the word inside a bounded window, so a long run of capitalised words
# costs no more than a short one.
_EXERCISE_HEAD_RE = re.compile(r"\b(?:exercises?|drills?|war\s?games?|manoeuvres|maneuvers)\b")
_EXERCISE_NAME_RE = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|\d{4})){0,5})"
    r"(?:\s+(?:naval|military|joint|air|annual|international|multinational|bilateral|"
    r"trilateral|live-fire|maritime|command-post|tactical|combat)){0,3}\s+$"
)
_WINDOW = 90
_WORD_RE = re.compile(r"[\w'’-]+")
# A name of these words alone opens a sentence ("Joint drills were held") more often than it
# names an exercise.
_LONE_GENERIC = frozenset({"joint", "combined", "allied", "sea", "field"})


@functools.cache
def _generic_words() -> frozenset[str]:
    """Words that describe an exercise or an operation without naming it."""
    data = resources.files("wirebrief.analyze.data").joinpath("operation_generic_words.txt")
    return frozenset(
        w.strip().lower()
        for line in data.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for w in line.split()
    )


def _is_generic(word: str) -> bool:
    low = word.lower()
    if low in _generic_words() or low.endswith(("'s", "’s")):
        return True
    if re.search(r"-[a-z]", word):  # "US-led", "large-scale"
        return True
    parts = [p for p in word.split("-") if p]
    return bool(parts) and all(country_code(p) for p in parts)  # "Russian", "Sino-Russian"


def _name_words(name: str) -> list[str]:
    """The name without its leading generic words: "Indian Navy Malabar" -> ["Malabar"]."""
    words = _WORD_RE.findall(name)
    while words and _is_generic(words[0]):
        words.pop(0)
    if words and words[-1].isdigit() and len(words) == 1:
        return []
    return words


def find_operations(text: str) -> list[Entity]:
    """Operations and exercises named in the text, by the words around the name."""
    out: list[Entity] = []
    for m in _OPERATION_RE.finditer(text):
        before = capitalised_word_before(text, m.start())
        if before and before.lower() not in _generic_words():
            continue  # "Special Military Operation", "Joint Operation Command"
        words = m.group("name").rstrip("'’").split()
        while words and words[-1].lower() in _generic_words():  # "Operation Room"
            words.pop()
        if not words:
            continue
        surface = "Operation " + " ".join(words)
        if text[m.start() : m.start() + len(surface)] != surface:
            continue
        out.append(Entity(text=surface, type=EntityType.OPERATION, canonical=surface,
                          start=m.start(), end=m.start() + len(surface), source="pattern"))
    for head in _EXERCISE_HEAD_RE.finditer(text):
        offset = max(0, head.start() - _WINDOW)
        hit = _EXERCISE_NAME_RE.search(text, offset, head.start())
        if hit is None:
            continue
        found = list(_WORD_RE.finditer(hit.group("name")))
        words = _name_words(hit.group("name"))
        if not words or all(_is_generic(w) for w in words):
            continue
        if len(words) == 1 and words[0].lower() in _LONE_GENERIC:
            continue
        first = found[len(found) - len(words)]
        start = hit.start("name") + first.start()
        end = hit.start("name") + found[-1].end()
        name = text[start:end]
        out.append(Entity(text=name, type=EntityType.OPERATION, canonical=" ".join(name.split()),
                          start=start, end=end, source="pattern"))
    return out
