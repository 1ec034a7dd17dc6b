"""Page chrome typed as a person or an organisation on real defense news, through the product.

Every article of `../shared/data/corpus/defense-news.jsonl` is briefed by the call behind
`wirebrief process` (default options); each PERSON and ORGANIZATION entity of the briefing is
checked against shapes of page chrome that this scorer defines on its own (it imports nothing of
the product's chrome rules): a name that is a call to action or a page label ("Follow Israel
Hayom", "Read More", "Sign Up"), a time zone ("GMT", "Indian Standard Time"), or a name standing
in a credit or sign-off ("Reporting by ...; Editing by ...", "REUTERS/<photographer>",
"- Agencies", "Photo: ...", "(c) ..."). Articles are split as the date benchmark splits them
(`annotation/dates/articles.json`): the sealed articles' counts are reported, never their names.

Run: .venv/bin/python benchmarks/entity_chrome.py [--write] [--show-dev]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks" / "entity_chrome.md"

_CALL = re.compile(
    r"^(?:follow|share|subscribe|sign (?:up|in)|log ?in|read (?:more|also)|click|tap|watch|"
    r"listen|download|advertis\w*|sponsored|newsletter|comments?|tags?|home|menu|search|"
    r"related|trending|most read|copyright|all rights)\b", re.IGNORECASE)
_ZONE = re.compile(
    r"^(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|PKT|AEDT|AEST|JST|KST|EST|EDT|CST|CDT|PST|PDT|"
    r"(?:[A-Z][a-z]+ ){1,3}(?:Standard|Daylight|Summer|Mean) Time)$")
_CONTEXT = re.compile(
    r"(?:\(\s*|;\s*)(?:additional\s+)?(?:reporting|writing|editing|compiled|edited)\s+by\b"
    r"|\b(?:REUTERS|AFP|AP|EPA|GETTY IMAGES)\s?/|[-–—]\s*agencies\b"
    r"|\b(?:photo|image|picture|credit)s?\s*:|©|\(c\)\s|\ball rights reserved\b"
    r"|\bfollow\s+(?:us|@)", re.IGNORECASE)
_REACH = 60  # characters before a name in which a credit's opening makes it the credit's


def chrome_reason(text: str, start: int, end: int, surface: str) -> str | None:
    """Why the name at [start, end) of the briefing text is chrome, or None."""
    if _CALL.match(surface.strip()):
        return "call or label"
    if _ZONE.match(surface.strip(" .()")):
        return "time zone"
    before = text[max(0, start - _REACH):start]
    line_start = before.rfind("\n") + 1
    if _CONTEXT.search(before[line_start:]) or _CONTEXT.search(surface):
        return "credit or sign-off"
    return None


def load_records(root: Path) -> list[dict[str, Any]]:
    path = root / "data" / "corpus" / "defense-news.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def run(records: list[dict[str, Any]]) -> tuple[dict[str, list[tuple[str, str, str]]], float]:
    """Per article, the (type, name, reason) of each chrome name; and the seconds taken."""
    from wirebrief.ingest.reader import RawDocument
    from wirebrief.pipeline import BriefFailure, brief_stream, load_options

    items = [RawDocument(external_id=r["id"], text=r["text"],
                         published=dt.date.fromisoformat(r["published"][:10])
                         if r.get("published") else None) for r in records]
    out: dict[str, list[tuple[str, str, str]]] = {}
    names = 0
    t0 = time.perf_counter()
    for res in brief_stream(items, load_options()):
        if isinstance(res, BriefFailure):
            continue
        flagged = []
        for e in res.entities:
            if e.type.value not in ("PERSON", "ORGANIZATION"):
                continue
            names += 1
            why = chrome_reason(res.text, e.start, e.end, e.text)
            if why:
                flagged.append((e.type.value, e.text, why))
        out[str(res.external_id)] = flagged
    run.names = names  # type: ignore[attr-defined]
    return out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    ap.add_argument("--show-dev", action="store_true",
                    help="print the development articles' chrome names")
    args = ap.parse_args(argv)
    from wirebrief.training.sources import shared_root_or_skip

    root = shared_root_or_skip()
    if root is None:
        return 0
    from news_dates import sealed_article_ids

    sealed_ids = sealed_article_ids()
    records = load_records(root)
    flagged, seconds = run(records)
    rows = []
    for title, keep in (("sealed (aggregate only)", lambda i: i in sealed_ids),
                        ("development (names read)", lambda i: i not in sealed_ids)):
        ids = [r["id"] for r in records if keep(r["id"])]
        hits = [h for i in ids for h in flagged.get(i, [])]
        by = {k: sum(1 for h in hits if h[2] == k)
              for k in ("call or label", "time zone", "credit or sign-off")}
        rows.append(f"| {title} | {len(ids)} | {len(hits)} | {by['call or label']} | "
                    f"{by['time zone']} | {by['credit or sign-off']} |")
    if args.show_dev:
        for i, hits in flagged.items():
            if i not in sealed_ids:
                for h in hits:
                    print(i, *h, sep="\t")
    cmd = ".venv/bin/python benchmarks/entity_chrome.py --write"
    out = (
        "# Page chrome typed as a person or an organisation\n\n"
        f"Measured {dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} "
        f"cores), Python {platform.python_version()}; command: `{cmd}`.\n\n"
        + (__doc__ or "").split("\n\n")[1].replace("\n", " ") + "\n\n"
        "| articles | n | chrome names typed PERSON or ORGANIZATION | calls and labels | "
        "time zones | in credits and sign-offs |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows) + "\n\n"
        f"{getattr(run, 'names', 0)} PERSON and ORGANIZATION entities in all; "
        f"{len(records)} articles briefed in {seconds:.0f} s.\n"
    )
    print(out)
    if args.write:
        DOC.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
