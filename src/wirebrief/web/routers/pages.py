"""Server-rendered pages: home, article, entities, search, brief-on-the-spot."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from wirebrief.errors import InputError, WirebriefError
from wirebrief.models import Briefing
from wirebrief.pipeline import brief_input
from wirebrief.store.articles import ArticleFilter, list_articles, neighbours, related_articles
from wirebrief.store.db import Store
from wirebrief.store.entities import KINDS, entity_page, list_entities, pair_page
from wirebrief.store.read_models import ArticleItem, Facets
from wirebrief.store.search import facets, search_page
from wirebrief.summarize.article import as_prior
from wirebrief.summarize.sentences import split_sentences
from wirebrief.summarize.summarizer import as_style
from wirebrief.web import render
from wirebrief.web.deps import check_write, state
from wirebrief.web.errors import status_for
from wirebrief.web.params import StoreDep, form_date
from wirebrief.web.summaries import summary_for

router = APIRouter(include_in_schema=False)
PAGE = 20
_FACETS: dict[str, tuple[float, int, Facets]] = {}


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def global_facets(store: Store) -> Facets:
    """Filter choices for the home page; recomputed when the store grows or after a minute."""
    n = store.count()
    hit = _FACETS.get(store.path)
    if hit and hit[1] == n and time.monotonic() - hit[0] < 60:
        return hit[2]
    found = facets(store, top=60)
    _FACETS[store.path] = (time.monotonic(), n, found)
    return found


def page_filter(country: Annotated[str | None, Query(max_length=3)] = None,
                weapon: Annotated[str | None, Query(max_length=200)] = None,
                type: Annotated[str | None, Query(max_length=40)] = None,
                since: Annotated[str | None, Query(max_length=10)] = None,
                until: Annotated[str | None, Query(max_length=10)] = None) -> ArticleFilter:
    # Empty form fields arrive as "": they mean "any".
    return ArticleFilter(country=country or None, weapon=weapon or None,
                         event_type=type or None, since=form_date(since), until=form_date(until))


FilterDep = Annotated[ArticleFilter, Depends(page_filter)]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, flt: FilterDep,
         offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    listing = list_articles(store, flt, limit=PAGE, offset=offset)
    return page(request, "home.html", {
        "listing": listing, "flt": flt, "facets": global_facets(store), "total": store.count(),
        "query_base": _query(flt)})


def _query(flt: ArticleFilter) -> str:
    from urllib.parse import urlencode

    pairs = {"country": flt.country, "weapon": flt.weapon, "type": flt.event_type,
             "since": flt.since.isoformat() if flt.since else None,
             "until": flt.until.isoformat() if flt.until else None}
    return urlencode({k: v for k, v in pairs.items() if v})


def article_context(briefing: Briefing, store: Store | None) -> dict[str, Any]:
    """Everything the article template shows; `store` None for an unsaved briefing."""
    spans = split_sentences(briefing.text)
    events = []
    for i, ev in enumerate(briefing.events):
        events.append({"i": i, "event": ev,
                       "anchor": render.sentence_anchor(spans, ev.evidence.start),
                       "actor": render.actor_label(ev, "actor"),
                       "recipient": render.actor_label(ev, "recipient")})
    own_links = [link for link in briefing.related if link.rel in ("previous", "next")]
    other_links = [link for link in briefing.related if link.rel not in ("previous", "next")]
    older = newer = story = None
    related: list[ArticleItem] = []
    if store is not None and store.has(briefing.id):
        from wirebrief.stories.threads import story_of

        older, newer = neighbours(store, briefing.id)
        related = related_articles(store, briefing)
        story = story_of(store, briefing.id)
    return {"b": briefing, "paragraphs": render.paragraphs(briefing.text, spans),
            "chips": render.chips(list(briefing.entities)), "events": events,
            "own_links": own_links, "other_links": other_links, "older": older, "newer": newer,
            "related": related, "stored": store is not None, "story": story}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str, store: StoreDep,
            summary: Annotated[int | None, Query(ge=1, le=20)] = None,
            style: Annotated[str, Query(pattern="^(sentences|bullets|headline)$")] = "sentences"
            ) -> Response:
    # On the event loop, like the summary API: bounded index lookups and one template.
    briefing = store.get(article_id)
    context = article_context(briefing, store)
    # Without JavaScript the summary form reloads the page with ?summary=N.
    prior = state(request).settings.summary_prior
    context["summary"] = (summary_for(briefing, summary, as_style(style), as_prior(prior))
                          if summary else None)
    context["summary_n"] = summary or state(request).settings.summary_sentences
    context["style"] = style
    return page(request, "article.html", context)


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, store: StoreDep,
             kind: Annotated[str | None, Query(max_length=20)] = None,
             name: Annotated[str | None, Query(alias="q", max_length=200)] = None,
             offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    items = list_entities(store, kind or None, name or None, limit=60, offset=offset)
    return page(request, "entities.html", {"items": items, "kind": kind or "", "q": name or "",
                                           "kinds": sorted(KINDS), "offset": offset})


@router.get("/entities/{ref:path}", response_class=HTMLResponse)
def entity(request: Request, ref: str, store: StoreDep) -> Response:
    if "/with/" in ref:
        a, _, b = ref.partition("/with/")
        pair = pair_page(store, a, b)
        return page(request, "pair.html", {"p": pair, "chart": render.chart(pair.timeline)})
    ent = entity_page(store, ref)
    partners = [s for s in ent.co_occurring if s.ref.kind == "country"] \
        if ent.entity.ref.kind == "country" else []
    return page(request, "entity.html", {"e": ent, "chart": render.chart(ent.timeline),
                                         "partners": partners})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, flt: FilterDep,
           query: Annotated[str, Query(alias="q", max_length=500)] = "",
           offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    results = search_page(store, query, flt, limit=PAGE, offset=offset)
    base = _query(flt)
    return page(request, "search.html", {
        "q": query, "results": results, "facets": results.facets, "flt": flt, "query_base": base,
        "snippet": render.snippet_parts})


@router.get("/brief", response_class=HTMLResponse)
def brief_form(request: Request) -> Response:
    return page(request, "brief.html", {"error": None,
                                        "form": {"text": "", "title": "", "published": ""}})


@router.post("/brief", response_class=HTMLResponse)
async def brief_submit(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    form = {"text": text, "title": title, "published": published}
    try:
        check_write(request, token or None)
        html: str | None = None
        if upload is not None and upload.filename:
            from wirebrief.ingest.reader import decode_bytes, looks_like_html

            limit = state(request).settings.max_brief_bytes
            data = await upload.read(limit + 1)
            if len(data) > limit:
                raise InputError(f"the uploaded file is over {limit / 1048576:g} MB",
                                 reason="too_large")
            decoded = decode_bytes(data)
            html, text = (decoded, "") if looks_like_html(decoded) else (None, decoded)
        elif text:
            from wirebrief.ingest.reader import looks_like_html

            if looks_like_html(text):
                html, text = text, ""
        briefing = await state(request).run_brief(
            brief_input, text or None, html, title=title or None, published=form_date(published),
            default_sentences=state(request).settings.summary_sentences)
    except WirebriefError as exc:

        return page(request, "brief.html", {"error": exc.message, "form": form},
                    status=status_for(exc))
    context = article_context(briefing, None)
    context.update(summary=list(briefing.summary), summary_n=len(briefing.summary) or 3,
                   style="sentences")
    return page(request, "article.html", context)
