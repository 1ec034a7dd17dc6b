"""The PLOVER gold-standard records as labelled units.

The records carry their own labels (event type, actor and target codes, and an inline markup of
the trigger and actor words); this module reads them in place from `../shared` and turns them
into the corpus's unit shape: nothing is copied into the repository.
"""

from __future__ import annotations

import re
from typing import Any

from wirebrief.training.corpus import EVENT_TYPES, LabelledUnit
from wirebrief.training.sources import SourceIndex

_TAG = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC)\s*:\s*")
_SECTOR_KIND = {"GOV": "government", "MIL": "military", "REB": "non_state", "OPP": "non_state",
                "CVL": "non_state", "IGO": "igo", "COP": "military", "BUS": "non_state"}


def parse_markup(markup: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Plain text and (tag, start, end) spans of a `textInfo.markup` string."""
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    stack: list[tuple[str | None, int]] = []
    pos = i = 0
    while i < len(markup):
        m = _TAG.match(markup, i)
        if m:
            stack.append((m.group(1), pos))
            i = m.end()
            continue
        ch = markup[i]
        if ch == "(":
            stack.append((None, pos))
        elif ch == ")":
            if not stack:  # a closer the markup added by mistake: not part of the sentence
                i += 1
                continue
            tag, start = stack.pop()
            if tag is not None:
                spans.append((tag, start, pos))
                i += 1
                continue
        out.append(ch)
        pos += 1
        i += 1
    return "".join(out), spans


def _code(actors: Any) -> str | None:
    if not isinstance(actors, list):
        return None
    for a in actors:
        code = str(a.get("code") or "") if isinstance(a, dict) else ""
        if len(code) >= 3 and code[:3] != "IGO":
            return {"JAP": "JPN"}.get(code[:3], code[:3])
    return None


def _kind(actors: Any) -> str | None:
    if isinstance(actors, list) and actors and isinstance(actors[0], dict):
        code = str(actors[0].get("code") or "")
        if code.startswith("IGO"):
            return "igo"
        return _SECTOR_KIND.get(str(actors[0].get("sector") or ""), "state")
    return None


def plover_units(index: SourceIndex) -> list[LabelledUnit]:
    """Each PLOVER dev record as a unit with one event (its gold one)."""
    units = []
    for rec in index.records("plover-dev").values():
        extra = rec.extra
        etype = str(extra.get("event") or "")
        info = extra.get("textInfo")
        markup = str(info.get("markup") or "") if isinstance(info, dict) else ""
        if etype not in EVENT_TYPES or not markup:
            continue
        plain, spans = parse_markup(markup)
        evt = [s for s in spans if s[0] == "EVT"]
        if not evt:
            continue
        src = [s for s in spans if s[0] in ("SRC", "SRC/TAR")]
        tar = [s for s in spans if s[0] in ("TAR", "SRC/TAR")]
        if src and tar and src[0] == tar[0] and len(src) > 1:
            tar = [s for s in tar if s != src[0]] or tar
        event = {
            "type": etype, "mode": None, "aux": None, "attribution": None,
            "trigger": [evt[0][1], evt[0][2]],
            "actor": {"span": [src[0][1], src[0][2]] if src else None,
                      "country": _code(extra.get("source")), "kind": _kind(extra.get("source"))},
            "recipient": {"span": [tar[0][1], tar[0][2]] if tar else None,
                          "country": _code(extra.get("target")),
                          "kind": _kind(extra.get("target"))},
        }
        units.append(LabelledUnit(
            uid=f"plover-dev/{rec.record_id}/0-{len(plain)}", source="plover-dev",
            record_id=rec.record_id, group=rec.group, text=plain, start=0,
            published=str(rec.published) if rec.published else None, annotator="plover-gsr",
            events=[event], entities=[], article=plain,
        ))
    return units
