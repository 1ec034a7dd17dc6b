"""Gather every benchmark's section (docs/benchmarks/*.md) into docs/benchmarks.md.

Each benchmark script writes its own section; this keeps the one page readers look for current.
Run: python benchmarks/collect_docs.py
"""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
ORDER = ["extraction", "summarization", "events", "event-families", "event_places", "timebank",
         "news_dates", "ner", "entity_chrome", "analysis_speed", "ingest", "clustering", "scale",
         "stories", "web"]


def main() -> None:
    sections = {p.stem: p for p in (DOCS / "benchmarks").glob("*.md")}
    names = [n for n in ORDER if n in sections] + sorted(set(sections) - set(ORDER))
    parts = [
        "# Benchmarks\n",
        "Every figure here was measured by a script in `benchmarks/` on the data in `../shared`, "
        "with peers and baselines run side by side in the same run. Each section names its date, "
        "machine and command; the sections also live in `docs/benchmarks/`. "
        "Regenerate this page with `python benchmarks/collect_docs.py`.\n",
    ]
    parts += [f"- [{n}](benchmarks/{n}.md)" for n in names]
    for name in names:
        text = sections[name].read_text(encoding="utf-8").strip()
        # Demote the section's headings one level under this page's title.
        text = "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())
        parts.append("\n" + text + "\n")
    (DOCS / "benchmarks.md").write_text("\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
