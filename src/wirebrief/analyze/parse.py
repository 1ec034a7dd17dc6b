"""Parsing article text with spaCy, in pieces, so that no text is too long to analyse.

spaCy refuses a text over `nlp.max_length` characters (E088) and its memory grows with the
length of what it parses at once. A long text is cut on paragraph (or, failing that, word)
boundaries into pieces of at most `CHUNK_CHARS` characters; the pieces are parsed separately and
joined back into one `Doc` whose text is exactly the original, so every character offset still
holds. Texts over `MAX_ANALYSED_CHARS` are analysed up to that length only, and say so.

`parse_stream` parses a stream of texts the same way and survives a text that makes spaCy
raise: the texts in flight are parsed again one at a time, and only the one that fails again
fails, alone.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CHUNK_CHARS = 20_000  # a few articles long: parsed in batches like ordinary articles
MAX_ANALYSED_CHARS = 2_000_000
_BREAK_RE = re.compile(r"\n\s*")
_SPACE_RE = re.compile(r"\s+")

P = TypeVar("P")


def truncation_warning(text_chars: int, analysed_chars: int) -> str | None:
    """The warning a briefing carries when only part of its text was analysed."""
    if analysed_chars >= text_chars:
        return None
    return (
        f"text of {text_chars:,} characters: only the first {analysed_chars:,} were analysed "
        "for entities and events"
    )


def chunk_text(
    text: str, size: int = CHUNK_CHARS, limit: int = MAX_ANALYSED_CHARS
) -> list[str]:
    """Consecutive pieces of `text[:limit]`, each at most `size` characters, cut after a line
    break where there is one, else after a space; joined, they give back `text[:limit]`."""
    text = text[:limit]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = _last_end(_BREAK_RE, window) or _last_end(_SPACE_RE, window) or size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _last_end(pattern: re.Pattern[str], window: str) -> int:
    """End of the last match of `pattern` in the second half of `window`, or 0."""
    last = 0
    for m in pattern.finditer(window, len(window) // 2):
        last = m.end()
    return last if last < len(window) else 0


def join_docs(docs: list[Doc]) -> Doc:
    """One Doc from the parsed pieces of one text (its text is their exact concatenation)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_text(nlp: Language, text: str) -> Doc:
    """Parse one text, in pieces when it is long."""
    pieces = chunk_text(text, _chunk_size(nlp))
    docs = list(nlp.pipe(pieces, batch_size=8)) if len(pieces) > 1 else [nlp(pieces[0])]
    return join_docs(docs)


def _chunk_size(nlp: Language) -> int:
    return max(1, min(CHUNK_CHARS, nlp.max_length - 1))


@dataclass
class _Slot(Generic[P]):
    payload: P
    n: int
    docs: list[Doc | None]
    error: Exception | None = None


def parse_stream(
    nlp: Language,
    items: Iterable[tuple[str, P]],
    *,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Doc | Exception, P]]:
    """Parse `(text, payload)` pairs in order, yielding `(doc, payload)`, or `(exception,
    payload)` for a text that spaCy cannot parse; one such text never stops the stream."""
    slots: deque[_Slot[P]] = deque()
    inflight: dict[int, tuple[str, _Slot[P], int]] = {}  # pieces sent to spaCy, not back yet
    source = iter(items)
    size = _chunk_size(nlp)
    source_error: list[BaseException] = []
    seq = 0

    def feed() -> Iterator[tuple[str, int]]:
        # Keys, not objects, travel with the texts: worker processes return copies.
        nonlocal seq
        while True:
            try:
                text, payload = next(source)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - raised again once the rest is parsed
                source_error.append(exc)
                return
            pieces = chunk_text(text, size)
            slot: _Slot[P] = _Slot(payload, len(pieces), [None] * len(pieces))
            slots.append(slot)
            for i, piece in enumerate(pieces):
                seq += 1
                inflight[seq] = (piece, slot, i)
                yield piece, seq

    def ready() -> Iterator[tuple[Doc | Exception, P]]:
        while slots and (slots[0].error is not None or all(d is not None for d in slots[0].docs)):
            slot = slots.popleft()
            if slot.error is not None:
                yield slot.error, slot.payload
                continue
            try:
                yield join_docs([d for d in slot.docs if d is not None]), slot.payload
            except Exception as exc:  # noqa: BLE001 - one text must not stop the stream
                yield exc, slot.payload

    while not source_error:
        try:
            for doc, key in nlp.pipe(
                feed(), as_tuples=True, batch_size=batch_size, n_process=n_process
            ):
                _, slot, i = inflight.pop(key)
                slot.docs[i] = doc
                yield from ready()
            yield from ready()
            break
        except Exception:  # noqa: BLE001 - find the text that broke the batch, parse the rest
            if not inflight:
                raise
            stuck = sorted(inflight.items())
            inflight.clear()
            for _, (piece, slot, i) in stuck:
                if slot.error is not None:
                    continue
                try:
                    slot.docs[i] = nlp(piece)
                except Exception as exc:  # noqa: BLE001
                    slot.error = exc
            yield from ready()
    if source_error:
        raise source_error[0]
