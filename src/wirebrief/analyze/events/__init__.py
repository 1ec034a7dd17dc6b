"""PLOVER event coding: a learned coder.

The models are trained from the annotated corpus in `annotation/` (`make train`, or
`wirebrief train events`) and shipped as `model.npz`. Modules, in the order a sentence meets them:
- `candidates`: candidate triggers and party mentions of a sentence;
- `features`: what the models see (parse, lemmas, lexicon hits, token vectors);
- `model`: the linear models, their `.npz` file and the coder's set of models;
- `coder`: detection and typing per sentence, and the article-level entry point;
- `roles`: actor and recipient among the sentence's mentions;
- `modality`: future, negation, hypothetical, historical, and the PLOVER mode;
- `context`: countries of parties the sentence leaves implicit;
- `details`: dates, places, weapon systems, attribution and contexts of an event;
- `merge`: one event once per article.
"""

from wirebrief.analyze.events.coder import code_events, coder_name, explain_event

__all__ = ["code_events", "coder_name", "explain_event"]
