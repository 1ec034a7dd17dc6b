"""The annotated event corpus: label vocabularies, and reading the standoff labels back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirebrief.training.sources import SourceIndex
from wirebrief.training.units import is_sealed, parse_uid

REPO_ROOT = Path(__file__).resolve().parents[3]
REPO_ANNOTATION = REPO_ROOT / "annotation"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "FIGHT", "INVESTIGATE",
)
_VIOLENCE_MODES = ("aerial", "missile", "heavy-weapons", "small-arms", "explosive", "naval", "other")
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "meeting", "phone", "multilateral", "third-party"),
    "AID": ("military", "training", "economic", "humanitarian", "peacekeeping", "intelligence"),
    "MOBILIZE": ("weapons", "troops", "police"),
    "ASSAULT": _VIOLENCE_MODES,
    "FIGHT": _VIOLENCE_MODES,
}
AUX = (None, "future", "negation", "hypothetical", "historical")
KINDS = ("state", "government", "military", "person", "igo", "non_state")
ENTITY_LABELS = ("WEAPON", "VESSEL", "MILITARY_UNIT", "OPERATION", "FACILITY", "PERSON", "ORG",
                 "GPE", "LOC", "NORP")


@dataclass(slots=True)
class LabelledUnit:
    """One labelled sentence: offsets here are relative to the sentence."""

    uid: str
    source: str
    record_id: str
    group: str
    text: str
    start: int  # of the sentence in the record text
    published: str | None
    annotator: str
    events: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    no_prose: bool = False
    article: str = ""  # the whole record text the sentence comes from (context for parties)

    @property
    def sealed(self) -> bool:
        return is_sealed(self.group)


def _relative(span: list[int] | None, start: int) -> list[int] | None:
    return [span[0] - start, span[1] - start] if span else None


# Scheduled meetings, visits and exercises are AGREE (the scheduling is the event, made now),
# as the project's shared event conventions and the PLOVER gold standard code them; the first
# labelling pass coded them as the meeting or exercise itself.
SCHEDULED_AS_AGREE = frozenset({"CONSULT", "COOPERATE"})


def as_convention(ev: dict[str, Any]) -> dict[str, Any]:
    """An event label read under the current conventions (see `SCHEDULED_AS_AGREE`)."""
    if ev.get("type") in SCHEDULED_AS_AGREE and ev.get("aux") == "future":
        # aux stays `future`: the meeting is still to come, and the modality model learns
        # from the clause ("will visit"), whatever the type.
        return dict(ev, type="AGREE", mode=None, scheduled=ev["type"])
    return ev


def _localise(row: dict[str, Any], start: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    events = []
    for ev in row["events"]:
        ev = as_convention(dict(ev))
        ev["trigger"] = _relative(ev["trigger"], start)
        ev["attribution"] = _relative(ev.get("attribution"), start)
        for role in ("actor", "recipient"):
            ev[role] = dict(ev[role], span=_relative(ev[role]["span"], start))
        events.append(ev)
    ents = [{"span": _relative(e["span"], start), "label": e["label"]} for e in row["entities"]]
    return events, ents


def read_label_rows(labels_dir: Path | None = None) -> Iterator[dict[str, Any]]:
    folder = labels_dir or REPO_ANNOTATION / "events"
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def load_corpus(index: SourceIndex, labels_dir: Path | None = None,
                second: bool = False) -> list[LabelledUnit]:
    """Labelled units; the first annotator's labels per unit (or only the second ones)."""
    by_uid: dict[str, list[dict[str, Any]]] = {}
    for row in read_label_rows(labels_dir):
        by_uid.setdefault(row["uid"], []).append(row)
    out = []
    for uid, rows in by_uid.items():
        rows.sort(key=lambda r: (bool(r.get("second")), r["annotator"]))
        if second and len(rows) < 2:
            continue
        row = rows[1] if second else rows[0]
        source, rid, a, b = parse_uid(uid)
        rec = index.get(source, rid)
        events, ents = _localise(row, a)
        out.append(LabelledUnit(
            uid=uid, source=source, record_id=rid, group=rec.group, text=rec.text[a:b], start=a,
            published=str(rec.published) if rec.published else None,
            annotator=row["annotator"], events=events, entities=ents,
            no_prose=bool(row.get("no_prose")), article=rec.text,
        ))
    out.sort(key=lambda u: u.uid)
    return out
