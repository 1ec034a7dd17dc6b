"""The learned PLOVER event coder: its contract on the reference article, on ordinary news and
on bad input. Accuracy itself is measured by `benchmarks/events.py` (sealed split and CV), not
here: these tests pin behaviour a change must not break, not single sentences to be patched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirebrief.analyze.events import code_events, coder_name, explain_event
from wirebrief.analyze.transfers import derive_transfers
from wirebrief.models import Event

pytestmark = pytest.mark.model

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "data" / "seed" / "iskander-belarus.txt"


def _code(nlp, text: str, published: date | None = None) -> list[Event]:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    doc = nlp(text)
    return code_events(doc, extract_entities(doc, published), published)


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED} (../shared is absent)")
    return SEED.read_text(encoding="utf-8").split("\n", 1)[1]


def test_reference_delivery_is_russia_to_belarus(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, seed_text)
    aid = [e for e in events if e.type == "AID" and "Iskander-M" in e.weapon_systems]
    assert aid, [explain_event(e) for e in events]
    ev = aid[0]
    assert "Belarus has received the Iskander-M" in ev.evidence.sentence
    # "Belarus has received": the subject is the recipient; the supplier comes from the article.
    assert ev.actor is not None and ev.actor.country == "RUS"
    assert ev.recipient is not None and ev.recipient.country == "BLR"
    assert ev.attribution is not None


def test_reference_storage_plan_is_future(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, seed_text)
    storage = [e for e in events if "storage facility" in e.evidence.sentence]
    assert storage and storage[0].aux == "future"
    assert storage[0].actor is not None and storage[0].actor.country == "RUS"


def test_evidence_offsets_point_into_the_text(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, seed_text)
    assert events
    for ev in events:
        assert seed_text[ev.evidence.start : ev.evidence.end] == ev.evidence.sentence
        assert 0.0 <= ev.confidence <= 1.0


def test_coding_is_deterministic(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    a = [e.model_dump() for e in _code(nlp, seed_text)]
    b = [e.model_dump() for e in _code(nlp, seed_text)]
    assert a == b


def test_planned_delivery_gives_a_planned_transfer(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The United States will send 12 HIMARS launchers to Ukraine, Pentagon spokesman "
            "John Kirby said on Tuesday.")
    events = _code(nlp, text, date(2022, 7, 1))
    # the announced delivery, and the pledge the announcement makes (pledges.py)
    assert [e.type for e in events] == ["AID", "AGREE"]
    ev = events[0]
    assert ev.aux == "future" and events[1].aux is None
    assert (ev.actor.country, ev.recipient.country) == ("USA", "UKR")  # type: ignore[union-attr]
    assert ev.attribution is not None and ev.attribution.text == "John Kirby"
    from wirebrief.analyze.entities import extract_entities

    transfers = derive_transfers(events, extract_entities(nlp(text)), date(2022, 7, 1))
    assert [(t.supplier, t.recipient, t.status) for t in transfers] == [("USA", "UKR", "planned")]


def test_several_events_in_one_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Poland condemned Russia's missile strikes on Kyiv on Monday.",
                   date(2023, 4, 10))
    assert {"DISAPPROVE", "ASSAULT"} <= {e.type for e in events}
    dis = next(e for e in events if e.type == "DISAPPROVE")
    assert (dis.actor.country, dis.recipient.country) == ("POL", "RUS")  # type: ignore[union-attr]
    assert dis.date is not None and dis.date.value == "2023-04-10"


def test_a_negated_act_is_marked(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Tehran denied that it had delivered any drones to Moscow.")
    assert events and all(e.type != "AID" or e.aux == "negation" for e in events)


def test_explanation_and_versioned_name(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.events.coder import current_models, using_models

    ev = _code(nlp, "China launched large-scale military drills near Taiwan on Saturday.")[0]
    assert ev.type == "MOBILIZE"
    why = explain_event(ev)
    assert why.startswith("MOBILIZE") and ev.explanation is not None
    assert ev.explanation.trigger in ev.evidence.sentence and ev.explanation.trigger in why
    name = coder_name()
    assert name.startswith("analyze.events.v2+") and len(name) > len("analyze.events.v2+")
    other = current_models().__class__(**{**current_models().__dict__, "version": "x"})
    with using_models(other):
        assert coder_name() == "analyze.events.v2+x"
    assert coder_name() == name


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "The system is known for its rapid deployment profile and its capacity to deliver precision "
    "strikes.",
    "Brent crude 82.10 83.40 -1.2\nWTI 78.05 79.11 -1.0\nGold 1,950.20 1,941.00 +0.5",
    "Die Regierung in Berlin hat am Montag neue Sanktionen gegen Russland beschlossen.",
    "Le gouvernement a annoncé une nouvelle aide militaire à l'Ukraine.",
])
def test_no_events_from_prose_without_events_tables_or_other_languages(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _code(nlp, text) == []


def test_a_ten_thousand_word_sentence_neither_crashes_nor_floods(nlp) -> None:  # type: ignore[no-untyped-def]
    words = ("the committee reviewed several budget documents and procedural notes " * 1000).split()
    events = _code(nlp, " ".join(words[:10_000]) + ".")
    assert len(events) <= 2


def test_a_merged_event_keeps_every_sentence_that_states_it() -> None:
    from wirebrief.analyze.events.merge import merge_events
    from wirebrief.models import Actor, Evidence

    def ev(start: int, text: str, conf: float, recipient: bool = True) -> Event:
        return Event(type="AID", actor=Actor(text="Russia", country="RUS", kind="state"),
                     recipient=Actor(text="Belarus", country="BLR", kind="state") if recipient
                     else None,
                     evidence=Evidence(sentence=text, start=start, end=start + len(text)),
                     confidence=conf)

    merged = merge_events([ev(0, "Russia delivered missiles to Belarus.", 0.6),
                           ev(40, "The delivery was completed.", 0.9, recipient=False),
                           ev(80, "Russia sent the missiles to Belarus.", 0.7),
                           ev(80, "Russia sent the missiles to Belarus.", 0.5)])
    assert len(merged) == 1
    one = merged[0]
    assert one.evidence.start == 0  # the first statement stays the evidence
    assert [r.start for r in one.restated] == [40, 80]  # each other sentence once, in order
    assert one.confidence == 0.9
    assert one.recipient is not None and one.recipient.country == "BLR"


def test_acts_on_two_stated_days_stay_two_events() -> None:
    from wirebrief.analyze.events.merge import merge_events
    from wirebrief.models import Actor, EventDate, Evidence

    def ev(start: int, day: str | None, kind: str = "exact", one_party: bool = False) -> Event:
        text = "Militants attacked a convoy."
        return Event(type="ASSAULT", actor=Actor(text="militants", country="IRQ"),
                     recipient=None if one_party else Actor(text="convoy", country="IRQ"),
                     date=EventDate(value=day, granularity="day", date_type=kind) if day else None,
                     evidence=Evidence(sentence=text, start=start, end=start + len(text)),
                     confidence=0.5)

    assert len(merge_events([ev(0, "2023-03-03"), ev(40, "2023-03-02")])) == 2
    assert len(merge_events([ev(0, "2023-03-03"), ev(40, "2023-03-03")])) == 1
    assert len(merge_events([ev(0, "2023-03-03"), ev(40, None)])) == 1
    assert len(merge_events([ev(0, "2023-03-03"), ev(40, "2023-03-01", "approximate")])) == 1
    # an attack with one party named merges into the one with both, unless their days differ
    assert len(merge_events([ev(0, "2023-03-03"), ev(40, "2023-03-03", one_party=True)])) == 1
    assert len(merge_events([ev(0, "2023-03-03"), ev(40, "2023-03-02", one_party=True)])) == 2


def test_a_group_a_state_names_takes_its_country(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events.candidates import mentions_in

    text = "Two Palestinian suicide bombers killed 23 people in Tel Aviv on Sunday."
    doc = nlp(text)
    sent = next(iter(doc.sents))
    mentions, _ = mentions_in(sent, extract_entities(doc), doc)
    group = next(m for m in mentions if m.text.endswith("bombers"))
    assert group.country == "PSE"
    # the coder never puts a mention and a name inside it in both roles
    for ev in _code(nlp, text):
        if ev.actor and ev.recipient:
            assert ev.actor.text not in ev.recipient.text
            assert ev.recipient.text not in ev.actor.text


def test_a_speaking_he_is_the_person_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Major General Dmitry Lavrenko, the chief of the Belarusian general staff, spoke to "
            "reporters in Minsk on Monday. He said Russia would deliver more Iskander launchers "
            "to Belarus in the autumn.")
    events = [e for e in _code(nlp, text, date(2024, 3, 4)) if e.type == "AID"]
    assert events, events
    att = events[0].attribution
    assert att is not None and att.text == "Dmitry Lavrenko", att


def test_a_speaking_he_with_no_one_named_before_stays_as_written(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He said Russia would deliver more Iskander launchers to Belarus in the autumn."
    events = [e for e in _code(nlp, text, date(2024, 3, 4)) if e.type == "AID"]
    assert events and events[0].attribution is not None
    assert events[0].attribution.text == "He"


@pytest.mark.parametrize(
    ("text", "trigger", "future"),
    [
        ("The two ministers will hold talks in Ankara on Monday.", "talks", True),
        ("The president is due to visit Hanoi next week.", "visit", True),
        ("Navy chiefs plan to meet in Tokyo.", "meet", True),
        ("The two ministers held talks in Ankara on Monday.", "talks", False),
        ("The president visited Hanoi last week.", "visited", False),
    ],
)
def test_trigger_features_carry_a_future_cue(nlp, text: str, trigger: str,  # type: ignore[no-untyped-def]
                                             future: bool) -> None:
    """A meeting still to come is AGREE in the guide, a held one CONSULT: the trigger model
    sees whether the trigger sits under a future cue."""
    from wirebrief.analyze.events.features import trigger_features

    doc = nlp(text)
    sent = next(iter(doc.sents))
    tok = next(t for t in doc if t.text == trigger)
    feats = trigger_features(tok, sent, {})
    assert ("m=future" in feats) is future
    assert any(k.startswith("lex|m=") for k in feats) is future


def test_article_topic_names_the_article_s_main_event_vocabulary(nlp) -> None:  # type: ignore[no-untyped-def]
    """The article's share of each type's lexicon words is a feature of the sentence and
    trigger models: a war story's vocabulary is combat's, whatever the sentence says."""
    from wirebrief.analyze.events.features import article_topic, sentence_features, trigger_features

    war = ("Heavy fighting raged as the two armies clashed near the border. Battles and clashes "
           "continued and the fighting spread; more clashes came. Talks were proposed.")
    topic = article_topic(war)
    assert "a:FIGHT" in topic
    assert "a:CONSULT" not in topic  # one talk among many battles is under the share
    assert article_topic("") == {"a:none": 1.0}
    assert article_topic("\x00" * 1000 + "ÿ" * 1000) == {"a:none": 1.0}
    doc = nlp("The army attacked the town.")
    sent = next(iter(doc.sents))
    tok = next(t for t in doc if t.text == "attacked")
    feats = trigger_features(tok, sent, {}, topic=topic)
    assert any(k.startswith("a:FIGHT|lex=") for k in feats)
    assert not any(k.startswith("a:") for k in trigger_features(tok, sent, {}))
    assert "a:FIGHT" in sentence_features(sent, [tok], {}, topic)


@pytest.mark.parametrize(
    ("text", "trigger", "party", "role"),
    [
        ("Belarus received the system last year.", "received", "Belarus", "subj"),
        ("Officers came from a brigade that received the system last year.", "received",
         "brigade", "subj"),
        ("A second group of Belarusian personnel would be trained in the autumn.", "trained",
         "group", "obj"),
        ("The launchers were delivered by Russia in 2022.", "delivered", "Russia", "subj"),
        ("The system delivered to Belarus arrived in May.", "delivered", "system", "obj"),
        ("Russia agreed to deliver the launchers.", "deliver", "Russia", "subj"),
        ("Russia delivered the launchers to Belarus.", "delivered", "Belarus", None),
    ],
)
def test_a_party_s_clause_role_reads_through_passives_and_relative_clauses(  # type: ignore[no-untyped-def]
        nlp, text: str, trigger: str, party: str, role: str | None) -> None:
    """'The brigade that received' is the brigade receiving, 'personnel would be trained' the
    personnel trained: the role model sees the doer and the one acted on, not the bare path."""
    from wirebrief.analyze.events.features import _clause_role

    doc = nlp(text)
    trig = next(t for t in doc if t.text == trigger)
    tok = next(t for t in doc if t.text == party)
    assert _clause_role(tok, trig) == role


def test_an_act_announced_for_the_future_is_also_a_pledge() -> None:
    from wirebrief.analyze.events.pledges import pledges_of
    from wirebrief.models import Actor, Evidence

    text = "Syria says it will withdraw its troops from Lebanon."

    def ev(etype: str, aux: str | None) -> Event:
        return Event(type=etype, aux=aux, actor=Actor(text="Syria", country="SYR"),  # type: ignore[arg-type]
                     recipient=Actor(text="Lebanon", country="LBN"),
                     evidence=Evidence(sentence=text, start=0, end=len(text)), confidence=0.6)

    [pledge] = pledges_of([ev("CONCEDE", "future")], date(2005, 3, 5))
    assert (pledge.type, pledge.aux, pledge.confidence) == ("AGREE", None, 0.54)
    assert pledge.actor == ev("CONCEDE", None).actor and pledge.recipient is not None
    assert pledge.date is not None and pledge.date.value == "2005-03-05"  # the statement's day
    assert pledge.date.date_type == "approximate"
    assert pledges_of([ev("CONCEDE", "future")], None)[0].date is None
    # a past act, a type that is no pledge, or a sentence with an AGREE already: none
    assert pledges_of([ev("CONCEDE", None)], None) == []
    assert pledges_of([ev("ASSAULT", "future")], None) == []
    assert pledges_of([ev("CONCEDE", "future"), ev("AGREE", None)], None) == []
    # one pledge a sentence
    assert len(pledges_of([ev("CONCEDE", "future"), ev("AID", "future")], None)) == 1


def test_a_meeting_still_to_come_is_an_arrangement_made() -> None:
    from wirebrief.analyze.events.pledges import as_scheduled
    from wirebrief.models import Evidence

    text = "The two ministers will meet in Paris next week."

    def ev(etype: str, aux: str | None) -> Event:
        return Event(type=etype, aux=aux, mode="visit" if etype == "CONSULT" else None,  # type: ignore[arg-type]
                     evidence=Evidence(sentence=text, start=0, end=len(text)), confidence=0.6)

    [agreed] = as_scheduled([ev("CONSULT", "future")])
    assert (agreed.type, agreed.mode, agreed.aux) == ("AGREE", None, "future")
    assert agreed.confidence == 0.6
    # a meeting held, or another act still to come, keeps its type
    assert [e.type for e in as_scheduled([ev("CONSULT", None), ev("ASSAULT", "future")])] == [
        "CONSULT", "ASSAULT"]


def test_an_international_officer_speaks_for_no_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("UN Secretary-General Kofi Annan urged Rwanda on Monday to let aid workers reach "
            "100,000 refugees stranded in the camps.")
    events = _code(nlp, text, date(1997, 4, 21))
    assert events
    by_annan = [e for e in events if e.actor and "Annan" in e.actor.text]
    assert by_annan, events
    assert all(e.actor is not None and e.actor.country is None for e in by_annan), by_annan
