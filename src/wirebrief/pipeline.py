"""One pipeline from a raw article to a briefing: extract -> analyse -> summarise.

`brief_document` briefs one article (`brief_input` one pasted or uploaded as text or HTML);
`brief_stream` briefs a stream, loading the spaCy model once and parsing documents in batches
with `nlp.pipe`. A bad record never stops a stream: it comes out
as a `BriefFailure` carrying its id and the error, and the caller decides what to do. A record
that is not an article (no prose: an empty body, a price table, a headline alone) comes out the
same way with `skipped` set, so that a run can count it apart from the records that failed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.context
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from wirebrief.config import Settings, default, load_settings
from wirebrief.errors import (
    AnalysisError,
    ExtractionError,
    InputError,
    NotAnArticle,
    WirebriefError,
)
from wirebrief.extract.lines import has_prose
from wirebrief.extract.text import TEXT_CLEANER_NAME, clean_page_text, normalise_text
from wirebrief.models import Briefing, Entity, Event, RelatedLink
from wirebrief.records import BadRecord, RawDocument

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from wirebrief.summarize.article import SummaryOptions


@dataclass(frozen=True)
class BriefOptions:
    """What a caller may choose per run."""

    summary_sentences: int = default("summary_sentences")
    summary_prior: str = default("summary_prior")  # "domain": sentences with events first
    published: date | None = None  # used when the page itself gives no date
    min_body_chars: int = default("min_body_chars")  # shorter than any one-sentence bulletin
    analyse: bool = True  # False: extraction and summary only (fast ingest)

    def __post_init__(self) -> None:
        from wirebrief.summarize.article import PRIORS

        if self.summary_prior not in PRIORS:
            raise InputError(
                f"summary prior must be one of {', '.join(PRIORS)}, not {self.summary_prior!r}"
            )

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> BriefOptions:
        base = cls(
            summary_sentences=settings.summary_sentences,
            summary_prior=settings.summary_prior,
            min_body_chars=settings.min_body_chars,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class PreparedArticle:
    """The extract stage's output: clean text and page metadata."""

    external_id: str | None
    text: str
    title: str | None
    url: str | None
    published: date | None
    author: str | None
    source: str | None
    language: str | None
    related: tuple[RelatedLink, ...]
    extractor: str


@dataclass(frozen=True)
class BriefFailure:
    """A record that was not briefed: it failed, or (`skipped`) it holds no article to brief."""

    external_id: str | None
    error: WirebriefError

    @property
    def skipped(self) -> bool:
        return isinstance(self.error, NotAnArticle)


def content_id(text: str) -> str:
    """Stable article id: hash of the whitespace-normalised, case-folded text."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def prepare_article(raw: RawDocument, options: BriefOptions | None = None) -> PreparedArticle:
    """Extract stage: the article's clean text and metadata from HTML or a text copy."""
    options = options or BriefOptions()
    if raw.html is not None:
        from wirebrief.extract.html import EXTRACTOR_NAME, extract_html

        page = extract_html(raw.html, url=raw.url)
        prepared = PreparedArticle(
            external_id=raw.external_id,
            text=page.text,
            title=raw.title or page.title,
            url=page.url or raw.url,
            published=raw.published or page.published,
            author=page.author,
            source=raw.source or page.site,
            language=page.language,
            related=tuple(page.related),
            extractor=EXTRACTOR_NAME,
        )
    else:
        clean = clean_page_text(raw.text or "", title=raw.title)
        prepared = PreparedArticle(
            external_id=raw.external_id,
            text=clean.text,
            title=clean.title,
            url=raw.url,
            published=raw.published or clean.published,
            author=clean.author,
            source=raw.source,
            language=None,
            related=clean.related,
            extractor=TEXT_CLEANER_NAME,
        )
    if prepared.published is None and options.published is not None:
        prepared = replace(prepared, published=options.published)
    check_article_text(prepared.text, options, raw.text if raw.html is None else None)
    return prepared


def check_article_text(text: str, options: BriefOptions, source_text: str | None = None) -> None:
    """Raise `NotAnArticle` when cleaned text holds nothing to brief.

    Short news is news: one sentence ("... was sworn in as India's 12th prime minister here
    Monday.") is briefed. A record without a single sentence of prose (a price table, a list of
    results, a headline alone, an empty body) is not an article: it is skipped. A plain-text
    record that had prose, all of which the cleaner took for chrome, fails instead (the
    cleaner may be wrong), so that such a loss is never passed over.
    """
    body = text.strip()
    if not has_prose(body):
        if source_text is not None and has_prose(source_text):
            raise ExtractionError(
                "no article text found: every sentence of the page looked like page chrome",
                reason="no_body",
            )
        raise NotAnArticle(
            "skipped: no prose to brief (an empty body, a table, a list or a headline alone)",
            reason="no_prose" if body or (source_text or "").strip() else "empty",
        )
    if len(body) < options.min_body_chars:
        raise NotAnArticle(
            f"skipped: the text is shorter than {options.min_body_chars} characters",
            reason="too_short",
        )


def summarizer_name(options: BriefOptions) -> str:
    from wirebrief.summarize.summarizer import SUMMARIZER_NAME

    if options.summary_prior == "none":
        return SUMMARIZER_NAME
    return f"{SUMMARIZER_NAME}+{options.summary_prior}"


def analysis_components(options: BriefOptions) -> dict[str, str]:
    """The names (with versions) of the components a briefing's analysis comes from today,
    with these options: a stored briefing whose components differ is stale."""
    from wirebrief.analyze.entities import entity_layer_name
    from wirebrief.analyze.events import coder_name

    return {"entities": entity_layer_name(), "events": coder_name(),
            "summarize": summarizer_name(options)}


def finish_briefing(prepared: PreparedArticle, doc: Doc | None, options: BriefOptions) -> Briefing:
    """Analyse and summarise a prepared article whose text has been parsed into `doc`."""
    from wirebrief.summarize.article import summarize_article

    entities: list[Entity] = []
    events: list[Event] = []
    transfers = []
    components = {"extract": prepared.extractor, "summarize": summarizer_name(options)}
    if doc is not None:
        from wirebrief.analyze.entities import entity_layer_name, extract_entities
        from wirebrief.analyze.events import code_events, coder_name
        from wirebrief.analyze.transfers import derive_transfers

        entities = extract_entities(doc, prepared.published)
        events = code_events(doc, entities, prepared.published)
        transfers = derive_transfers(events, entities, prepared.published)
        components |= {"entities": entity_layer_name(), "events": coder_name()}
    warnings: list[str] = []
    if doc is not None:
        from wirebrief.analyze.parse import truncation_warning

        cut = truncation_warning(len(prepared.text), len(doc.text))
        if cut:
            warnings.append(cut)
    try:
        summary = summarize_article(
            prepared.text, summary_options(options), entities=entities, events=events
        )
    except WirebriefError as exc:
        summary = []
        warnings.append(f"summary: {exc}")
    if prepared.published is None:
        warnings.append(_no_date_warning(doc))
    return Briefing(
        id=content_id(prepared.text),
        external_id=prepared.external_id,
        url=prepared.url,
        title=prepared.title,
        published=prepared.published,
        author=prepared.author,
        source=prepared.source,
        language=prepared.language,
        text=prepared.text,
        summary=summary,
        entities=entities,
        events=events,
        transfers=transfers,
        related=list(prepared.related),
        warnings=warnings,
        components=components,
    )


def _no_date_warning(doc: Doc | None) -> str:
    """What relative dates count from in an article without a publication date."""
    anchor = None
    if doc is not None:
        from wirebrief.analyze.timex import story_anchor

        anchor = story_anchor(doc.text)
    if anchor is None:
        return "no publication date: relative dates are left unresolved (give one with --published)"
    return (f"no publication date: relative dates count from the story's first full date, "
            f"{anchor.isoformat()} (give one with --published)")


def summary_options(options: BriefOptions) -> SummaryOptions:
    """The summary options a briefing run implies (what `finish_briefing` summarises with)."""
    from wirebrief.summarize.article import SummaryOptions, as_prior

    return SummaryOptions(sentences=options.summary_sentences,
                          prior=as_prior(options.summary_prior))


def brief_document(raw: RawDocument, options: BriefOptions | None = None) -> Briefing:
    """Brief one article end to end."""
    options = options or BriefOptions()
    prepared = prepare_article(raw, options)
    doc = None
    if options.analyse:
        from wirebrief.analyze.nlp import load_nlp
        from wirebrief.analyze.parse import parse_text

        try:
            doc = parse_text(load_nlp(), prepared.text)
        except WirebriefError:
            raise
        except Exception as exc:  # noqa: BLE001 - a parser crash is this article's failure
            raise _parse_error(exc) from exc
    return finish_briefing(prepared, doc, options)


def brief_text(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    options: BriefOptions | None = None,
) -> Briefing:
    """Convenience for library users: brief a plain-text article."""
    raw = RawDocument(external_id=None, text=normalise_text(text), title=title, published=published)
    return brief_document(raw, options)


def brief_input(
    text: str | None,
    html: str | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
    sentences: int | None = None,
    default_sentences: int = default("summary_sentences"),
) -> Briefing:
    """Brief one article given as pasted or uploaded text or HTML (exactly one of the two).

    `sentences` is the summary length asked for, `default_sentences` the one used without it.
    Raises `InputError` (reason `empty`) when neither has any content, (reason `ambiguous`)
    when both are given. The web page and the API's `POST /api/brief` call this.
    """
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputError("give the article as `text` or `html`", reason="empty")
    if text and html:
        raise InputError("give either `text` or `html`, not both", reason="ambiguous")
    raw = RawDocument(external_id=None, text=normalise_text(text) if text else None, html=html,
                      url=url, title=title, published=published)
    return brief_document(raw, BriefOptions(summary_sentences=sentences or default_sentences,
                                            published=published))


def brief_stream(
    items: Iterable[RawDocument | BadRecord],
    options: BriefOptions | None = None,
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[Briefing | BriefFailure]:
    """Brief a stream of documents in order; memory stays flat.

    With analysis, the parser sees one continuous stream (`nlp.pipe`), so `workers > 1` parses
    in that many processes without restarting them per batch. Without analysis, `workers > 1`
    extracts and summarises in that many processes; results still come out in input order.
    """
    options = options or BriefOptions()

    if not options.analyse:
        if workers > 1:
            yield from _parallel_briefs(items, options, workers)
        else:
            for item in items:
                yield brief_record(item, options)
        return

    def prepared() -> Iterator[tuple[str, PreparedArticle | BriefFailure]]:
        for item in items:
            payload = _prepare_safely(item, options)
            yield (payload.text if isinstance(payload, PreparedArticle) else ""), payload

    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.analyze.parse import parse_stream

    nlp = load_nlp()
    for doc, payload in parse_stream(
        nlp, prepared(), batch_size=batch_size, n_process=max(1, workers)
    ):
        if isinstance(payload, BriefFailure):
            yield payload
        elif isinstance(doc, Exception):
            yield BriefFailure(payload.external_id, _parse_error(doc))
        else:
            yield _finish_safely(payload, doc, options)


def _parse_error(exc: Exception) -> AnalysisError:
    return AnalysisError(
        f"the parser failed on this text: {type(exc).__name__}: {exc}", reason="parse_failed"
    )


def reanalyse_stream(
    stored: Iterable[Briefing],
    options: BriefOptions | None = None,
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[Briefing | BriefFailure]:
    """Analyse stored briefings again with the current code: same text, id and metadata; new
    entities, events, transfers and summary. Extraction is not repeated (the stored text is
    what the article's id and every character offset refer to)."""
    options = options or BriefOptions()

    def prepared() -> Iterator[tuple[str, tuple[str, PreparedArticle]]]:
        for b in stored:
            yield b.text, (b.id, PreparedArticle(
                external_id=b.external_id, text=b.text, title=b.title, url=b.url,
                published=b.published, author=b.author, source=b.source, language=b.language,
                related=tuple(b.related),
                extractor=b.components.get("extract", TEXT_CLEANER_NAME)))

    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.analyze.parse import parse_stream

    nlp = load_nlp()
    for doc, (stored_id, payload) in parse_stream(
        nlp, prepared(), batch_size=batch_size, n_process=max(1, workers)
    ):
        if isinstance(doc, Exception):
            yield BriefFailure(payload.external_id, _parse_error(doc))
            continue
        result = _finish_safely(payload, doc, options)
        # The stored id is the article's key everywhere (sources, stories, duplicates).
        yield result.model_copy(update={"id": stored_id}) if isinstance(result, Briefing) \
            else result


def brief_record(item: RawDocument | BadRecord, options: BriefOptions) -> Briefing | BriefFailure:
    """Brief one stream record without analysis; never raises for a bad record."""
    payload = _prepare_safely(item, options)
    if isinstance(payload, BriefFailure):
        return payload
    return _finish_safely(payload, None, options)


def _prepare_safely(
    item: RawDocument | BadRecord, options: BriefOptions
) -> PreparedArticle | BriefFailure:
    if isinstance(item, BadRecord):
        if item.error.reason == "empty":  # an empty file or body is no article, not a failure
            return BriefFailure(item.external_id, NotAnArticle(item.error.message, reason="empty"))
        return BriefFailure(item.external_id, item.error)
    try:
        return prepare_article(item, options)
    except WirebriefError as exc:
        return BriefFailure(item.external_id, exc)
    except Exception as exc:  # noqa: BLE001 - hostile markup must not stop the stream
        return BriefFailure(
            item.external_id,
            ExtractionError(
                f"internal error while extracting: {type(exc).__name__}: {exc}", reason="internal"
            ),
        )


# Records per task sent to a worker: enough to amortise the round trip, few enough to keep
# both workers busy to the end of a small run.
_CHUNK = 4
_CHUNKS_IN_FLIGHT_PER_WORKER = 4  # bounds memory: the input is read only this far ahead
# Imported once in the fork server, so each worker starts without re-importing the extractor.
_WORKER_PRELOAD = ["wirebrief.pipeline", "wirebrief.extract.html", "wirebrief.summarize.summarizer"]


def _brief_chunk(
    chunk: list[RawDocument | BadRecord], options: BriefOptions
) -> list[Briefing | BriefFailure]:
    return [brief_record(item, options) for item in chunk]


def worker_context() -> (multiprocessing.context.ForkContext
                         | multiprocessing.context.ForkServerContext
                         | multiprocessing.context.SpawnContext):
    methods = multiprocessing.get_all_start_methods()
    # Fork when this process runs no other thread: workers start at once with what is already
    # imported, and a caller's script needs no `if __name__ == "__main__":` guard.
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    # With threads (a progress bar), a forked child could inherit a lock held mid-update. A
    # fork server is started once, clean, and forks workers cheaply after that.
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_WORKER_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _chunks(
    items: Iterable[RawDocument | BadRecord], size: int
) -> Iterator[list[RawDocument | BadRecord]]:
    chunk: list[RawDocument | BadRecord] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel_briefs(
    items: Iterable[RawDocument | BadRecord], options: BriefOptions, workers: int
) -> Iterator[Briefing | BriefFailure]:
    """Extract and summarise in `workers` processes, yielding results in input order.

    Only a bounded number of chunks is in flight (`Executor.map` would read the whole input
    first, and a WARC of millions of pages must stream). A worker that dies (a crash in a
    parser, the OOM killer) costs only the record that killed it: the chunks in flight are
    briefed again one record at a time, and the record that kills a worker again fails alone.
    """
    ctx = worker_context()
    source = _chunks(items, _CHUNK)
    window = workers * _CHUNKS_IN_FLIGHT_PER_WORKER
    pending: deque[tuple[list[RawDocument | BadRecord], Future[list[Briefing | BriefFailure]]]]
    pending = deque()
    exhausted = False
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    try:
        while True:
            # Top up the window, but hand over a finished head first: a slow source (fetching
            # URLs) must not hold back results that are ready.
            while not exhausted and len(pending) < window and not (
                pending and pending[0][1].done()
            ):
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append((chunk, pool.submit(_brief_chunk, chunk, options)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                redo = [item for c in (chunk, *(c for c, _ in pending)) for item in c]
                pending.clear()
                yield from _one_at_a_time(redo, options, ctx)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
                continue
            yield from results
    finally:
        for _, future in pending:  # the consumer stopped early: do not brief the rest
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _one_at_a_time(
    items: list[RawDocument | BadRecord], options: BriefOptions,
    ctx: multiprocessing.context.BaseContext,
) -> Iterator[Briefing | BriefFailure]:
    """Brief records one per task, so that a record that kills its worker is the one named."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
    try:
        for item in items:
            try:
                yield pool.submit(_brief_chunk, [item], options).result()[0]
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
                yield BriefFailure(
                    getattr(item, "external_id", None),
                    ExtractionError(
                        "the worker process died while briefing this record (a crash in a "
                        "parser, or out of memory); the other records went on",
                        reason="worker_died",
                    ),
                )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _finish_safely(
    prepared: PreparedArticle, doc: Doc | None, options: BriefOptions
) -> Briefing | BriefFailure:
    try:
        return finish_briefing(prepared, doc, options)
    except WirebriefError as exc:
        return BriefFailure(prepared.external_id, exc)
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop a batch
        return BriefFailure(
            prepared.external_id,
            AnalysisError(
                f"internal error while analysing: {type(exc).__name__}: {exc}", reason="internal"
            ),
        )


def load_options(**overrides: object) -> BriefOptions:
    return BriefOptions.from_settings(load_settings(), **overrides)
