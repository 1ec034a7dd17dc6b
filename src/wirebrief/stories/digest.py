"""The snapshot digest: a briefing document for an entity (and a partner) over a period.

Key developments are a multi-article extractive summary: candidate sentences are each article's
summary and the evidence of events about the query, scored by centrality over all candidates,
event support (how many articles report it) and query mentions; a sentence too close to one
already chosen is skipped, so ten outlets repeating one fact give one line. Each line links to
its article. Every run is recorded in `digest_runs`, so the next digest of the same query says
what is new since.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape

from wirebrief.analyze.countries import country_name
from wirebrief.export import markdown_link, markdown_text, safe_url
from wirebrief.models import Briefing, EntityType
from wirebrief.outlets import outlet_name
from wirebrief.store.articles import briefings_in
from wirebrief.store.db import Store
from wirebrief.store.read_models import Story
from wirebrief.store.stories import last_digest_run, record_digest_run
from wirebrief.stories.features import cosine, normalise, tokens
from wirebrief.stories.merge import EvidenceItem, MergedEvent, merge_events
from wirebrief.stories.query import EntityMatch, articles_with, load_events, resolve_entity
from wirebrief.stories.snapshot import (
    ActorRole,
    Dispute,
    OverviewSentence,
    RankedEvent,
    actor_roles,
    disputes,
    event_weapons,
    overview,
    party,
    rank_events,
)
from wirebrief.stories.threads import headline_ok, list_stories

MAX_ARTICLES = 300
MAX_POINTS = 8
MAX_EVENTS = 40
MAX_STORIES = 10
REDUNDANT = 0.45


@dataclass(frozen=True)
class ArticleRef:
    id: str
    external_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True)
class KeyPoint:
    text: str
    article: ArticleRef
    n_sources: int  # articles reporting the same event (1 when not an event sentence)


@dataclass
class Digest:
    query: str
    label: str
    since: str | None
    generated_at: str
    articles: list[ArticleRef]
    key_points: list[KeyPoint]
    events: list[MergedEvent]
    stories: list[Story]
    people: list[tuple[str, str | None, int]]  # name, role, articles
    organisations: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    weapons: list[tuple[str, int]]  # named in the query's events only, by number of events
    ranked: list[RankedEvent] = field(default_factory=list)
    disputed: list[Dispute] = field(default_factory=list)
    roles: list[ActorRole] = field(default_factory=list)
    overview: list[OverviewSentence] = field(default_factory=list)
    previous_run: str | None = None
    new_articles: list[ArticleRef] = field(default_factory=list)
    new_events: list[MergedEvent] = field(default_factory=list)


def _ref(b: Briefing) -> ArticleRef:
    return ArticleRef(b.id, b.external_id, b.title, outlet_name(b.source, b.url), b.url,
                      b.published.isoformat() if b.published else None)


def _load_articles(store: Store, matches: list[EntityMatch], since: date | None) -> list[Briefing]:
    scope: set[str] | None = None
    for m in matches:
        found = articles_with(store, m)
        scope = found if scope is None else scope & found
    return briefings_in(store, scope, since, MAX_ARTICLES)


def _key_points(articles: list[Briefing], events: list[MergedEvent],
                matches: list[EntityMatch]) -> list[KeyPoint]:
    by_id = {b.id: b for b in articles}
    support: dict[tuple[str, str], int] = {}
    for ev in events:
        if ev.aux == "historical":
            continue
        for item in ev.evidence:
            key = (item.article_id, item.sentence)
            support[key] = max(support.get(key, 0), ev.n_articles)
    cands: list[tuple[str, str, float]] = []  # article id, sentence, prior
    for b in articles:
        for i, s in enumerate(b.summary):
            cands.append((b.id, " ".join(s.text.split()), 0.15 if i == 0 else 0.05))
    for (aid, sentence), n in support.items():
        if aid in by_id:
            cands.append((aid, sentence, 0.1 + 0.1 * math.log1p(n)))
    if not cands:
        return []
    names = [m.name.lower() for m in matches]
    df: Counter[str] = Counter()
    bags = []
    for _, sentence, _ in cands:
        bag = Counter(tokens(sentence))
        bags.append(bag)
        df.update(bag.keys())
    n = len(cands)
    vecs = [normalise({t: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5))
                       for t, c in bag.items()}) for bag in bags]
    centroid: dict[str, float] = {}
    for v in vecs:
        for t, w in v.items():
            centroid[t] = centroid.get(t, 0.0) + w
    scored = []
    for (aid, sentence, prior), vec in zip(cands, vecs, strict=True):
        if len(sentence.split()) < 6 or len(sentence) > 400:
            continue
        mention = sum(0.1 for nm in names if nm in sentence.lower())
        scored.append((cosine(vec, centroid) + prior + mention, aid, sentence, vec))
    scored.sort(key=lambda x: -x[0])
    chosen: list[tuple[str, str, dict[str, float]]] = []
    for _, aid, sentence, vec in scored:
        if any(cosine(vec, v) >= REDUNDANT for _, _, v in chosen):
            continue
        chosen.append((aid, sentence, vec))
        if len(chosen) >= MAX_POINTS:
            break
    points = [KeyPoint(s, _ref(by_id[a]), max(1, support.get((a, s), 1))) for a, s, _ in chosen]
    points.sort(key=lambda p: (p.article.published or "", p.article.id))
    return points


def _actors(articles: list[Briefing], matches: list[EntityMatch]) -> tuple[
        list[tuple[str, str | None, int]], list[tuple[str, int]], list[tuple[str, int]],
        list[tuple[str, int]]]:
    people: Counter[str] = Counter()
    roles: dict[str, Counter[str]] = {}
    orgs: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    weapons: Counter[str] = Counter()
    for b in articles:
        seen: set[tuple[EntityType, str]] = set()
        for e in b.entities:
            key = (e.type, e.country if e.type is EntityType.COUNTRY and e.country
                   else e.canonical)
            if e.type is EntityType.PERSON and e.role:
                roles.setdefault(e.canonical, Counter())[e.role] += 1
            if key in seen:
                continue
            seen.add(key)
            if e.type is EntityType.PERSON and len(e.canonical.split()) >= 2:
                people[e.canonical] += 1
            elif e.type is EntityType.ORGANIZATION and e.subtype in {
                    "armed_forces", "ministry", "alliance", "government", "igo", "unit"}:
                orgs[e.canonical] += 1
            elif e.type is EntityType.COUNTRY and e.country:
                countries[country_name(e.country) or e.country] += 1
            elif e.type is EntityType.WEAPON_SYSTEM:
                weapons[e.canonical] += 1
    # People the text gives a role for come first: they are the actors, not passers-by.
    ranked = sorted(people, key=lambda p: (p not in roles, -people[p], p))[:12]
    return ([(p, roles[p].most_common(1)[0][0] if p in roles else None, people[p])
             for p in ranked], orgs.most_common(12), countries.most_common(12),
            weapons.most_common(12))


_KEY_PREFIX = {"COUNTRY": "C", "WEAPON_SYSTEM": "W", "PERSON": "P", "ORGANIZATION": "O",
               "PLACE": "L"}


def _stories(store: Store, ids: set[str], matches: list[EntityMatch]) -> list[Story]:
    """Stories touching the digest's articles that are about the query, not just naming it."""
    keys = {f"{_KEY_PREFIX.get(m.type, '?')}:{m.key}" for m in matches}
    found = list_stories(store, article_ids=ids, min_articles=2, limit=50)
    return [s for s in found if not keys or keys & set(s.entities)][:MAX_STORIES]


def _digest_events(events: list[MergedEvent]) -> list[MergedEvent]:
    """Reported or planned events only (historical, negated and hypothetical ones are
    background); when there are many, those reported by most articles, most confidently."""
    kept = [e for e in events if e.aux in (None, "future")]
    if len(kept) > MAX_EVENTS:
        top = sorted(kept, key=lambda e: (-e.n_articles, -e.confidence, e.key))[:MAX_EVENTS]
        chosen = {id(e) for e in top}
        kept = [e for e in kept if id(e) in chosen]
    return kept


def query_key(matches: list[EntityMatch], since: date | None) -> str:
    return json.dumps({"entities": sorted(f"{m.type}:{m.key}" for m in matches),
                       "since": since.isoformat() if since else None}, sort_keys=True)


def build_digest(store: Store, *, entity: str | None = None, with_: str | None = None,
                 since: date | None = None, record: bool = True) -> Digest:
    """Build (and by default record) the digest for a query."""
    matches = [resolve_entity(store, q) for q in (entity, with_) if q]
    articles = _load_articles(store, matches, since)
    ids = {b.id for b in articles}
    every = merge_events(load_events(store, entities=matches, since=since, article_ids=ids))
    events = _digest_events(every)
    ranked = rank_events(every)
    people, orgs, countries, _ = _actors(articles, matches)
    key = query_key(matches, since)
    label = " + ".join(m.name for m in matches) or "all articles"
    digest = Digest(
        query=key, label=label, since=since.isoformat() if since else None,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        articles=[_ref(b) for b in articles], key_points=_key_points(articles, events, matches),
        events=events, stories=_stories(store, ids, matches),
        people=people, organisations=orgs, countries=countries, weapons=event_weapons(events),
        ranked=ranked, disputed=disputes(every), roles=actor_roles(events),
        overview=overview(ranked))
    prev = last_digest_run(store, key)
    if prev is not None:
        old_articles, old_events = set(prev[1]), set(prev[2])
        digest.previous_run = prev[0]
        digest.new_articles = [a for a in digest.articles if a.id not in old_articles]
        digest.new_events = [e for e in events if e.key not in old_events]
    if record:
        record_digest_run(store, key, sorted(ids), sorted(e.key for e in events))
    return digest


# Rendering ----------------------------------------------------------------------------------


def _who(ev: MergedEvent) -> str:
    a = party(ev.actor) or "?"
    r = party(ev.recipient) or ""
    text = f"{ev.type} {a}" + (f" → {r}" if r else "")
    if ev.weapon_systems:
        text += f" ({', '.join(ev.weapon_systems)})"
    if ev.aux:
        text += f" [{ev.aux}]"
    return text


def _n(k: int) -> str:
    return f"{k} article" if k == 1 else f"{k} articles"


def _md(text: object) -> str:
    return markdown_text(text)


def _name(a: ArticleRef) -> str:
    return (a.title if headline_ok(a.title) else None) or a.external_id or a.title or a.id[:12]


def _link_md(a: ArticleRef) -> str:
    return markdown_link(_name(a), a.url)


EVIDENCE_SHOWN = 3  # evidence items shown per event; the rest are counted


def _evidence_md(item: EvidenceItem) -> str:
    link = markdown_link(item.source or item.external_id or item.article_id[:12], item.url)
    return f"“{_md(item.sentence)}” — {link}, {item.published or 'undated'}"


def _role_text(r: ActorRole) -> str:
    parts = [f"acts in {r.as_actor}" if r.as_actor else "",
             f"is the target or recipient in {r.as_recipient}" if r.as_recipient else ""]
    return " and ".join(p for p in parts if p) + f" (last {r.last_seen or 'undated'})"


def render_markdown(d: Digest) -> str:
    out = [f"# Digest: {_md(d.label)}", "",
           f"{len(d.articles)} articles" + (f" since {d.since}" if d.since else "")
           + f", {len(d.events)} distinct events; generated {d.generated_at}.", ""]
    if d.overview:
        out += ["## Overview", ""]
        out.append(" ".join(f"{_md(o.text)} [{o.rank}]" for o in d.overview))
        out.append("")
    out += ["## What happened", ""]
    for r in d.ranked:
        ev = r.event
        out.append(f"{r.rank}. **{ev.when or 'undated'}** {_md(_who(ev))} — "
                   f"{len(r.outlets)} outlet(s): {_md(', '.join(r.outlets))}")
        out += [f"   - {_evidence_md(item)}" for item in ev.evidence[:EVIDENCE_SHOWN]]
        if len(ev.evidence) > EVIDENCE_SHOWN:
            out.append(f"   - and {len(ev.evidence) - EVIDENCE_SHOWN} more reports")
    if not d.ranked:
        out.append("- no corroborated or confident events")
    if d.disputed:
        out += ["", "## What is disputed", ""]
        for x in d.disputed:
            out.append(f"- {_md(_who(x.claim))}")
            out.append(f"  - claim: {_evidence_md(x.claim.evidence[0])}")
            out.append(f"  - denial: {_evidence_md(x.denial.evidence[0])}")
    if d.previous_run is not None:
        out += ["", f"## New since the last digest ({d.previous_run})", ""]
        if not d.new_articles and not d.new_events:
            out.append("- nothing new")
        out += [f"- article: {a.published or ''} {_link_md(a)}" for a in d.new_articles[:20]]
        out += [f"- event: {e.when or ''} {_md(_who(e))}" for e in d.new_events[:20]]
    out += ["", "## Who", ""]
    out += [f"- {_md(r.name)} {_role_text(r)}" for r in d.roles[:12]]
    out += [f"- {_md(n)}" + (f", {_md(r)}" if r else "") + f" ({_n(k)})" for n, r, k in d.people]
    out += [f"- {_md(n)} ({_n(k)})" for n, k in d.organisations]
    out += ["", "## With what", ""]
    out += [f"- {_md(n)} ({k} event{'s' if k > 1 else ''})" for n, k in d.weapons] \
        or ["- no weapon system named in these events"]
    if d.stories:
        out += ["", "## Stories", ""]
        for st in d.stories:
            out.append(f"- {_md(st.title or '(untitled)')} — {st.n_articles} articles, "
                       f"{st.first_seen} to {st.last_seen} ({_md(', '.join(st.sources))})")
    out += ["", "## When", ""]
    for e in d.events:
        first = e.evidence[0]
        out.append(f"- **{e.when or 'undated'}** {_md(_who(e))} — “{_md(first.sentence)}” "
                   f"({markdown_link(first.source or 'source', first.url)}"
                   + (f", +{e.n_articles - 1} more" if e.n_articles > 1 else "") + ")")
    out += ["", "## Sources", ""]
    out += [f"- {a.published or 'undated'} {_md(a.source or '')}: {_link_md(a)}"
            for a in sorted(d.articles, key=lambda a: a.published or "")]
    return "\n".join(out) + "\n"


def _link_html(a: ArticleRef) -> str:
    name = escape(_name(a))
    href = safe_url(a.url)
    if href is not None:
        return f'<a href="{escape(href, quote=True)}">{name}</a>'
    return name


_PRINT_CSS = ("body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.4}"
              "q{font-style:italic}.muted{color:#555}"
              "@media print{a{color:inherit}a[href]::after{content:' <' attr(href) '>';"
              "font-size:80%;color:#555}h2{break-after:avoid}li{break-inside:avoid}}")


def _evidence_html(item: EvidenceItem) -> str:
    name = escape(item.source or item.external_id or item.article_id[:12])
    href = safe_url(item.url)
    link = f'<a href="{escape(href, quote=True)}">{name}</a>' if href else name
    return f"<q>{escape(item.sentence)}</q> — {link}, {escape(item.published or 'undated')}"


def render_html(d: Digest) -> str:
    """A standalone page that prints cleanly; every text from articles is escaped."""
    e = escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Digest: {e(d.label)}</title><style>{_PRINT_CSS}</style></head><body>",
             f"<h1>Digest: {e(d.label)}</h1>",
             f'<p class="muted">{len(d.articles)} articles, {len(d.events)} distinct events; '
             f"generated {e(d.generated_at)}.</p>"]
    if d.overview:
        parts.append("<h2>Overview</h2><p>" + " ".join(
            f'{e(o.text)} <a href="#event-{o.rank}">[{o.rank}]</a>' for o in d.overview)
            + "</p>")
    parts.append("<h2>What happened</h2><ol>")
    for r in d.ranked:
        ev = r.event
        parts.append(f'<li id="event-{r.rank}"><b>{e(ev.when or "undated")}</b> {e(_who(ev))}'
                     f" — {len(r.outlets)} outlet(s)<ul>")
        parts += [f"<li>{_evidence_html(i)}</li>" for i in ev.evidence[:EVIDENCE_SHOWN]]
        parts.append("</ul></li>")
    parts.append("</ol>")
    if d.disputed:
        parts.append("<h2>What is disputed</h2><ul>")
        parts += [f"<li>{e(_who(x.claim))}<ul><li>claim: {_evidence_html(x.claim.evidence[0])}"
                  f"</li><li>denial: {_evidence_html(x.denial.evidence[0])}</li></ul></li>"
                  for x in d.disputed]
        parts.append("</ul>")
    if d.previous_run is not None:
        parts.append(f"<h2>New since the last digest ({e(d.previous_run)})</h2><ul>")
        parts += [f"<li>article: {_link_html(a)}</li>" for a in d.new_articles[:20]]
        parts += [f"<li>event: {e(x.when or '')} {e(_who(x))}</li>" for x in d.new_events[:20]]
        parts.append("</ul>")
    parts.append("<h2>Who</h2><ul>")
    parts += [f"<li>{e(r.name)} {e(_role_text(r))}</li>" for r in d.roles[:12]]
    parts += [f"<li>{e(n)}{', ' + e(r) if r else ''} ({k})</li>" for n, r, k in d.people]
    parts += [f"<li>{e(n)} ({k})</li>" for n, k in d.organisations]
    parts.append("</ul><h2>With what</h2><ul>")
    parts += [f"<li>{e(n)} ({k})</li>" for n, k in d.weapons]
    parts.append("</ul><h2>When</h2><ul>")
    for x in d.events:
        parts.append(f"<li><b>{e(x.when or 'undated')}</b> {e(_who(x))} — "
                     f"{_evidence_html(x.evidence[0])}</li>")
    parts.append("</ul><h2>Sources</h2><ul>")
    parts += [f"<li>{e(a.published or 'undated')} {e(a.source or '')}: {_link_html(a)}</li>"
              for a in sorted(d.articles, key=lambda a: a.published or "")]
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


def digest_json(d: Digest) -> str:
    return json.dumps({
        "query": json.loads(d.query), "label": d.label, "since": d.since,
        "generated_at": d.generated_at, "previous_run": d.previous_run,
        "articles": [a.__dict__ for a in d.articles],
        "key_points": [{"text": p.text, "article": p.article.__dict__,
                        "n_sources": p.n_sources} for p in d.key_points],
        "events": [x.to_json() for x in d.events],
        "stories": [s.to_json() for s in d.stories],
        "actors": {"people": [{"name": n, "role": r, "articles": k} for n, r, k in d.people],
                   "organisations": [{"name": n, "articles": k} for n, k in d.organisations],
                   "countries": [{"name": n, "articles": k} for n, k in d.countries]},
        "weapon_systems": [{"name": n, "events": k} for n, k in d.weapons],
        "overview": [{"text": o.text, "event": o.rank} for o in d.overview],
        "ranked_events": [{"rank": r.rank, "importance": r.importance, "outlets": r.outlets,
                           "event": r.event.to_json()} for r in d.ranked],
        "disputed": [{"claim": x.claim.to_json(), "denial": x.denial.to_json()}
                     for x in d.disputed],
        "roles": [r.__dict__ for r in d.roles],
        "new_articles": [a.__dict__ for a in d.new_articles],
        "new_events": [x.key for x in d.new_events],
    }, indent=2, ensure_ascii=False) + "\n"
