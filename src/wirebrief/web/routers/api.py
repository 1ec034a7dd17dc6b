"""The REST API: JSON (and CSV/JSONL for events) over the same functions as the CLI."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from wirebrief.export import csv_text, safe_url
from wirebrief.models import Briefing, SummarySentence
from wirebrief.pipeline import brief_input
from wirebrief.store.articles import MAX_PAGE, ArticleFilter, list_articles
from wirebrief.store.entities import KINDS, entity_page, list_entities, pair_page
from wirebrief.store.events import query_events
from wirebrief.store.read_models import (
    ArticlePage,
    EntityPage,
    EntitySummary,
    EventItem,
    PairPage,
    SearchPage,
)
from wirebrief.store.search import search_page
from wirebrief.summarize.article import as_prior
from wirebrief.web.deps import check_write, state
from wirebrief.web.errors import ERRORS, ErrorOut
from wirebrief.web.params import IsoDate, StoreDep
from wirebrief.web.summaries import summary_for

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size (at most 200).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Iso3 = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO-3166 alpha-3.")]
Text = Annotated[str | None, Query(max_length=200)]


_KINDS = "|".join(sorted(KINDS))  # every entity type but DATE, as the store names them
KIND_RE = rf"^({_KINDS}):.*\S"
EntityRef = Annotated[str, Path(pattern=KIND_RE, description="KIND:NAME, e.g. country:BLR.")]


class SummaryOut(BaseModel):
    article_id: str
    style: str
    sentences: list[SummarySentence]


class BriefIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, description="Plain text of the article.")
    html: str | None = Field(default=None, description="HTML of the page.")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=4000)
    published: date | None = Field(default=None, description="Used when the page has no date.")
    sentences: int | None = Field(default=None, ge=1, le=20, description="Summary length.")
    save: bool = Field(default=False, description="Also store the briefing.")


def article_filter(country: Iso3 = None, weapon: Text = None,
                   type: Annotated[str | None, Query(max_length=40,
                                                     description="PLOVER event type.")] = None,
                   since: IsoDate = None, until: IsoDate = None) -> ArticleFilter:
    return ArticleFilter(country=country or None, weapon=weapon or None,
                         event_type=type or None, since=since, until=until)


FilterDep = Annotated[ArticleFilter, Depends(article_filter)]


@router.get("/healthz", tags=["meta"])
def healthz(store: StoreDep) -> dict[str, object]:
    """Liveness and the number of stored articles."""
    return {"status": "ok", "articles": store.count()}


@router.get("/api/articles", response_model=ArticlePage, tags=["articles"], responses=ERRORS)
def api_articles(store: StoreDep, flt: FilterDep, limit: Limit = 20,
                 offset: Offset = 0) -> ArticlePage:
    """Stored articles, newest first, filtered by country, weapon system, event type, dates."""
    return list_articles(store, flt, limit=limit, offset=offset)


@router.get("/api/articles/{article_id}", response_model=Briefing, tags=["articles"],
            responses=ERRORS)
def api_article(article_id: str, store: StoreDep) -> Briefing:
    """One briefing, by id, id prefix (8+ characters) or external id."""
    return store.get(article_id)


@router.get("/api/articles/{article_id}/summary", response_model=SummaryOut, tags=["articles"],
            responses=ERRORS)
async def api_summary(article_id: str, store: StoreDep, request: Request,
                sentences: Annotated[int | None, Query(ge=1, le=20)] = None,
                style: Literal["sentences", "bullets", "headline"] = "sentences",
                prior: Literal["none", "domain"] | None = None) -> SummaryOut:
    """A summary of the stored article: verbatim sentences with character spans, the same as
    `wirebrief summarize` gives for the same options (defaults: the server's settings)."""
    # Runs on the event loop: an indexed lookup and a few ms of scoring, cheaper than a
    # thread hop under load (see docs/benchmarks/web.md).
    settings = state(request).settings
    briefing = store.get(article_id)
    return SummaryOut(article_id=briefing.id, style=style,
                      sentences=summary_for(briefing, sentences or settings.summary_sentences,
                                            style, prior or as_prior(settings.summary_prior)))


@router.get("/api/entities", response_model=list[EntitySummary], tags=["entities"],
            responses=ERRORS)
def api_entities(store: StoreDep,
                 kind: Annotated[str | None, Query(
                     pattern=rf"^({_KINDS})$",
                     description=f"Entity kind: {', '.join(sorted(KINDS))}.")] = None,
                 q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
                 limit: Limit = 50, offset: Offset = 0) -> list[EntitySummary]:
    """Entities by how many articles mention them; `q` filters names."""
    return list_entities(store, kind, q_, limit=limit, offset=offset)


@router.get("/api/entities/{ref_a}/with/{ref_b}", response_model=PairPage, tags=["entities"],
            responses=ERRORS)
def api_pair(ref_a: EntityRef, ref_b: EntityRef, store: StoreDep) -> PairPage:
    """Events between two countries (either way round), by type and month."""
    return pair_page(store, ref_a, ref_b)


@router.get("/api/entities/{ref:path}", response_model=EntityPage, tags=["entities"],
            responses=ERRORS)
def api_entity(ref: EntityRef, store: StoreDep) -> EntityPage:
    """An entity (`country:BLR`, `person:NAME`, `weapon_system:NAME`, ...) with its events."""
    return entity_page(store, ref)


CSV_FIELDS = ["article_id", "idx", "published", "type", "mode", "actor", "actor_country",
              "recipient", "recipient_country", "weapon_systems", "location", "date", "aux",
              "attribution", "confidence", "evidence", "outlet", "url"]


def _csv_row(e: EventItem) -> list[object]:
    ev = e.event
    return [v for v in (
        e.article_id, e.idx, e.published, ev.type, ev.mode, ev.actor.text if ev.actor else None,
        ev.actor.country if ev.actor else None, ev.recipient.text if ev.recipient else None,
        ev.recipient.country if ev.recipient else None, ";".join(ev.weapon_systems),
        ev.location, ev.date.value if ev.date else None, ev.aux,
        ev.attribution.text if ev.attribution else None, f"{ev.confidence:.2f}",
        ev.evidence.sentence, e.source, safe_url(e.url))]


@router.get("/api/events", response_model=list[EventItem], tags=["events"], responses={
    **ERRORS, 200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def api_events(store: StoreDep,
               type: Annotated[str | None, Query(max_length=40, description="PLOVER type.")] = None,
               actor: Iso3 = None, recipient: Iso3 = None, weapon: Text = None,
               since: IsoDate = None, until: IsoDate = None,
               format: Literal["json", "csv", "jsonl"] = "json", limit: Limit = 50,
               offset: Offset = 0) -> Response | list[EventItem]:
    """Coded events, filtered; `format=csv` or `jsonl` for downloads."""
    items = query_events(store, type=type, actor=actor, recipient=recipient, weapon=weapon,
                         since=since, until=until, limit=limit, offset=offset)
    if format == "csv":
        return Response(csv_text(CSV_FIELDS, (_csv_row(e) for e in items)),
                        media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="events.csv"'})
    if format == "jsonl":
        lines = "".join(e.model_dump_json(by_alias=True) + "\n" for e in items)
        return Response(lines, media_type="application/x-ndjson")
    return items


@router.get("/api/search", response_model=SearchPage, tags=["articles"], responses=ERRORS)
def api_search(store: StoreDep, flt: FilterDep,
               q_: Annotated[str, Query(alias="q", max_length=500,
                                        description="Words; OR allowed.")],
               limit: Limit = 20, offset: Offset = 0) -> SearchPage:
    """Full-text search ranked by BM25, with snippets and facets over all hits."""
    return search_page(store, q_, flt, limit=limit, offset=offset)


def brief_for_api(text: str | None, html: str | None, *, keep: bool,
                  **kwargs: Any) -> tuple[Briefing | None, bytes]:
    """`brief_input` for the API, in a worker process: the briefing's JSON, and the briefing
    itself when it is to be stored."""
    briefing = brief_input(text, html, **kwargs)
    return (briefing if keep else None), briefing.model_dump_json().encode()


@router.post("/api/brief", response_model=Briefing, tags=["briefing"], responses={
    **ERRORS, 401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}})
async def api_brief(body: BriefIn, request: Request) -> Response:
    """Brief an article sent as text or HTML (at most 2 MB of request body).

    Needs `Authorization: Bearer TOKEN` when the server has a token.
    """
    check_write(request)
    web = state(request)
    briefing, payload = await web.run_brief(
        brief_for_api, body.text, body.html, title=body.title, url=body.url,
        published=body.published, sentences=body.sentences,
        default_sentences=web.settings.summary_sentences, keep=body.save)
    if briefing is not None:
        def save() -> None:
            with web.checkout() as store:
                store.add(briefing)

        await run_in_threadpool(save)
    # Serialised by the worker: a long briefing's JSON would otherwise be built on the loop.
    return Response(payload, media_type="application/json")
