"""Pledges: an act announced for the future is also an agreement made now.

"Norway is willing to send material to Saudi Arabia", "the rebels will release the hostages",
"Syria says it will withdraw its troops": the announced act is coded with `aux` future (the
project's guide), and the announcement itself is an AGREE (PLOVER's agree: to offer, promise or
pledge; the shared conventions: "pledges, offers ... a pledge made now gets null and the
statement date"). The PLOVER gold standard codes such sentences as AGREE, the project's corpus
as the act: the coder states both, the pledge ranked just under the act. Which types carry a
pledge is data (`pledged_types` in `lexicon.json`), chosen on the development folds (see
docs/benchmarks/events.md).

A meeting still to come is itself an arrangement made: the project's guide and the shared
conventions code a scheduled meeting or visit as AGREE. A future event of a type listed in
`scheduled_types` (CONSULT) is coded AGREE, with its expected date and aux future: on the
development folds the gold had AGREE for 15 of the coder's 23 future CONSULT events, CONSULT
for 4.
"""

from __future__ import annotations

from datetime import date

from wirebrief.analyze.events.lexicon import lexicon
from wirebrief.models import Event, EventDate, Explanation, Granularity

PLEDGE_SHARE = 0.9  # a pledge's confidence, as a share of its act's: it ranks just under it


def as_scheduled(events: list[Event]) -> list[Event]:
    """A meeting still to come is an arrangement made (AGREE, as the shared conventions code a
    scheduled meeting, visit or exercise): the events of a type in `scheduled_types` with aux
    future are AGREE, their date the expected one."""
    scheduled = lexicon().scheduled
    return [e.model_copy(update={"type": "AGREE", "mode": None})
            if e.aux == "future" and e.type in scheduled else e for e in events]


def pledges_of(events: list[Event], published: date | None) -> list[Event]:
    """The AGREE events that the sentence's announced acts (`events`, one sentence's) make,
    where the sentence states no AGREE already: same parties, the statement's date, no aux."""
    pledged = lexicon().pledged
    if any(e.type == "AGREE" for e in events):
        return []
    out: list[Event] = []
    for e in events:
        if e.aux != "future" or e.type not in pledged:
            continue
        when = (EventDate(value=published.isoformat(), granularity=Granularity.DAY,
                          date_type="approximate") if published else None)
        why = e.explanation
        out.append(e.model_copy(update={
            "type": "AGREE", "mode": None, "aux": None, "date": when,
            "confidence": round(e.confidence * PLEDGE_SHARE, 3),
            "explanation": Explanation(
                trigger=why.trigger if why else "", rule=f"pledge of a future {e.type}"),
        }))
        break  # one pledge a sentence
    return out
