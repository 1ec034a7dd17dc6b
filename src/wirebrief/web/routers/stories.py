"""Stories, timelines and digests: pages and their API, over the same functions as the CLI.

Like `wirebrief stories|timeline|digest`, each view first places stored articles that are not
yet in a story (incremental and bounded per request, so a page never stalls on a large
backlog). A digest viewed on the web is not recorded as a run: "what is new" is measured
against the last digest recorded from the CLI, and a GET never changes what that means.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from wirebrief.errors import NotFoundError
from wirebrief.store.db import Store
from wirebrief.store.events import fill_months
from wirebrief.store.read_models import Story, TimelineBucket
from wirebrief.store.stories import unplaced_count
from wirebrief.stories.digest import Digest, build_digest, digest_json
from wirebrief.stories.geomap import events_map_svg
from wirebrief.stories.merge import MergedEvent, interval, merge_events
from wirebrief.stories.query import articles_with, load_events, resolve_entity
from wirebrief.stories.threads import build_stories, get_story, list_stories
from wirebrief.stories.timeline import parse_types
from wirebrief.stories.timeline import timeline as build_timeline
from wirebrief.web import render
from wirebrief.web.errors import ERRORS
from wirebrief.web.params import IsoDate, StoreDep, form_date

pages = APIRouter(include_in_schema=False)
api = APIRouter()
PLACE_PER_REQUEST = 200
EntityQ = Annotated[str | None, Query(max_length=200, description="Country, weapon, person...")]
WithQ = Annotated[str | None, Query(alias="with", max_length=200,
                                    description="Only what also involves this entity.")]
TypesQ = Annotated[str | None, Query(max_length=200, description="PLOVER types: AID,COOPERATE")]
SinceQ = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD.")]
# The API's spec says what it refuses: a name needs one visible character (Python also counts
# the separators \x1c-\x1f as space, the spec's regex engine does not).
VISIBLE = r"[^\s\x1c-\x1f]"
ApiEntity = Annotated[str | None, Query(max_length=200, pattern=VISIBLE,
                                        description="Country, weapon, person...")]
ApiWith = Annotated[str | None, Query(alias="with", max_length=200, pattern=VISIBLE,
                                      description="Only what also involves this entity.")]


def place_pending(store: Store) -> int:
    """Place up to PLACE_PER_REQUEST unplaced articles; return how many are still waiting."""
    build_stories(store, limit=PLACE_PER_REQUEST)
    return unplaced_count(store)


def find_stories(store: Store, entity: str | None, since: date | None,
                 limit: int) -> list[Story]:
    ids = articles_with(store, resolve_entity(store, entity)) if entity else None
    return list_stories(store, since=since, article_ids=ids, limit=limit)


def story_events(store: Store, story: Story) -> list[MergedEvent]:
    return merge_events(load_events(store, article_ids={a.id for a in story.articles}))


def monthly(events: list[MergedEvent]) -> list[TimelineBucket]:
    """Merged events per month and type (months without events filled in), for the chart."""
    counts: dict[str, Counter[str]] = {}
    for ev in events:
        span = interval(ev.when)
        if span is not None:
            counts.setdefault(span[0].strftime("%Y-%m"), Counter())[ev.type] += 1
    return fill_months(counts)  # at most twenty years of bars: more is unreadable


_KEY_KINDS = {"C": "country", "W": "weapon_system", "P": "person", "O": "organization",
              "L": "place"}


def story_chips(story: Story) -> list[tuple[str, str, str]]:
    """(label, kind, entity page link) for a story's top entity keys such as "C:BLR"."""
    from wirebrief.analyze.countries import country_name

    out = []
    for key in story.entities:
        prefix, _, name = key.partition(":")
        kind = _KEY_KINDS.get(prefix)
        if kind is None or not name:
            continue
        label = (country_name(name) or name) if kind == "country" else name
        out.append((label, kind, render.entity_href(f"{kind}:{name}")))
    return out


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("error", None)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


# Pages ----------------------------------------------------------------------------------------


@pages.get("/stories")
def stories_page(request: Request, store: StoreDep, entity: EntityQ = None,
                 since: SinceQ = None) -> Response:
    waiting = place_pending(store)
    found = find_stories(store, entity or None, form_date(since), limit=50)
    return page(request, "stories.html", {"stories": found, "entity": entity or "",
                                          "since": since or "", "waiting": waiting})


@pages.get("/stories/{story_id}")
def story_page(request: Request, story_id: int, store: StoreDep) -> Response:
    place_pending(store)
    story = get_story(store, story_id)
    events = story_events(store, story)
    return page(request, "story.html", {"s": story, "events": events,
                                        "chips": story_chips(story),
                                        "chart": render.chart(monthly(events))})


@pages.get("/timeline")
def timeline_page(request: Request, store: StoreDep, entity: EntityQ = None,
                  with_: WithQ = None, since: SinceQ = None,
                  type: TypesQ = None) -> Response:
    form = {"entity": entity or "", "with": with_ or "", "since": since or "", "type": type or ""}
    events: list[MergedEvent] = []
    label = None
    if entity:
        place_pending(store)
        try:
            matches, events = build_timeline(store, entity, with_=with_ or None,
                                             since=form_date(since), types=parse_types(type))
        except NotFoundError as exc:  # the form stays, with what was not found
            return page(request, "timeline.html", {"form": form, "events": [], "label": None,
                                                   "chart": None, "error": exc.message}, 404)
        label = " + ".join(m.name for m in matches)
    return page(request, "timeline.html", {"form": form, "events": events, "label": label,
                                           "chart": render.chart(monthly(events))})


@pages.get("/digest")
def digest_page(request: Request, store: StoreDep, entity: EntityQ = None,
                with_: WithQ = None, since: SinceQ = None) -> Response:
    form = {"entity": entity or "", "with": with_ or "", "since": since or ""}
    d: Digest | None = None
    if entity or with_:
        place_pending(store)
        try:
            d = build_digest(store, entity=entity or None, with_=with_ or None,
                             since=form_date(since), record=False)
        except NotFoundError as exc:
            return page(request, "digest.html", {"form": form, "d": None,
                                                 "error": exc.message}, 404)
    # The map is built by the same function as `events --map`; it escapes every text itself.
    where = Markup(events_map_svg(d.events, d.label)) if d and d.events else None  # noqa: S704
    return page(request, "digest.html", {"form": form, "d": d, "map": where})


# API ------------------------------------------------------------------------------------------


@api.get("/api/stories", response_model=list[Story], tags=["stories"], responses=ERRORS)
def api_stories(store: StoreDep, entity: ApiEntity = None, since: IsoDate = None,
                limit: Annotated[int, Query(ge=1, le=200)] = 30) -> list[Story]:
    """Story threads, most recently active first, with their articles in order."""
    place_pending(store)
    return find_stories(store, entity or None, since, limit)


@api.get("/api/stories/{story_id}", response_model=Story, tags=["stories"],
         responses=ERRORS)
def api_story(store: StoreDep, story_id: Annotated[int, PathParam(ge=0, le=2**62)]
              ) -> Story:
    """One story with its articles."""
    place_pending(store)
    return get_story(store, story_id)


def _json(text: str) -> Response:
    return Response(text, media_type="application/json")


@api.get("/api/timeline", tags=["stories"], responses=ERRORS)
def api_timeline(store: StoreDep,
                 entity: Annotated[str, Query(max_length=200, pattern=VISIBLE,
                                              description="Whose timeline.")],
                 with_: ApiWith = None, since: IsoDate = None, type: TypesQ = None) -> Response:
    """Merged events involving an entity (and `with`), in date order, with their evidence."""
    from wirebrief.stories.timeline import events_json

    place_pending(store)
    _, events = build_timeline(store, entity, with_=with_ or None, since=since,
                               types=parse_types(type))
    return _json(events_json(events))


@api.get("/api/digest", tags=["stories"], responses=ERRORS)
def api_digest(store: StoreDep, entity: ApiEntity = None, with_: ApiWith = None,
               since: IsoDate = None) -> Response:
    """The digest document for a query, as JSON (not recorded as a run)."""
    place_pending(store)
    return _json(digest_json(build_digest(store, entity=entity or None, with_=with_ or None,
                                          since=since, record=False)))
