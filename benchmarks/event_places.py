"""Where events happened: the briefing's event location against the PLOVER dev records that
give one (`eventLoc`), through the product path.

    .venv/bin/python benchmarks/event_places.py [--write]

Reads ../shared/data/events/plover-gsr-dev.json in place. Each record with an `eventLoc` is
briefed as a plain-text article (`pipeline.brief_text`, default options); the event compared is
the first of the gold type, else the first event. A location is right when it holds the gold
name's first five letters (case-folded: "eastern Beirut" for "Beirut"). Dev, looked at: these
sentences were read while writing the rules; they are few (22), so the figure is a check, not
an estimate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "events" / "plover-gsr-dev.json"
DOC = ROOT / "docs" / "benchmarks" / "event_places.md"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"skipped: {DATA} is absent (PLOVER is read from ../shared)", file=sys.stderr)
        return 0
    from wirebrief.pipeline import brief_text

    records = [r for r in json.loads(DATA.read_text(encoding="utf-8")) if "eventLoc" in r]
    right = given = 0
    lines = []
    for r in records:
        b = brief_text(r["text"])
        events = [e for e in b.events if e.type == r["event"]] or b.events
        loc = events[0].location if events else None
        gold = r["eventLoc"]["name"]
        ok = bool(loc) and gold.casefold()[:5] in (loc or "").casefold()
        right += ok
        given += loc is not None
        lines.append(f"| {r['event']} | {gold} | {loc or '—'} | {'yes' if ok else 'no'} |")
    n = len(records)
    out = (
        "# Event places\n\n"
        f"Measured {dt.date.today().isoformat()}; command: "
        "`.venv/bin/python benchmarks/event_places.py --write`.\n\n"
        f"PLOVER dev records with a gold event location: {n} (dev, looked at). Right: "
        f"{right}/{n} ({right / n:.2f}); a location given: {given}/{n}.\n\n"
        "| gold event | gold place | briefing's place | right |\n|---|---|---|---|\n"
        + "\n".join(lines) + "\n"
    )
    print(out)
    if args.write:
        DOC.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
