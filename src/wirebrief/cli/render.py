"""Human-readable briefings: rich in a terminal, plain text when piped."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from wirebrief.analyze.countries import country_name
from wirebrief.export import terminal as t
from wirebrief.models import Briefing, Entity, EntityType, Event

_SECTIONS = (
    ("People", EntityType.PERSON),
    ("Countries", EntityType.COUNTRY),
    ("Organisations", EntityType.ORGANIZATION),
    ("Weapon systems", EntityType.WEAPON_SYSTEM),
    ("Places", EntityType.PLACE),
    ("Operations and exercises", EntityType.OPERATION),
    ("Groups", EntityType.GROUP),
    ("Dates", EntityType.DATE),
)


def _unique(entities: Iterable[Entity], kind: EntityType) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for e in entities:
        if e.type is not kind:
            continue
        # Prefer the mention that carries the most information (a role, a country).
        best = seen.get(e.canonical)
        if best is None or (not best.role and e.role):
            seen[e.canonical] = e
    return list(seen.values())


def describe_entity(e: Entity) -> str:
    if e.type is EntityType.PERSON:
        bits = [b for b in (e.role, country_name(e.country) if e.country else None) if b]
        return f"{e.canonical} ({', '.join(bits)})" if bits else e.canonical
    if e.type is EntityType.COUNTRY:
        return f"{e.canonical} [{e.country}]" if e.country else e.canonical
    if e.type is EntityType.WEAPON_SYSTEM:
        bits = [b for b in (e.subtype, f"origin {e.country}" if e.country else None) if b]
        return f"{e.canonical} ({', '.join(bits)})" if bits else e.canonical
    if e.type is EntityType.ORGANIZATION:
        return f"{e.canonical} ({e.subtype})" if e.subtype and e.subtype != "other" else e.canonical
    if e.type is EntityType.DATE and e.timex:
        return f"{e.text} = {e.timex.value}"
    if e.type is EntityType.PLACE and e.lat is not None:
        return f"{e.canonical} ({e.lat:.2f}, {e.lon:.2f})"
    return e.canonical


def describe_event(ev: Event) -> str:
    actor = ev.actor.country or ev.actor.text if ev.actor else "?"
    recipient = ev.recipient.country or ev.recipient.text if ev.recipient else "?"
    bits = [f"{ev.type}", f"{actor} -> {recipient}"]
    if ev.weapon_systems:
        bits.append(", ".join(ev.weapon_systems))
    if ev.date:
        bits.append(f"date {ev.date.value} ({ev.date.date_type})")
    if ev.aux:
        bits.append(ev.aux)
    if ev.contexts:
        bits.append("contexts: " + ", ".join(ev.contexts))
    if ev.attribution:
        bits.append(f"said by {ev.attribution.text}")
    return " | ".join(bits)


def render_plain(b: Briefing) -> str:
    lines = [b.title or "(untitled)"]
    meta = [
        x
        for x in (b.published.isoformat() if b.published else None, b.source, b.url, b.external_id)
        if x
    ]
    if meta:
        lines.append(" · ".join(meta))
    lines += ["", "Summary"]
    lines += [f"- {s.text}" for s in b.summary] or ["(too short to summarise)"]
    for title, kind in _SECTIONS:
        items = _unique(b.entities, kind)
        if items:
            lines += ["", title] + [f"- {describe_entity(e)}" for e in items]
    if b.events:
        lines += ["", "Events"]
        for ev in b.events:
            lines.append(f"- {describe_event(ev)}")
            lines.append(f"  evidence: {ev.evidence.sentence}")
    if b.transfers:
        lines += ["", "Arms transfers"]
        for t in b.transfers:
            qty = f"{t.quantity} x " if t.quantity else ""
            lines.append(
                f"- {t.supplier or '?'} -> {t.recipient or '?'}: {qty}{t.designation} "
                f"({t.category or 'n/a'}), {t.status}{f', {t.year}' if t.year else ''}"
            )
    if b.related:
        lines += ["", "Related articles"]
        lines += [
            f"- {r.title}{f' <{r.url}>' if r.url else ''}" + (f" ({r.rel})" if r.rel else "")
            for r in b.related
        ]
    for warning in b.warnings:
        lines.append(f"\nnote: {warning}")
    return "\n".join(lines)


def render_rich(b: Briefing, console: Console) -> None:
    """The briefing on a rich console: every string from the article goes through `terminal`
    (markup escaped, control characters removed)."""
    console.rule(f"[bold]{t(b.title or '(untitled)')}")
    meta = [
        x
        for x in (b.published.isoformat() if b.published else None, b.source, b.url, b.external_id)
        if x
    ]
    if meta:
        console.print(t(" · ".join(meta)), style="dim")
    console.print("\n[bold cyan]Summary[/]")
    for s in b.summary or []:
        console.print(f" • {t(s.text)}")
    if not b.summary:
        console.print(" (too short to summarise)", style="dim")
    for title, kind in _SECTIONS:
        items = _unique(b.entities, kind)
        if items:
            console.print(f"\n[bold cyan]{title}[/]")
            console.print("  " + t("; ".join(describe_entity(e) for e in items)))
    if b.events:
        table = Table(title="Events", title_justify="left", show_lines=True, expand=True)
        for col in ("type", "actor → recipient", "weapons", "date", "mode", "said by", "evidence"):
            table.add_column(col, overflow="fold")
        for ev in b.events:
            table.add_row(
                t(ev.type),
                t(f"{ev.actor.country or ev.actor.text if ev.actor else '?'} → "
                  f"{ev.recipient.country or ev.recipient.text if ev.recipient else '?'}"),
                t(", ".join(ev.weapon_systems)),
                t(f"{ev.date.value} ({ev.date.date_type})") if ev.date else "",
                t(", ".join(x for x in (ev.aux, *ev.contexts) if x)),
                t(ev.attribution.text) if ev.attribution else "",
                t(ev.evidence.sentence),
            )
        console.print()
        console.print(table)
    if b.transfers:
        console.print("\n[bold cyan]Arms transfers[/]")
        for tr in b.transfers:
            qty = f"{tr.quantity} x " if tr.quantity else ""
            console.print(t(
                f" • {tr.supplier or '?'} → {tr.recipient or '?'}: {qty}"
                f"{tr.designation} ({tr.category or 'n/a'}), {tr.status}"
            ))
    if b.related:
        console.print("\n[bold cyan]Related articles[/]")
        for r in b.related:
            console.print(f" • {t(r.title)}" + (f" [dim]({t(r.rel)})[/]" if r.rel else ""))
    for warning in b.warnings:
        console.print(f"\n[yellow]note:[/] {t(warning)}")
