"""PLOVER event coding.

The default coder in the pipeline is still the rule coder (`legacy_events_v1`) until the learned
coder (`wirebrief.analyze.events.coder`, trained by `python -m wirebrief.training.train_events`
from the annotated corpus in `annotation/`) beats it on the sealed split. Modules of the
learned coder, in the order a sentence meets them:
- `candidates`: candidate triggers and party mentions of a sentence;
- `features`: what the models see (parse, lemmas, lexicon hits, token vectors);
- `model`: the linear models and their `.npz` file;
- `coder`: detection and typing, roles, modality and mode, per sentence;
- `context`: countries of parties the sentence leaves implicit;
- `details`: dates, places, weapon systems, attribution and contexts of an event;
- `merge`: one event once per article.
"""

from wirebrief.analyze.legacy_events_v1 import (
    CODER_NAME,
    code_events,
    entities_from_doc,
    explain_event,
)

__all__ = ["CODER_NAME", "code_events", "entities_from_doc", "explain_event"]
