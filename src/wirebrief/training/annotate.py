"""Annotation batches in and standoff labels out.

    python -m wirebrief.training.annotate export OUT_DIR --batches 8 [--part 2|3|4|5]
        Write reading batches (text included, for annotators; never committed) to OUT_DIR; parts
        2 to 5 (the corpus's extensions) are numbered after the earlier parts' batches (b08,
        b09, ...; b16, b17, ...; b24, b25, ...; b32, b33, ...).
    python -m wirebrief.training.annotate check LABELS.jsonl
        Check an annotator's file (spans must be substrings of the sentence, types and codes valid).
    python -m wirebrief.training.annotate import LABELS.jsonl --annotator NAME
        Convert an annotator's file to standoff under annotation/events/ (offsets, no text).
    python -m wirebrief.training.annotate show UID
        Print one unit with its stored labels, reading the text from ../shared.

An annotator's file has one JSON object per unit, with spans written as text:
    {"uid": ..., "no_prose": false,
     "events": [{"type", "mode", "trigger", "actor", "actor_country", "actor_kind",
                 "recipient", "recipient_country", "recipient_kind", "aux", "attribution"}],
     "entities": [{"text", "label"}]}
A span that occurs more than once in the sentence may be written "text@2" for its second
occurrence; every match counts, also one inside a longer word ("he" in "the"), and a span that
resolves inside a longer word is refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from wirebrief.training.corpus import (
    AUX,
    ENTITY_LABELS,
    EVENT_TYPES,
    KINDS,
    MODES,
    REPO_ANNOTATION,
)
from wirebrief.training.sources import SourceIndex, shared_root
from wirebrief.training.units import (
    SEALED_FRACTION,
    SPLIT_SALT,
    all_units,
    corpus_parts,
    is_sealed,
    parse_uid,
)


def _resolve(sentence: str, written: str | None) -> tuple[int, int] | None:
    """Offsets (within the sentence) of a span written as text, "text@N" for the Nth."""
    if not written:
        return None
    text, nth = written, 1
    if "@" in written:
        head, _, tail = written.rpartition("@")
        if tail.isdigit() and head:
            text, nth = head, int(tail)
    if nth < 1:
        raise ValueError(f"span {written!r}: occurrences count from @1")
    pos = -1
    for _ in range(nth):
        pos = sentence.find(text, pos + 1)
        if pos < 0:
            raise ValueError(f"span {written!r} is not in the sentence")
    end = pos + len(text)
    if (pos > 0 and sentence[pos - 1].isalnum() and text[0].isalnum()) or (
            end < len(sentence) and sentence[end].isalnum() and text[-1].isalnum()):
        # "Israel" found inside "Israeli": the occurrence count runs over every match
        raise ValueError(f"span {written!r} falls inside a longer word "
                         f"({sentence[max(pos - 8, 0):end + 8]!r}); count its whole-word "
                         "occurrence with @N, every match counted")
    return pos, end


def _code(value: object, field: str) -> str | None:
    if value in (None, "", "null"):
        return None
    if not (isinstance(value, str) and len(value) == 3 and value.isupper()):
        raise ValueError(f"{field} {value!r} is not an ISO-3166 alpha-3 code")
    return value


def convert(row: dict[str, Any], sentence: str, offset: int) -> dict[str, Any]:
    """One annotator row to standoff (offsets into the record text); raises ValueError."""

    def span(written: object) -> list[int] | None:
        if written is None or written == "":
            return None
        if not isinstance(written, str):
            raise ValueError(f"span {written!r} is not a string")
        se = _resolve(sentence, written)
        return [se[0] + offset, se[1] + offset] if se else None

    events = []
    for ev in row.get("events") or []:
        etype = ev.get("type")
        if etype not in EVENT_TYPES:
            raise ValueError(f"unknown event type {etype!r}")
        mode = ev.get("mode") or None
        if mode is not None and mode not in MODES.get(etype, ()):
            mode = None  # modes are only kept where the guide defines them
        aux = ev.get("aux") or None
        if aux not in AUX:
            raise ValueError(f"unknown aux {aux!r}")
        trigger = span(ev.get("trigger"))
        if trigger is None:
            raise ValueError("an event needs its trigger")
        parties = {}
        for role in ("actor", "recipient"):
            kind = ev.get(f"{role}_kind") or None
            if kind is not None and kind not in KINDS:
                raise ValueError(f"unknown {role}_kind {kind!r}")
            parties[role] = {
                "span": span(ev.get(role)),
                "country": _code(ev.get(f"{role}_country"), f"{role}_country"),
                "kind": kind,
            }
        events.append({"type": etype, "mode": mode, "trigger": trigger, "aux": aux,
                       "actor": parties["actor"], "recipient": parties["recipient"],
                       "attribution": span(ev.get("attribution"))})
    entities = []
    for ent in row.get("entities") or []:
        label = ent.get("label")
        if label not in ENTITY_LABELS:
            raise ValueError(f"unknown entity label {label!r}")
        se = span(ent.get("text"))
        if se:
            entities.append({"span": se, "label": label})
    return {"events": events, "entities": entities, "no_prose": bool(row.get("no_prose"))}


def _read_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{n}: not JSON: {exc}") from exc
    return rows


def _unit_text(index: SourceIndex, uid: str) -> tuple[str, int]:
    source, rid, a, b = parse_uid(uid)
    return index.span(source, rid, a, b), a


def check(path: Path, index: SourceIndex) -> int:
    problems = 0
    for row in _read_rows(path):
        uid = row.get("uid", "?")
        try:
            sentence, a = _unit_text(index, uid)
            convert(row, sentence, a)
        except (ValueError, KeyError) as exc:
            problems += 1
            print(f"{uid}: {exc}")
    print(f"{problems} problem(s) in {path}")
    return 1 if problems else 0


def import_labels(path: Path, annotator: str, index: SourceIndex, out_dir: Path,
                  batch: Path | None = None) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    second = {r["uid"] for r in _read_rows(batch) if r.get("second")} if batch else set()
    out = out_dir / f"{path.stem}.{annotator}.jsonl"
    kept = skipped = 0
    with out.open("w", encoding="utf-8") as fh:
        for row in _read_rows(path):
            uid = row.get("uid", "?")
            try:
                sentence, a = _unit_text(index, uid)
                rec = convert(row, sentence, a)
            except (ValueError, KeyError) as exc:
                skipped += 1
                print(f"skipped {uid}: {exc}", file=sys.stderr)
                continue
            digest = hashlib.sha256(sentence.encode()).hexdigest()[:16]
            if uid in second:
                rec["second"] = True
            fh.write(json.dumps({"uid": uid, "annotator": annotator, "sha": digest, **rec},
                                ensure_ascii=False) + "\n")
            kept += 1
    print(f"{out}: {kept} unit(s) imported, {skipped} skipped")
    return 0


BATCHES_PER_PART = 8  # each part went out as eight batches: part 1 as b00..b07, part 2 as b08..


def export(out_dir: Path, n_batches: int, index: SourceIndex, part: int = 1) -> int:
    """Reading batches of one part: consecutive units of an article stay together; 10% go out
    twice. Batches are numbered after the earlier parts' (part 3 starts at b16)."""
    units = corpus_parts(index, part)[part - 1]
    first = BATCHES_PER_PART * (part - 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Any]] = {}
    for u in units:
        groups.setdefault(f"{u.source}/{u.record_id}", []).append(u)
    batches: list[list[dict[str, Any]]] = [[] for _ in range(n_batches)]
    per = -(-len(units) // n_batches)
    k = 0
    for _key, us in groups.items():
        if len(batches[k]) >= per and k < n_batches - 1:
            k += 1
        prev = ""
        for u in us:
            rec = index.get(u.source, u.record_id)
            sentence = rec.text[u.start:u.end]
            item = {"uid": u.uid, "published": str(rec.published or ""), "context": prev,
                    "sentence": sentence}
            batches[k].append(item)
            prev = sentence
    # The double-labelled subset: every tenth unit by hash, sent also to the next batch.
    for k, batch in enumerate(batches):
        twice = [it for it in batch if not it.get("second")
                 and int(hashlib.sha256(it["uid"].encode()).hexdigest()[:8], 16) % 10 == 0]
        batches[(k + 1) % n_batches] += [dict(it, second=True) for it in twice]
    for k, batch in enumerate(batches):
        path = out_dir / f"b{first + k:02d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for it in batch:
                fh.write(json.dumps(it, ensure_ascii=False) + "\n")
        print(f"{path}: {len(batch)} units")
    return 0


def write_split(index: SourceIndex, path: Path) -> int:
    """Record the sealed split: which groups and articles are held out, drawn by hash."""
    units = all_units(index)
    groups = sorted({u.group for u in units})
    sealed = [g for g in groups if is_sealed(g)]
    records = sorted({f"{u.source}/{u.record_id}" for u in units if is_sealed(u.group)})
    doc = {
        "about": "Sealed test split of the event corpus, drawn by group (defense-news event "
                 "group, else the article) before any model was trained. Never train or tune "
                 "on these; never read their errors while developing.",
        "salt": SPLIT_SALT, "fraction": SEALED_FRACTION, "groups": len(groups),
        "units": len(units), "sealed_units": sum(is_sealed(u.group) for u in units),
        "sealed_groups": sealed, "sealed_records": records,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: {len(sealed)} of {len(groups)} groups sealed, {doc['sealed_units']} units")
    return 0


def show(uid: str, index: SourceIndex, labels_dir: Path) -> int:
    sentence, a = _unit_text(index, uid)
    print(sentence)
    for path in sorted(labels_dir.glob("*.jsonl")):
        for row in _read_rows(path):
            if row["uid"] == uid:
                rec = index.get(*parse_uid(uid)[:2])
                for ev in row["events"]:
                    t = rec.text
                    trig = t[ev["trigger"][0]:ev["trigger"][1]]
                    act = ev["actor"]["span"] and t[ev["actor"]["span"][0]:ev["actor"]["span"][1]]
                    rcp = ev["recipient"]["span"]
                    rcp = rcp and t[rcp[0]:rcp[1]]
                    print(f"  [{row['annotator']}] {ev['type']} '{trig}' {act!r} -> {rcp!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m wirebrief.training.annotate")
    ap.add_argument("--shared", default=None, help="the shared data folder (default ../shared)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("export")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--batches", type=int, default=8)
    p.add_argument("--part", type=int, choices=(1, 2, 3, 4, 5), default=1,
                   help="1: the first part of the corpus; 2 to 5: its extensions")
    p = sub.add_parser("check")
    p.add_argument("labels", type=Path)
    p = sub.add_parser("import")
    p.add_argument("labels", type=Path)
    p.add_argument("--annotator", required=True)
    p.add_argument("--batch", type=Path, default=None,
                   help="the batch the labels answer (marks its second-labelled units)")
    sub.add_parser("split")
    p = sub.add_parser("show")
    p.add_argument("uid")
    args = ap.parse_args(argv)
    index = SourceIndex(shared_root(args.shared))
    if args.cmd == "export":
        return export(args.out_dir, args.batches, index, args.part)
    if args.cmd == "check":
        return check(args.labels, index)
    if args.cmd == "import":
        return import_labels(args.labels, args.annotator, index, REPO_ANNOTATION / "events",
                             args.batch)
    if args.cmd == "split":
        return write_split(index, REPO_ANNOTATION / "split.json")
    return show(args.uid, index, REPO_ANNOTATION / "events")


if __name__ == "__main__":
    sys.exit(main())
