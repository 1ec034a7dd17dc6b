"""Watchlist rules and alerts: a newly stored article whose events match a rule is written to a
JSONL log and, when configured, posted to a webhook.

A rules file (JSON, or TOML when it ends in .toml) holds a list of rules:

    {"rules": [{"name": "Iskander moves", "weapons": ["Iskander-M"]},
               {"name": "Russia-Belarus", "pairs": [["Russia", "Belarus"]], "types": ["AID"]},
               {"name": "Strikes on Poland", "entities": ["Poland"], "types": ["ASSAULT"]}]}

Within a rule every field given must match (entities: any of them is actor or recipient;
weapons: any named; types: any; pairs: the two as actor and recipient, either way round).
Only confident, asserted events alert. An event that merges into one an earlier article already
reported (same type, actors, weapons, compatible dates) is already known: it does not alert
again, however many outlets repeat it.
"""

from __future__ import annotations

import json
import tomllib
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from wirebrief.analyze.countries import country_code
from wirebrief.errors import InputError
from wirebrief.export import safe_url
from wirebrief.models import Briefing, Event
from wirebrief.outlets import outlet_name
from wirebrief.store.db import Store
from wirebrief.stories.merge import EventRecord, merge_events, signature
from wirebrief.stories.query import load_events

MIN_CONFIDENCE = 0.5
WEBHOOK_TIMEOUT_S = 10


@dataclass(frozen=True)
class Rule:
    name: str
    entities: list[str] = field(default_factory=list)  # ISO3 codes or names, lower case
    weapons: list[str] = field(default_factory=list)  # lower case
    types: list[str] = field(default_factory=list)  # upper case
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def matches(self, event: Event) -> bool:
        parties = _parties(event)
        if self.entities and not parties & set(self.entities):
            return False
        weapons = {w.lower() for w in [*event.weapon_systems, *event.weapon_families]}
        if self.weapons and not weapons & set(self.weapons):
            return False
        if self.types and event.type not in self.types:
            return False
        actor, recipient = (_party_keys(event.actor), _party_keys(event.recipient))
        return not self.pairs or any(
            (a in actor and b in recipient) or (b in actor and a in recipient)
            for a, b in self.pairs)


@dataclass(frozen=True)
class Alert:
    rule: str
    article_id: str
    external_id: str | None
    outlet: str | None
    url: str | None
    published: str | None
    type: str
    actor: str | None
    recipient: str | None
    weapon_systems: list[str]
    when: str | None
    evidence: str
    confidence: float
    alerted_at: str


def _key(value: str) -> str:
    """A rule's entity as matched: the ISO3 code of a country name, else the name lower-cased."""
    value = " ".join(value.split())
    if len(value) == 3 and value.isalpha() and value.isupper():
        return value.lower()
    code = country_code(value) or country_code(value.title())
    return (code or value).lower()


def _party_keys(actor: object) -> set[str]:
    if actor is None:
        return set()
    keys = {str(getattr(actor, "text", "")).lower()}
    country = getattr(actor, "country", None)
    if country:
        keys.add(str(country).lower())
    return keys


def _parties(event: Event) -> set[str]:
    return _party_keys(event.actor) | _party_keys(event.recipient)


def parse_rules(data: object) -> list[Rule]:
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise InputError("a rules file holds a non-empty list of rules", reason="bad_rules")
    rules = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"rule {i + 1} is not an object", reason="bad_rules")
        pairs = item.get("pairs", [])
        if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise InputError(f"rule {i + 1}: each pair is two names", reason="bad_rules")
        rule = Rule(name=str(item.get("name") or f"rule {i + 1}"),
                    entities=[_key(str(e)) for e in item.get("entities", [])],
                    weapons=[str(w).lower() for w in item.get("weapons", [])],
                    types=[str(t).upper() for t in item.get("types", [])],
                    pairs=[(_key(str(a)), _key(str(b))) for a, b in pairs])
        if not (rule.entities or rule.weapons or rule.types or rule.pairs):
            raise InputError(f"rule {i + 1} matches everything: give entities, weapons, types "
                             "or pairs", reason="bad_rules")
        rules.append(rule)
    return rules


def load_rules(path: Path) -> list[Rule]:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode()) if path.suffix == ".toml" else json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read rules from {path}: {exc}", reason="bad_rules") from exc
    return parse_rules(data)


def _already_known(store: Store, briefing: Briefing, idx: int, event: Event) -> bool:
    """Whether an earlier article reported the same event (it merges with this one)."""
    others = [r for r in load_events(store, types=[event.type])
              if r.article_id != briefing.id and signature(r.event) == signature(event)]
    if not others:
        return False
    mine = EventRecord(briefing.id, idx, event, briefing.external_id, briefing.title,
                       published=briefing.published.isoformat() if briefing.published else None)
    for merged in merge_events([mine, *others]):
        ids = {e.article_id for e in merged.evidence}
        if briefing.id in ids:
            return len(ids) > 1
    return False


def alerts_for(store: Store, briefing: Briefing, rules: list[Rule]) -> list[Alert]:
    """The alerts a stored article raises: one per matching rule and new event."""
    out: list[Alert] = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for idx, event in enumerate(briefing.events):
        if event.confidence < MIN_CONFIDENCE or event.aux in ("negation", "hypothetical",
                                                               "historical"):
            continue
        hits = [r for r in rules if r.matches(event)]
        if not hits or _already_known(store, briefing, idx, event):
            continue
        for rule in hits:
            out.append(Alert(
                rule=rule.name, article_id=briefing.id, external_id=briefing.external_id,
                outlet=outlet_name(briefing.source, briefing.url), url=safe_url(briefing.url),
                published=briefing.published.isoformat() if briefing.published else None,
                type=event.type, actor=event.actor.country or event.actor.text
                if event.actor else None, recipient=event.recipient.country
                or event.recipient.text if event.recipient else None,
                weapon_systems=list(event.weapon_systems),
                when=event.date.value if event.date else None,
                evidence=event.evidence.sentence, confidence=round(event.confidence, 3),
                alerted_at=now))
    return out


def post_webhook(url: str, alert: Alert) -> None:
    """POST the alert as JSON; only http(s) URLs, with a timeout."""
    href = safe_url(url)
    if href is None:
        raise InputError("the webhook must be an http(s) URL", reason="bad_webhook")
    req = urllib.request.Request(href, data=json.dumps(asdict(alert)).encode(),
                                 headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=WEBHOOK_TIMEOUT_S):  # noqa: S310 - http(s) only
        pass


def deliver(alerts: list[Alert], *, log: Path | None, webhook: str | None,
            on_error: Callable[[str], None] | None = None) -> None:
    """Append each alert to the JSONL log and post it to the webhook; a webhook that fails is
    reported, never fatal (the log keeps the alert)."""
    if log is not None and alerts:
        with log.open("a", encoding="utf-8") as f:
            f.writelines(json.dumps(asdict(a), ensure_ascii=False) + "\n" for a in alerts)
    if webhook:
        for a in alerts:
            try:
                post_webhook(webhook, a)
            except (OSError, InputError) as exc:
                if on_error is not None:
                    on_error(f"webhook failed for {a.rule}: {exc}")


def alert_hook(store: Store, rules: Path | None, *, log: Path | None, webhook: str | None,
               say: Callable[[str], None]) -> Callable[[object], None]:
    """A watch event handler: for each article just stored, deliver the alerts it raises. With
    no rules file it does nothing; alerts go to `log`, `webhook`, and are said on the console."""
    if rules is None:
        if log is not None or webhook:
            raise InputError("--alerts and --webhook need --rules", reason="no_rules")
        return lambda _event: None
    loaded = load_rules(rules)
    if webhook and safe_url(webhook) is None:
        raise InputError("the webhook must be an http(s) URL", reason="bad_webhook")

    def handle(event: object) -> None:
        article_id = getattr(event, "article_id", None)
        if getattr(event, "kind", None) != "stored" or not article_id:
            return
        found = alerts_for(store, store.get(article_id), loaded)
        for a in found:
            say(f"alert [{a.rule}] {a.type} {a.actor or '?'} -> {a.recipient or '?'}: "
                f"{a.evidence} ({a.outlet or 'unknown outlet'})")
        deliver(found, log=log, webhook=webhook, on_error=say)

    return handle
