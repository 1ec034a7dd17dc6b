"""Story threads, built incrementally as articles arrive.

A new article is compared with a few candidate stories only: those that share one of its rarest
entities or heaviest terms (the `story_keys` inverted index) and were active within
`WINDOW_DAYS` of its date. It joins the best one when the similarity clears a threshold that
rises with the time gap, else it starts a story. Nothing is ever re-clustered, so the cost of
placing an article does not grow with the store.

Near-duplicates collapse inside a story: an article listed in the `duplicates` table (when that
table exists) or almost identical in wording to a recent member is kept as a duplicate of it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from wirebrief.errors import NotFoundError
from wirebrief.models import Briefing
from wirebrief.store import stories as story_store
from wirebrief.store.db import Store
from wirebrief.store.read_models import Story
from wirebrief.store.stories import StoryRow, doc_freq
from wirebrief.stories.features import (
    ARTICLE_ENTITIES,
    ARTICLE_TERMS,
    Vector,
    add_into,
    briefing_counts,
    cosine,
    weigh,
)

WINDOW_DAYS = 45
JOIN_THRESHOLD = 0.33  # similarity needed to join a story seen within a few days
EVENT_THRESHOLD = 0.20  # ... when the article codes an event the story already holds
SPECIFIC = ("V:", "W:", "X:")  # coded events, weapon systems, operations
SPECIFIC_SHARE, SPECIFIC_MIN_DF = 0.02, 5  # ... held by at most this share of the store
EVENT_SPAN_DAYS = 10  # ... and only while the story is young: one event's coverage, not a war
GAP_PENALTY = 0.004  # added to the threshold per day of gap beyond GRACE_DAYS
GRACE_DAYS = 4
DUPLICATE_COSINE = 0.75  # wording overlap of a rewrite of the same copy
REWRITE_COSINE, REWRITE_ENTITIES = 0.65, 0.95  # or close wording, same entities, same days
TEXT_WEIGHT, ENTITY_WEIGHT = 0.65, 0.35  # shared places and people alone do not make a story
CENTROID_TERMS, CENTROID_ENTITIES = 300, 120
INDEX_ENTITIES, INDEX_TERMS = 10, 8  # keys per article written into the inverted index
QUERY_KEYS_ENTITIES, QUERY_KEYS_TERMS = 8, 6  # keys per article used to find candidates
CANDIDATES_PER_KEY = 25
MAX_CANDIDATES = 60
COMMON_KEY_SHARE = 0.25  # keys in more than this share of articles never find candidates
RECENT_MEMBERS = 30  # members checked for near-duplicates


@dataclass(frozen=True)
class Placement:
    """Where an article went."""

    article_id: str
    story_id: int
    created: bool  # True: the article started a new story
    score: float  # similarity to the story it joined (1.0 for a new story)
    duplicate_of: str | None = None


@dataclass
class _Features:
    vector: Vector
    entities: Vector
    index_keys: list[str]
    query_keys: list[str]
    specific: list[str] = field(default_factory=list)  # rare event, weapon, operation keys


def features(conn: sqlite3.Connection, terms: Counter[str], ents: Counter[str]) -> _Features:
    """The article's weighted vectors and the keys it is indexed and looked up by."""
    n_docs = story_store.n_docs(conn)
    term_keys = ["t:" + t for t in terms]
    df = doc_freq(conn, term_keys + list(ents))
    term_df = {k[2:]: v for k, v in df.items() if k.startswith("t:")}
    vector = weigh(terms, term_df, n_docs, ARTICLE_TERMS)
    entities = weigh(ents, df, n_docs, ARTICLE_ENTITIES)
    # Rarest entities first: they say which story this is; very common ones say nothing.
    limit = max(20.0, COMMON_KEY_SHARE * n_docs)
    ranked_ents = sorted(ents, key=lambda k: (df.get(k, 0), k))
    ranked_terms = sorted(vector, key=lambda k: -vector[k])
    query = [k for k in ranked_ents if df.get(k, 0) <= limit][:QUERY_KEYS_ENTITIES]
    query += ["t:" + t for t in ranked_terms if term_df.get(t, 0) <= limit][:QUERY_KEYS_TERMS]
    index = ranked_ents[:INDEX_ENTITIES] + ["t:" + t for t in ranked_terms[:INDEX_TERMS]]
    # An event key shared by a large share of the store (an ongoing war's daily strikes) says
    # no more than a country does: only rare ones lower the bar.
    rare = max(SPECIFIC_MIN_DF, SPECIFIC_SHARE * n_docs)
    specific = [k for k in ents if k[:2] in SPECIFIC and df.get(k, 0) <= rare]
    return _Features(vector, entities, index, query, specific)


def _gap_days(day: date | None, first: str | None, last: str | None) -> int:
    if day is None or not first or not last:
        return 0
    lo, hi = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    if day < lo:
        return (lo - day).days
    if day > hi:
        return (day - hi).days
    return 0


def similarity(feats: _Features, centroid: Vector, profile: Vector) -> float:
    return TEXT_WEIGHT * cosine(feats.vector, centroid) + \
        ENTITY_WEIGHT * cosine(feats.entities, profile)


def threshold(gap_days: int, shared_event: bool = False) -> float:
    base = EVENT_THRESHOLD if shared_event else JOIN_THRESHOLD
    return base + GAP_PENALTY * max(0, gap_days - GRACE_DAYS)


def _span_days(day: date | None, first: str | None) -> int:
    """How long the story would span with this article in it (0 when either is undated)."""
    if day is None or not first:
        return 0
    return abs((day - date.fromisoformat(first[:10])).days)


def shares_event(specific: list[str], profile: Vector) -> bool:
    """Whether the story holds one of the article's rare event, weapon or operation keys."""
    return any(k in profile for k in specific)


def _candidates(conn: sqlite3.Connection, keys: list[str], day: date | None) -> list[int]:
    since = (day - timedelta(days=WINDOW_DAYS)).isoformat() if day else ""
    seen: dict[int, None] = {}
    for key in keys:
        for story_id in story_store.stories_with_key(conn, key, since, CANDIDATES_PER_KEY):
            seen.setdefault(story_id, None)
        if len(seen) >= MAX_CANDIDATES:
            break
    return list(seen)[:MAX_CANDIDATES]


def _placed(conn: sqlite3.Connection, article_id: str) -> Placement | None:
    found = story_store.placement_of(conn, article_id)
    if found is None:
        return None
    story_id, score, duplicate_of = found
    return Placement(article_id, story_id, False, score, duplicate_of)


def assign_to_story(store: Store, briefing: Briefing) -> Placement:
    """Place a stored article in a story: join the most similar recent one or start one.

    Idempotent: an article already placed keeps its story.
    """
    conn = store.conn
    done = _placed(conn, briefing.id)
    if done is not None:
        return done
    terms, ents = briefing_counts(briefing)
    day = briefing.published
    with store.transaction():
        feats = features(conn, terms, ents)
        best: tuple[float, int, StoryRow] | None = None
        forced = story_store.known_duplicate(conn, briefing.id)
        held = story_store.story_id_of(conn, forced) if forced is not None else None
        row = story_store.story_row(conn, held) if held is not None else None
        if row is not None:
            best = (1.0, row.id, row)
        else:
            for row in story_store.story_rows(conn, _candidates(conn, feats.query_keys, day)):
                profile = json.loads(row.entities)
                score = similarity(feats, json.loads(row.centroid), profile)
                gap = _gap_days(day, row.first_seen, row.last_seen)
                shared = shares_event(feats.specific, profile) and \
                    _span_days(day, row.first_seen) <= EVENT_SPAN_DAYS
                if gap > WINDOW_DAYS or score < threshold(gap, shared):
                    continue
                if best is None or score > best[0]:
                    best = (score, row.id, row)
        if best is None:
            placement = _new_story(conn, briefing, feats)
        else:
            placement = _join_story(conn, briefing, feats, best, forced)
        _update_df(conn, terms, ents)
    return placement


def _new_story(conn: sqlite3.Connection, briefing: Briefing, feats: _Features) -> Placement:
    day = briefing.published.isoformat() if briefing.published else None
    story_id = story_store.insert_story(
        conn, title=briefing.title, article_id=briefing.id, day=day,
        centroid=json.dumps(feats.vector), entities=json.dumps(feats.entities))
    _insert_member(conn, briefing, story_id, 1.0, None, feats)
    _index(conn, story_id, feats.index_keys, day)
    return Placement(briefing.id, story_id, True, 1.0)


def _join_story(conn: sqlite3.Connection, briefing: Briefing, feats: _Features,
                best: tuple[float, int, StoryRow], forced: str | None) -> Placement:
    score, story_id, row = best
    duplicate_of = forced or _near_duplicate(conn, story_id, feats, briefing.published)
    centroid = add_into(json.loads(row.centroid), feats.vector, CENTROID_TERMS)
    profile = add_into(json.loads(row.entities), feats.entities, CENTROID_ENTITIES)
    day = briefing.published.isoformat() if briefing.published else None
    first = min(filter(None, [row.first_seen, day]), default=None)
    last = max(filter(None, [row.last_seen, day]), default=None)
    title, title_article, title_score = row.title, row.title_article, row.title_score
    if duplicate_of is None and headline_ok(briefing.title):
        # The headline of the member closest to the centroid names the story best.
        held = story_store.member_vectors(conn, title_article) if title_article else None
        title_score = cosine(json.loads(held[0]), centroid) if held else 0.0
        mine = cosine(feats.vector, centroid)
        if mine > title_score or not headline_ok(title):
            title, title_article, title_score = briefing.title, briefing.id, mine
    story_store.update_story(
        conn, story_id, title=title, title_article=title_article, title_score=title_score,
        first_seen=first, last_seen=last, centroid=json.dumps(centroid),
        entities=json.dumps(profile))
    _insert_member(conn, briefing, story_id, score, duplicate_of, feats)
    _index(conn, story_id, feats.index_keys, last)
    return Placement(briefing.id, story_id, False, round(score, 4), duplicate_of)


_NOT_HEADLINE = re.compile(r"^\W|^(ATTENTION|URGENT|UPDATE|CORRECTION)\b|///", re.IGNORECASE)


def headline_ok(title: str | None) -> bool:
    """Wire slugs ("ATTENTION - ADDS detail ///", "=(PICTURE)=") do not name a story."""
    return title is not None and len(title.split()) >= 4 and not _NOT_HEADLINE.search(title)


def _near_duplicate(conn: sqlite3.Connection, story_id: int, feats: _Features,
                    day: date | None) -> str | None:
    """A recent member this article rewrites: near-identical wording, or close wording with the
    same entities within a couple of days (one outlet's copy of another's report)."""
    best: tuple[float, str] | None = None
    members = story_store.recent_members(conn, story_id, RECENT_MEMBERS)
    for article_id, vec, ents, published, dup in members:
        sim = cosine(feats.vector, json.loads(vec))
        close_in_time = day is None or published is None or \
            abs((date.fromisoformat(published[:10]) - day).days) <= 2
        same = sim >= DUPLICATE_COSINE or (
            sim >= REWRITE_COSINE and close_in_time
            and cosine(_named(feats.entities), _named(json.loads(ents))) >= REWRITE_ENTITIES)
        if same and (best is None or sim > best[0]):
            best = (sim, dup or article_id)  # point at the original, not at another copy
    return best[1] if best else None


def _named(vec: Vector) -> Vector:
    """The entity keys of a profile without its event keys (coded events vary between copies)."""
    return {k: v for k, v in vec.items() if not k.startswith("V:")}


def _insert_member(conn: sqlite3.Connection, briefing: Briefing, story_id: int, score: float,
                   duplicate_of: str | None, feats: _Features) -> None:
    story_store.insert_member(
        conn, article_id=briefing.id, story_id=story_id,
        published=briefing.published.isoformat() if briefing.published else None,
        score=round(score, 4), duplicate_of=duplicate_of, vector=json.dumps(feats.vector),
        entities=json.dumps(feats.entities))


def _index(conn: sqlite3.Connection, story_id: int, keys: list[str], day: str | None) -> None:
    story_store.index_story(conn, story_id, keys, day or "9999-12-31")  # undated: still findable


def _update_df(conn: sqlite3.Connection, terms: Counter[str], ents: Counter[str]) -> None:
    story_store.count_keys(conn, ["t:" + t for t in terms] + list(ents))


def build_stories(store: Store, limit: int | None = None) -> int:
    """Place every stored article not yet in a story, oldest first; return how many."""
    waiting = story_store.unplaced_articles(store, limit)
    for briefing in waiting:
        assign_to_story(store, briefing)
    return len(waiting)


def rebuild_stories(store: Store) -> int:
    """Forget every story and place all stored articles again, oldest first: after a
    re-analysis their entities and events changed, and so may the stories they belong in.
    Story ids are not kept. Return how many articles were placed."""
    with store.transaction() as conn:
        story_store.clear_stories(conn)
    return build_stories(store)


# Reading ------------------------------------------------------------------------------------


def _story(conn: sqlite3.Connection, row: StoryRow) -> Story:
    members = story_store.story_members(conn, row.id)
    sources = list(dict.fromkeys(m.source for m in members if m.source))
    profile: dict[str, float] = json.loads(row.entities)
    top = sorted(profile, key=lambda k: -profile[k])[:8]
    title = row.title
    if not headline_ok(title) and top:
        # Every member has a wire slug for a headline: name the story by what it is about.
        title = "about " + ", ".join(k.partition(":")[2] for k in top[:3])
    return Story(id=row.id, title=title, first_seen=row.first_seen, last_seen=row.last_seen,
                 n_articles=row.n_articles, sources=sources, articles=members, entities=top)


def get_story(store: Store, story_id: int) -> Story:
    row = story_store.story_row(store.conn, story_id)
    if row is None:
        raise NotFoundError(f"no story {story_id}", reason="not_found")
    return _story(store.conn, row)


def story_of(store: Store, article_id: str) -> Story | None:
    story_id = story_store.story_id_of(store.conn, article_id)
    return get_story(store, story_id) if story_id is not None else None


def list_stories(store: Store, *, since: date | None = None,
                 article_ids: set[str] | None = None, min_articles: int = 1,
                 limit: int = 50) -> list[Story]:
    """Stories, most recently active first; `article_ids` keeps those touching these articles."""
    story_ids: set[int] | None = None
    if article_ids is not None:
        if not article_ids:
            return []
        story_ids = story_store.stories_of_articles(store.conn, article_ids)
        if not story_ids:
            return []
    found = story_store.find_story_rows(
        store.conn, since=since.isoformat() if since else None, story_ids=story_ids,
        min_articles=min_articles, limit=limit)
    return [_story(store.conn, r) for r in found]
