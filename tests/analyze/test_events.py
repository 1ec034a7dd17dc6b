"""PLOVER event coder and arms-transfer derivation, on the reference article and own articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirebrief.analyze.events import CODER_NAME, code_events, entities_from_doc, explain_event
from wirebrief.analyze.transfers import derive_transfers
from wirebrief.models import Event

pytestmark = pytest.mark.model

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CHROME = {"No time to read?", "Get a summary"}


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.errors import AnalysisError

    try:
        return load_nlp()
    except AnalysisError as exc:
        pytest.skip(f"spaCy model not installed: {exc}")


def _clean(raw: str) -> str:
    """Drop the page chrome: summary prompts, and Previous/Next Article with their titles."""
    out: list[str] = []
    skip = 0
    for line in raw.splitlines()[1:]:  # the first line is the headline
        s = line.strip()
        if s in CHROME:
            continue
        if s in {"Previous Article", "Next Article"}:
            skip = 1
            continue
        if skip and s:
            skip -= 1
            continue
        out.append(line)
    return "\n".join(out).strip()


def _code(nlp, text: str, published: date | None = None) -> list[Event]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return code_events(doc, entities_from_doc(doc, published), published)


@pytest.fixture(scope="module")
def reference(nlp) -> list[Event]:  # type: ignore[no-untyped-def]
    path = SHARED / "data" / "seed" / "iskander-belarus.txt"
    if not path.exists():
        pytest.skip(f"reference article not found at {path} (../shared is absent)")
    return _code(nlp, _clean(path.read_text(encoding="utf-8")))


def test_reference_has_exactly_three_events(reference: list[Event]) -> None:
    assert len(reference) == 3, [explain_event(e) for e in reference]


def test_reference_delivery(reference: list[Event]) -> None:
    ev = reference[0]
    assert ev.type == "AID"
    assert "Belarus has received the Iskander-M" in ev.evidence.sentence
    assert ev.actor is not None and ev.actor.country == "RUS"
    assert ev.recipient is not None and ev.recipient.country == "BLR"
    assert ev.weapon_systems == ["Iskander-M"]
    assert "military" in ev.contexts
    assert ev.aux is None
    assert ev.attribution is not None and "Shoigu" in ev.attribution.text
    assert ev.attribution.role == "defense minister"


def test_reference_training(reference: list[Event]) -> None:
    ev = reference[1]
    assert (ev.type, ev.mode) == ("AID", "training")
    assert ev.actor is not None and ev.actor.country == "RUS"
    assert ev.recipient is not None and ev.recipient.country == "BLR"
    assert "military" in ev.contexts
    assert ev.date is not None
    assert (ev.date.value, ev.date.date_type) == ("XXXX-04-03", "unresolved")


def test_reference_storage_is_future_and_nuclear(reference: list[Event]) -> None:
    ev = reference[2]
    assert "storage facility for tactical nuclear weapons" in ev.evidence.sentence
    assert ev.aux == "future"
    assert {"military", "cbrn"} <= set(ev.contexts)
    assert ev.actor is not None and ev.actor.country == "RUS"
    assert ev.actor.text == "the Russian Federation"
    assert ev.attribution is not None and ev.attribution.text.lower() == "the president"


def test_reference_evidence_offsets(nlp, reference: list[Event]) -> None:  # type: ignore[no-untyped-def]
    text = _clean((SHARED / "data" / "seed" / "iskander-belarus.txt").read_text("utf-8"))
    for ev in reference:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.sentence


def test_us_himars_to_ukraine_future_is_agree_with_transfer(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The United States will send 12 HIMARS launchers to Ukraine, Pentagon spokesman "
            "John Kirby said on Tuesday.")
    events = _code(nlp, text, date(2022, 7, 1))
    assert len(events) == 1
    ev = events[0]
    assert (ev.type, ev.aux) == ("AGREE", "future")
    assert (ev.actor.country, ev.recipient.country) == ("USA", "UKR")  # type: ignore[union-attr]
    assert ev.attribution is not None and ev.attribution.text == "John Kirby"
    doc = nlp(text)
    transfers = derive_transfers(events, entities_from_doc(doc), date(2022, 7, 1))
    assert len(transfers) == 1
    t = transfers[0]
    assert (t.supplier, t.recipient, t.quantity, t.status, t.year) == (
        "USA", "UKR", 12, "planned", 2022)
    assert "HIMARS" in t.designation


def test_delivery_inherits_supplier_and_gives_delivered_transfer(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Germany has agreed to supply Leopard 2 tanks to Poland, officials said.\n\n"
            "The first tanks were delivered to Poland on March 3, 2023.")
    events = _code(nlp, text, date(2023, 3, 10))
    aid = [e for e in events if e.type == "AID"]
    assert len(aid) == 1
    assert aid[0].actor is not None and aid[0].actor.country == "DEU"
    assert aid[0].date is not None and aid[0].date.value == "2023-03-03"
    assert aid[0].date.date_type == "exact"


def test_chinese_drills_near_taiwan_is_mobilize(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "China launched large-scale military drills near Taiwan on Saturday, "
                   "the Chinese defense ministry said.", date(2023, 4, 10))
    assert [e.type for e in events] == ["MOBILIZE"]
    assert events[0].actor is not None and events[0].actor.country == "CHN"
    assert events[0].date is not None and events[0].date.value == "2023-04-08"


def test_joint_exercise_is_cooperate(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "NATO and Finland held a joint exercise in Lapland last week, the "
                   "Finnish army said.", date(2023, 3, 20))
    assert [e.type for e in events] == ["COOPERATE"]
    assert events[0].location == "Lapland"


def test_iran_russia_drone_deal_and_denial(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Iran has agreed to supply Russia with Shahed-136 drones, U.S. officials said on "
            "Friday.\n\nTehran denied that it had delivered any drones to Moscow.")
    events = _code(nlp, text, date(2022, 10, 14))
    assert [e.type for e in events] == ["AGREE", "AID"]
    agree, denial = events
    assert (agree.actor.country, agree.recipient.country) == ("IRN", "RUS")  # type: ignore[union-attr]
    assert agree.weapon_systems and agree.weapon_systems[0].startswith("Shahed")
    assert denial.aux == "negation"
    assert denial.recipient is not None and denial.recipient.country == "RUS"
    # A denied delivery is not a transfer.
    doc = nlp(text)
    designations = [t.designation for t in derive_transfers(events, entities_from_doc(doc))]
    assert len(designations) == 1


def test_threat_folds_embedded_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "North Korea threatened to attack South Korea if the joint drills "
                   "continue, state media reported on Monday.", date(2023, 3, 13))
    assert [e.type for e in events] == ["THREATEN"]
    assert (events[0].actor.country, events[0].recipient.country) == ("PRK", "KOR")  # type: ignore[union-attr]


def test_talks_between_presidents_is_consult_with_person_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Turkish President Recep Tayyip Erdogan met Russian President Vladimir "
                   "Putin in Sochi on August 5, 2022.")
    assert len(events) == 1
    ev = events[0]
    assert ev.type == "CONSULT"
    assert ev.actor is not None and (ev.actor.country, ev.actor.kind) == ("TUR", "person")
    assert ev.recipient is not None and ev.recipient.country == "RUS"


def test_generic_sentences_give_no_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The system is known for its rapid deployment profile and its capacity to deliver "
            "precision strikes. Officials emphasize that training and storage arrangements are "
            "core components of readiness.")
    assert _code(nlp, text) == []


def test_explain_event_names_trigger_rule_and_arguments(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _code(nlp, "Poland condemned Russia's missile strikes on Kyiv on Monday.")[0]
    assert ev.type == "DISAPPROVE"
    text = explain_event(ev)
    assert "condemned" in text and "verb:condemn" in text and "POL" in text
    assert CODER_NAME == "analyze.events.v1"


# Precision on realistic articles: each case below was once coded wrongly.

FINLAND = ("Finnish and US artillery units fire together at Rovajarvi\n\n"
           "Wednesday 5 June 2024\n\nText size: A A A\n\n"
           "Finnish and US artillery units began a joint live-fire exercise at the Rovajarvi "
           "training area in Finnish Lapland on Monday, the Finnish Defence Forces said.\n\n"
           "He said the drills showed that Finland and the United States could \"fight as one "
           "force\" if Finland were attacked.\n\n"
           "Finland shares a 1,340-kilometre border with Russia. The Russian embassy in Helsinki "
           "said in a statement that the drills \"do not strengthen security in the region\".")


@pytest.fixture(scope="module")
def finland(nlp) -> list[Event]:  # type: ignore[no-untyped-def]
    return _code(nlp, FINLAND, date(2024, 6, 5))


def test_joint_exercise_with_fire_is_one_cooperate_event(finland: list[Event]) -> None:
    exercise = [e for e in finland if "live-fire" in e.evidence.sentence]
    assert [e.type for e in exercise] == ["COOPERATE"]
    assert {exercise[0].actor.country, exercise[0].recipient.country} == {"FIN", "USA"}  # type: ignore[union-attr]


def test_headline_and_hypothetical_fight_give_no_fight(finland: list[Event]) -> None:
    assert not [e for e in finland if e.type in {"FIGHT", "ASSAULT"}]
    assert not [e for e in finland if e.aux == "hypothetical"]


def test_shared_border_and_embassy_statement_are_not_events(finland: list[Event]) -> None:
    assert not [e for e in finland if "border" in e.evidence.sentence
                or "embassy" in e.evidence.sentence]


def test_evidence_stays_in_its_paragraph_and_actor_has_no_chrome(finland: list[Event]) -> None:
    for ev in finland:
        assert "\n\n" not in ev.evidence.sentence
        assert FINLAND[ev.evidence.start:ev.evidence.end] == ev.evidence.sentence
        assert ev.actor is not None and "\n" not in ev.actor.text
        assert "A A A" not in ev.actor.text


def test_three_countries_exercise_is_cooperate_and_list_partners_are_not_targets(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "South Korea, the United States and Japan began their first three-way "
                   "exercise on Thursday, the South Korean Navy said.", date(2024, 1, 5))
    assert [e.type for e in events] == ["COOPERATE"]
    shot = _code(nlp, "Israel, the United States, the United Kingdom and France shot down "
                 "almost all of them.", date(2024, 4, 14))
    assert all(e.recipient is None or e.recipient.country != "USA" for e in shot)


def test_single_country_exercise_is_mobilize_and_dateline_is_not_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "NEW DELHI — The Indian Air Force began a 10-day exercise along the "
                   "western border on Monday.", date(2024, 3, 4))
    assert [e.type for e in events] == ["MOBILIZE"]
    assert events[0].actor is not None and events[0].actor.country == "IND"
    assert "DELHI" not in events[0].actor.text


def test_background_clauses_are_not_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("They will join the air base, which already operates Su-30SM jets delivered from "
            "2019 onwards. It did not give details. The tanks, built by Hyundai Rotem in "
            "Changwon, are new. According to a statement released by the ministry, the "
            "meeting went well. The ministers visited the range on Tuesday.")
    assert _code(nlp, text, date(2024, 2, 20)) == []


def test_passive_without_agent_borrows_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "South Korea's Joint Chiefs of Staff said the missile was launched from "
                   "the Pyongyang area at about 2:55 p.m.", date(2024, 4, 2))
    assert not [e for e in events if e.actor is not None and e.actor.country == "KOR"]


def _code_layer(nlp, text: str, published: date | None = None) -> list[Event]:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    doc = nlp(text)
    return code_events(doc, extract_entities(doc, published), published)


def _top(events: list[Event]) -> Event:
    assert events
    return max(events, key=lambda e: e.confidence)


def test_untagged_demonym_makes_a_leader_domestic(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "President Ruto banned Kenyan opposition rallies on Tuesday.",
                          date(2024, 5, 1)))
    assert ev.type == "COERCE"
    assert ev.actor is not None and ev.actor.country == "KEN"
    assert ev.recipient is not None and ev.recipient.country == "KEN"


def test_one_sided_act_targets_the_country_where_it_happens(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Venezuelan farmers blocked roads in Caracas on Monday.",
                    date(2024, 5, 1)))
    assert ev.type == "PROTEST"
    assert ev.recipient is not None and ev.recipient.country == "VEN"


def test_misread_lemma_still_triggers(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy's small model lemmatises "staged" as "stag".
    ev = _top(_code(nlp, "Dock workers in Piraeus staged a strike on Monday.", date(2024, 5, 1)))
    assert ev.type == "PROTEST"


def test_purpose_clause_of_a_protest_is_its_target_not_a_second_event(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Opposition supporters staged a rally to demand the resignation of the "
                   "Kenyan interior minister.", date(2024, 5, 1))
    assert [e.type for e in events] == ["PROTEST"]
    assert events[0].recipient is not None and events[0].recipient.country == "KEN"


def test_crowds_protesting_demonstrate_states_disapprove(nlp) -> None:  # type: ignore[no-untyped-def]
    crowd = _top(_code(nlp, "Students protested outside parliament on Monday.",
                       date(2024, 5, 1)))
    assert crowd.type == "PROTEST"
    state = _top(_code(nlp, "China protested the visit of the Japanese minister.",
                       date(2024, 5, 1)))
    assert state.type == "DISAPPROVE"


def test_saying_another_party_must_act_is_a_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The Polish foreign minister said on Tuesday that Belarus must release "
                    "the detained journalists.", date(2024, 5, 1)))
    assert ev.type == "DEMAND"
    assert ev.actor is not None and ev.actor.country == "POL"
    assert ev.recipient is not None and ev.recipient.country == "BLR"
    own = _code(nlp, "Russia said it must defend its borders.", date(2024, 5, 1))
    assert "DEMAND" not in [e.type for e in own]


def test_demand_noun_governs_its_that_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "The European Union reiterated its demand that Russia withdraw its "
                   "troops from Georgia.", date(2024, 5, 1))
    assert [e.type for e in events] == ["DEMAND"]
    assert events[0].recipient is not None and events[0].recipient.country == "RUS"


def test_named_organisation_without_country_is_an_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The Arakan Army forum agreed to free the captured soldiers.",
                    date(2024, 5, 1)))
    assert ev.type == "AGREE"
    assert ev.actor is not None and "Arakan" in ev.actor.text


def test_setting_fire_is_not_a_plan(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Rioters set fire to a police station in Karachi on Friday.",
                    date(2024, 5, 1)))
    assert ev.type == "COERCE" and ev.aux is None


def test_arriving_for_talks_is_consult(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Armenian and Azerbaijani negotiators arrived in Washington for talks "
                    "on Monday.", date(2024, 5, 1)))
    assert ev.type == "CONSULT"
    assert {ev.actor.country if ev.actor else None,
            ev.recipient.country if ev.recipient else None} == {"ARM", "AZE"}


def test_group_is_coded_by_where_it_lives(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Security forces in Mali detained dozens of protesters on Friday.",
                    date(2024, 5, 1)))
    assert ev.type == "COERCE" and ev.actor is not None and ev.actor.country == "MLI"
    ethnic = _top(_code(nlp, "Several hundred ethnic Russians demonstrated in Latvia on "
                        "Saturday.", date(2024, 5, 1)))
    assert ethnic.actor is not None and ethnic.actor.country == "LVA"
    resident = _top(_code_layer(nlp, "Bosnian Croats demanded new elections on Monday.",
                                date(2024, 5, 1)))
    assert resident.actor is not None and resident.actor.country == "BIH"


def test_named_country_head_beats_its_modifier(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "NATO-member Estonia agreed to send ammunition to Ukraine.",
                    date(2024, 5, 1)))
    assert ev.actor is not None and ev.actor.country == "EST"
    assert ev.recipient is not None and ev.recipient.country == "UKR"


def test_country_named_like_a_coast_is_a_country(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "The Ivory Coast's army arrested ten soldiers on Monday.",
                          date(2024, 5, 1)))
    assert ev.actor is not None and ev.actor.country == "CIV"


def test_event_framed_by_a_measure_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    siege = _top(_code(nlp, "The junta declared a state of siege in Niger on Sunday.",
                       date(2024, 5, 1)))
    assert siege.type == "COERCE"
    drills = _top(_code(nlp, "Chinese and Russian warships began five days of naval drills in "
                        "the Sea of Japan.", date(2024, 5, 1)))
    assert drills.type == "COOPERATE"


def test_allowing_people_to_act_is_a_concession(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The interior minister allowed opposition leaders to hold a rally in "
                    "Lahore.", date(2024, 5, 1)))
    assert ev.type == "CONCEDE"


def test_a_foreign_target_is_not_the_actors_nationality(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Cardinal Okafor called for sanctions against Myanmar.",
                    date(2024, 5, 1)))
    assert ev.actor is not None and ev.actor.country != "MMR"
    assert ev.recipient is not None and ev.recipient.country == "MMR"


def test_grievance_outranks_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Lebanon complained to the United Nations over Israeli air raids.",
                    date(2024, 5, 1)))
    assert ev.type == "DISAPPROVE"
    assert ev.recipient is not None and ev.recipient.country == "ISR"


def test_investigated_are_the_agents_of_the_crimes(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Prosecutors in Kosovo are investigating crimes by Serbian police "
                    "officers against civilians.", date(2024, 5, 1)))
    assert ev.type == "INVESTIGATE"
    assert ev.actor is not None and ev.actor.country == "XKX"
    assert ev.recipient is not None and ev.recipient.country == "SRB"


def test_police_act_on_their_own_people_drones_not_necessarily(nlp) -> None:  # type: ignore[no-untyped-def]
    police = _top(_code(nlp, "Kenyan riot police opened fire to disperse opposition "
                        "demonstrators.", date(2024, 5, 1)))
    assert police.type == "FIGHT"
    assert police.recipient is not None and police.recipient.country == "KEN"
    drones = _top(_code(nlp, "US drones killed five militant leaders.", date(2024, 5, 1)))
    assert drones.recipient is None or drones.recipient.country != "USA"


def test_in_protest_of_names_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Refugees in Turkey continued a hunger strike in protest of the "
                    "Iranian government's policy.", date(2024, 5, 1)))
    assert ev.type == "PROTEST"
    assert ev.recipient is not None and ev.recipient.country == "IRN"


def test_promised_curfew_is_a_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The Congolese government said it will extend the curfew in "
                    "Kinshasa.", date(2024, 5, 1)))
    assert ev.type == "THREATEN"
    assert ev.recipient is not None and ev.recipient.country == "COD"


def test_mediation_effort_between_two_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The Omani foreign minister launched a mediation effort between Iran "
                    "and Saudi Arabia on Sunday.", date(2024, 5, 1)))
    assert ev.type == "CONSULT"
    assert ev.actor is not None and ev.actor.country == "OMN"
    assert ev.recipient is not None and ev.recipient.country in {"IRN", "SAU"}


def test_statement_demanding_is_its_issuers_demand(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The opposition alliance issued a statement demanding that the "
                    "Venezuelan government release political prisoners.", date(2024, 5, 1)))
    assert ev.type == "DEMAND"
    assert ev.actor is not None and "alliance" in ev.actor.text
    assert ev.recipient is not None and ev.recipient.country == "VEN"


def test_passive_disarmament_and_counted_groups(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Hundreds of Houthi fighters in Yemen were disarmed last month.",
                    date(2024, 5, 1)))
    assert ev.type == "RETREAT"
    assert ev.actor is not None and ev.actor.country == "YEM"


def test_calling_off_a_strike_concedes(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The teachers' union called off its strike on Friday.",
                    date(2024, 5, 1)))
    assert ev.type == "CONCEDE"


def test_failing_to_agree_rejects(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Armenia and Azerbaijan failed to reach an agreement on the border.",
                    date(2024, 5, 1)))
    assert ev.type == "REJECT"


def test_returning_what_was_taken_concedes_returning_fire_does_not(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The militia returned the seized weapons to the army.",
                    date(2024, 5, 1)))
    assert ev.type == "CONCEDE"
    assert "CONCEDE" not in [e.type for e in _code(nlp, "Soldiers returned fire.",
                                                   date(2024, 5, 1))]


def test_defying_a_ban_targets_its_author(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The opposition newspaper defied a ban by the Kenyan interior "
                    "minister.", date(2024, 5, 1)))
    assert ev.type == "REJECT"
    assert ev.recipient is not None and ev.recipient.country == "KEN"


def test_another_scene_in_an_as_clause_is_not_the_target(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Serbia lifted the curfew in Montenegro province, as police in "
                    "Croatia arrested nationalists.", date(2024, 5, 1)))
    assert ev.type == "CONCEDE"
    assert ev.recipient is not None and ev.recipient.country == "MNE"


def test_ruler_imposing_a_curfew_acts_at_home(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "President Ouattara will impose a curfew in Abidjan.",
                          date(2024, 5, 1)))
    assert ev.type == "THREATEN"
    assert ev.actor is not None and ev.actor.country == "CIV"


def test_where_a_statement_is_made_is_not_its_target(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "Ukraine condemned the attack in a statement in Geneva.",
                         date(2024, 5, 1))
    assert all(e.recipient is None or e.recipient.country != "CHE" for e in events)


def test_destination_on_the_object_of_a_transfer(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Canadian charities delivered $2 million worth of medicine to Kyiv "
                    "hospitals.", date(2024, 5, 1)))
    assert ev.type == "AID"
    assert ev.recipient is not None and ev.recipient.country == "UKR"


def test_stance_and_ethnic_prefixes_are_no_nationality(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Police arrested an anti-Iranian activist in London.",
                          date(2024, 5, 1)))
    assert ev.recipient is None or ev.recipient.country != "IRN"
    assert ev.actor is not None and ev.actor.country == "GBR"


def test_killing_with_no_agent_targets_where_it_happened(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "A pro-Russian blogger was killed in a car bomb explosion in central "
                    "Kyiv.", date(2024, 5, 1)))
    assert ev.type == "ASSAULT" and ev.actor is None
    assert ev.recipient is not None and ev.recipient.country == "UKR"


def test_forcing_people_out_is_coercion(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "The Turkish army forced out hundreds of Syrian refugees from a camp "
                    "near Idlib.", date(2024, 5, 1)))
    assert ev.type == "COERCE"
    assert ev.actor is not None and ev.actor.country == "TUR"
    assert ev.recipient is not None and ev.recipient.country == "SYR"


def test_agreeing_to_act_somewhere_targets_that_country(nlp) -> None:  # type: ignore[no-untyped-def]
    build = _top(_code(nlp, "Russia agreed to build a nuclear plant in Egypt.",
                       date(2024, 5, 1)))
    assert build.type == "AGREE"
    assert build.recipient is not None and build.recipient.country == "EGY"
    talks = _code_layer(nlp, "Russia agreed to hold talks in Istanbul.", date(2024, 5, 1))
    assert all(e.recipient is None or e.recipient.country != "TUR" for e in talks)


def test_idiomatic_in_phrases_are_no_location(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Nine people were arrested overnight following a fight that erupted "
                   "in the wake of Turkey's win over Holland.", date(2024, 5, 1))
    assert all(e.recipient is None or e.recipient.country != "NLD" for e in events)


def test_destination_of_a_trip_is_not_the_travellers_country(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "Prime Minister Kishida leaves for the United States on Monday for "
                    "talks.", date(2024, 5, 1)))
    assert ev.type == "CONSULT"
    assert ev.actor is None or ev.actor.country != "USA"


def test_should_demands_only_of_a_named_party(nlp) -> None:  # type: ignore[no-untyped-def]
    vague = _code(nlp, "The spokesman said the soldiers should be sent home.", date(2024, 5, 1))
    assert "DEMAND" not in [e.type for e in vague]
    named = _top(_code(nlp, "The German foreign minister said Belgrade should withdraw its "
                       "troops from the border.", date(2024, 5, 1)))
    assert named.type == "DEMAND"
    assert named.recipient is not None and named.recipient.country == "SRB"


# --- Long-form defence prose: training, reporting clauses, background clauses ---------------


def test_crews_begin_training_abroad_is_aid_from_the_host(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Kazakh air defence crews have started training on the S-300 system at a range in "
            "Russia, the Kazakh defence ministry said.")
    for events in (_code(nlp, text), _code_layer(nlp, text)):
        ev = _top(events)
        assert (ev.type, ev.mode) == ("AID", "training")
        assert ev.actor is not None and ev.actor.country == "RUS"
        assert ev.recipient is not None and ev.recipient.country == "KAZ"
        assert ev.weapon_systems == ["S-300"]
        assert ev.attribution is not None and "ministry" in ev.attribution.text


def test_training_host_read_from_an_adjective_or_an_army_range(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Armenian artillery crews have started training on the Pinaka "
                          "rocket launcher at an Indian army range, the Armenian defence "
                          "ministry said."))
    assert ev.type == "AID" and ev.actor is not None and ev.actor.country == "IND"
    assert ev.recipient is not None and ev.recipient.country == "ARM"


def test_dateline_is_not_the_subject_of_the_lead(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code(nlp, "BELGRADE — Serbian pilots have completed training on the MiG-29 at "
                    "an air base in Belarus, the ministry said."))
    assert (ev.type, ev.mode) == ("AID", "training")
    assert ev.actor is not None and ev.actor.country == "BLR"
    assert ev.recipient is not None and ev.recipient.country == "SRB"


def test_gloss_on_a_reporting_clause_codes_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Turkey has delivered two corvettes to Pakistan, the Pakistani navy said on Monday, "
            "the latest step in a shipbuilding programme that Ankara and Islamabad agreed in "
            "2018.")
    for events in (_code(nlp, text), _code_layer(nlp, text)):
        assert [(e.type, e.actor.country if e.actor else None,
                 e.recipient.country if e.recipient else None) for e in events] == [
            ("AID", "TUR", "PAK")]


def test_speech_act_conjoined_to_a_reported_clause_is_the_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Latvian Foreign Minister Andris Ozols said on Monday that the drills showed that "
            "Russia had become more aggressive and called on EU members to boost their defence "
            "spending.")
    for events in (_code(nlp, text), _code_layer(nlp, text)):
        assert all(e.actor is None or e.actor.country != "RUS" for e in events)
        demand = next(e for e in events if e.type == "DEMAND")
        assert demand.actor is not None and demand.actor.country == "LVA"
        assert demand.recipient is not None and demand.recipient.country != "RUS"


def test_title_does_not_borrow_the_previous_sentences_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The battalion is operated by Armenian crews trained in Russia.\n\n"
            "Georgian Defence Minister Levan Beridze said on Friday that the drills had shown "
            "that Moscow was a threat and called on NATO to send more troops.")
    demand = next(e for e in _code_layer(nlp, text) if e.type == "DEMAND")
    assert demand.actor is not None and demand.actor.country == "GEO"


def test_operational_air_support_is_no_political_event(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in ("Polish Apache helicopters operating from bases in Poland will support the "
                 "advancing infantry, a spokesman said.",
                 "Norwegian F-35 jets will provide close air support during the exercise.",
                 "Russian Tu-22M3 bombers flying from bases in Russia will support the landing."):
        events = _code_layer(nlp, text)
        assert not [e for e in events if e.type in {"AGREE", "SUPPORT", "AID"}], text
        assert all(e.actor is None or e.recipient is None
                   or e.actor.country != e.recipient.country for e in events), text


def test_state_is_not_its_own_partner(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "The Korean procurement agency said in a statement in Seoul that "
                         "the delivery of the tanks to the South Korean army had been completed.")
    assert all(e.actor is None or e.recipient is None or e.actor.country != e.recipient.country
               for e in events)


def test_background_relative_clause_yields_no_foreign_target(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Moldovan sappers who trained in Romania last spring have cleared mines along the "
            "border, where several vehicles have been damaged or destroyed.")
    for events in (_code(nlp, text), _code_layer(nlp, text)):
        assert all(e.recipient is None or e.recipient.country != "ROU" for e in events)
        assert not [e for e in events if e.type in {"FIGHT", "ASSAULT"}]
        for e in events:
            if e.mode == "training":
                assert e.actor is not None and e.actor.country == "ROU"
                assert e.recipient is not None and e.recipient.country == "MDA"


def test_explicit_supplier_beats_the_weapons_origin(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in ("Romania received the first F-16 fighters from Norway.",
                 "Ukraine took delivery of a second Patriot battery from Germany on Friday."):
        events = _code_layer(nlp, text)
        ev = _top(events)
        assert ev.type == "AID", text
        assert ev.actor is not None and ev.actor.country in {"NOR", "DEU"}, text
        assert ev.actor.country != "USA"


def test_lodging_a_formal_protest_is_disapproval(nlp) -> None:  # type: ignore[no-untyped-def]
    for text, want in (("Cyprus lodged a formal complaint with Turkey over the drilling ship in "
                        "its waters.", ("CYP", "TUR")),
                       ("Japan lodged a strong protest with China after a coast guard ship "
                        "entered its territorial waters.", ("JPN", "CHN"))):
        ev = _top(_code_layer(nlp, text))
        assert ev.type == "DISAPPROVE", text
        assert (ev.actor.country if ev.actor else None,
                ev.recipient.country if ev.recipient else None) == want


def test_banning_trade_or_transit_is_a_sanction(nlp) -> None:  # type: ignore[no-untyped-def]
    for text, target in (("Poland banned imports of Belarusian fertiliser.", "BLR"),
                         ("Finland halted rail transit to Russia on Friday.", "RUS")):
        ev = _top(_code_layer(nlp, text))
        assert ev.type == "SANCTION", text
        assert ev.recipient is not None and ev.recipient.country == target


def test_raising_combat_readiness_is_mobilisation(nlp) -> None:  # type: ignore[no-untyped-def]
    for text, actor in (("Armenia placed its troops on high alert along the border with "
                         "Azerbaijan.", "ARM"),
                        ("North Korea raised the combat readiness of its artillery units on "
                         "Sunday.", "PRK")):
        ev = _top(_code_layer(nlp, text))
        assert ev.type == "MOBILIZE", text
        assert ev.actor is not None and ev.actor.country == actor


def test_event_names_the_variant_and_groups_it_under_the_family(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia has delivered six Su-30SM2 fighters and two S-400 batteries to Algeria."
    for events in (_code(nlp, text), _code_layer(nlp, text)):
        ev = _top(events)
        assert ev.type == "AID"
        assert ev.weapon_systems == ["Su-30SM2", "S-400"]
        assert ev.weapon_families == ["Su-30", "S-400"]
    doc = nlp(text)
    from wirebrief.analyze.entities import extract_entities

    ents = extract_entities(doc)
    transfers = derive_transfers(code_events(doc, ents), ents)
    su30 = next(t for t in transfers if t.designation == "Su-30SM2")
    assert su30.category == "aircraft" and su30.quantity == 6


def test_air_defence_shooting_down_drones_is_fighting(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Ukrainian air defence units shot down 14 of the drones "
                          "overnight, the air force said."))
    assert (ev.type, ev.mode) == ("FIGHT", "aerial")
    assert ev.actor is not None and ev.actor.country == "UKR"


def test_cancelling_leave_and_calling_up_reservists_mobilise(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "The Polish army cancelled leave for frontline units and called "
                          "up 3,000 reservists, a spokesman said."))
    assert ev.type == "MOBILIZE"
    assert ev.actor is not None and ev.actor.country == "POL"


def test_released_bombs_are_no_concession(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "The glide bombs, fitted with guidance kits, are released by "
                         "Su-34 aircraft flying over Russian territory.")
    assert "CONCEDE" not in [e.type for e in events]


def test_deadline_after_by_is_no_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "Egypt's defence ministry said the first frigates would be "
                         "delivered by the end of 2027.")
    assert all(e.actor is None or e.actor.country != "EGY" for e in events)


def test_weighing_a_transfer_or_nobody_committing_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _code_layer(nlp, "Norway is considering supplying NASAMS launchers to Ukraine.") == []
    events = _code_layer(nlp, "Spain and Italy said they are looking at sending tanks to "
                         "Ukraine, but no other country has so far committed a full battalion.")
    assert events == []


def test_where_the_speaker_sits_is_no_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "The Iranian embassy in Paris said Iran had never supplied "
                         "missiles to either side in the war.")
    assert events and all(e.recipient is None or e.recipient.country != "FRA" for e in events)
    events = _code_layer(nlp, "\"We are asking every ally to look again at what they can "
                         "give,\" Brenner told a news conference in Rome with Ukrainian "
                         "officials.")
    assert all(e.recipient is None or e.recipient.country != "ITA" for e in events)


def test_title_after_a_comma_gives_the_speakers_country(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    doc = nlp("Italy will send two frigates to Libya, Italian Defence Minister Marco Ferri said "
              "on Monday.")
    ferri = [e for e in extract_entities(doc) if e.text == "Marco Ferri"]
    assert ferri and ferri[0].country == "ITA"


def test_unnamed_armed_forces_are_the_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Japan's defence minister told parliament in Tokyo that the "
                          "armed forces had sent destroyers to monitor the Chinese vessels."))
    assert ev.type == "MOBILIZE"
    assert ev.actor is not None and ev.actor.country == "JPN"
    assert ev.recipient is None or ev.recipient.country == "CHN"


def test_transport_carrying_arms_that_arrives_is_a_delivery(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("ODESA, Ukraine — A train carrying artillery shells from Bulgaria arrived in Ukraine "
            "on Friday, the Ukrainian defence ministry said.")
    for events in (_code(nlp, text), _code_layer(nlp, text)):
        ev = _top(events)
        assert ev.type == "AID"
        assert ev.actor is not None and ev.actor.country == "BGR"
        assert ev.recipient is not None and ev.recipient.country == "UKR"
    assert _code_layer(nlp, "A cargo plane carrying tourists from Turkey landed in Cyprus.") == []


def test_definite_restatement_of_a_delivery_is_the_same_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("France delivered six Rafale fighters to Greece on Monday.\n\n"
            "The French defence procurement agency said in a statement in Paris that the "
            "delivery had been completed ahead of schedule.")
    events = _code_layer(nlp, text)
    assert [(e.type, e.actor.country if e.actor else None,
             e.recipient.country if e.recipient else None) for e in events] == [
        ("AID", "FRA", "GRC")]


def test_relative_clauses_are_background_not_events(nlp) -> None:  # type: ignore[no-untyped-def]
    for text, main in (
        ("The Greek Air Force already flies 24 Rafale fighters, which were delivered by "
         "Dassault Aviation between 2021 and 2023.", None),
        ("Vietnam, which bought Su-30MK2 jets from Russia in 2013, signed a deal with India "
         "on Friday.", "AGREE"),
        ("The crews come from a Serbian missile regiment that received the system last year.",
         None),
    ):
        events = _code_layer(nlp, text)
        assert [e.type for e in events] == ([main] if main else []), text
        assert all(e.type != "AID" for e in events), text


def test_conditional_warning_targets_the_party_of_the_condition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Chinese foreign ministry criticised the plan. Its spokesman, Wang Tao, warned "
            "on Monday that China would take resolute measures if Japan went ahead with plans to "
            "deploy missiles on Yonaguni.")
    threat = next(e for e in _code_layer(nlp, text) if e.type == "THREATEN")
    assert threat.actor is not None and threat.actor.country == "CHN"
    assert threat.recipient is not None and threat.recipient.country == "JPN"


def test_previously_marks_a_past_habit(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Iran has previously relied on allied militias in Iraq and Syria "
                          "to strike at US targets."))
    assert ev.aux == "historical"


def test_topic_of_a_discussion_is_no_partner(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "NATO defence ministers are due to discuss a new package of "
                         "measures against Russia next month.")
    assert all(e.recipient is None or e.recipient.country != "RUS" for e in events)


def test_aircraft_named_fighters_are_no_militia_and_no_target(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "The Egyptian Air Force held an exercise near the border in "
                          "March, during which it flew Rafale fighters from several bases."))
    assert ev.type == "MOBILIZE" and ev.actor is not None and ev.actor.country == "EGY"
    assert ev.recipient is None or "Rafale" not in ev.recipient.text
    ev = _top(_code_layer(nlp, "Russian Su-34 bombers struck a bridge near Kupiansk on Friday."))
    assert ev.actor is not None and ev.actor.kind == "military" and ev.actor.country == "RUS"


def _types(events: list[Event]) -> list[str]:
    return [e.type for e in events]


def _pair(event: Event) -> tuple[str | None, str | None]:
    return (event.actor.country if event.actor else None,
            event.recipient.country if event.recipient else None)


def test_phrasal_verbs_of_transfer_and_withdrawal(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Denmark handed over six Leopard 2 tanks to the Ukrainian army on Tuesday.")
    assert _types(events) == ["AID"] and _pair(events[0]) == ("DNK", "UKR")
    events = _code(nlp, "Germany turned over two Patriot batteries to Poland last month.")
    assert _types(events) == ["AID"] and _pair(events[0]) == ("DEU", "POL")
    events = _code(nlp, "Armenian forces pulled back from three villages on the border with "
                   "Azerbaijan.")
    assert _types(events) == ["RETREAT"] and _pair(events[0]) == ("ARM", "AZE")
    events = _code(nlp, "Russian troops pulled out of the town of Kherson on Friday.")
    assert _types(events) == ["RETREAT"] and _pair(events[0])[0] == "RUS"
    # Handing over power concedes; a letter handed over is no event; leaving a treaty no retreat.
    events = _code(nlp, "The junta handed over power to a civilian government in March.")
    assert "AID" not in _types(events)
    assert _code(nlp, "The minister handed over a letter to the ambassador.") == []
    assert "RETREAT" not in _types(_code(nlp, "Russia pulled out of the New START treaty in "
                                              "February."))


def test_crowd_in_a_city_takes_the_city_s_country(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Thousands of people demonstrated in Tbilisi against the foreign agents "
                   "law.")
    assert _types(events) == ["PROTEST"] and _pair(events[0]) == ("GEO", "GEO")
    events = _code(nlp, "Students marched through central Belgrade against the lithium mine.")
    assert _types(events) == ["PROTEST"] and _pair(events[0])[0] == "SRB"


def test_ordering_foreign_troops_out_is_coercion(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Burkina Faso's military government ordered French special forces to "
                   "leave the country within a month.")
    assert _types(events) == ["COERCE"] and _pair(events[0]) == ("BFA", "FRA")
    events = _code(nlp, "Chad gave American troops 30 days to leave its territory.")
    assert _types(events) == ["COERCE"] and _pair(events[0]) == ("TCD", "USA")
    events = _code(nlp, "Niger ordered the United States to withdraw its troops.")
    assert _types(events) == ["COERCE"] and _pair(events[0]) == ("NER", "USA")
    # Diplomats ordered out: relations reduced, as with "expelled the ambassador".
    events = _code(nlp, "Mali gave the French ambassador 72 hours to leave the country.")
    assert _types(events) == ["SANCTION"] and _pair(events[0]) == ("MLI", "FRA")
    # A commander withdrawing his own troops expels no one; asking is a request.
    assert "COERCE" not in _types(_code(nlp, "The commander ordered his troops to withdraw from "
                                             "the city."))
    assert _types(_code(nlp, "The president asked the UN peacekeepers to leave by the end of "
                             "the year.")) == ["REQUEST"]


def test_withdrawal_from_a_country_names_it_the_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "British troops finished their pullout from Mali last week.")
    assert _types(events) == ["RETREAT"] and _pair(events[0]) == ("GBR", "MLI")
    events = _code(nlp, "German soldiers began their withdrawal from Afghanistan in May.")
    assert _types(events) == ["RETREAT"] and _pair(events[0]) == ("DEU", "AFG")


def test_moving_forces_to_a_place_mobilises(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "China moved two more HQ-9 air defence batteries to the coast facing "
                   "Taiwan.")
    assert _types(events) == ["MOBILIZE"] and _pair(events[0])[0] == "CHN"
    assert events[0].weapon_systems == ["HQ-9"]
    events = _code(nlp, "Belarus relocated three battalions to its border with Ukraine.")
    assert _types(events) == ["MOBILIZE"] and _pair(events[0])[0] == "BLR"
    # "moved to" an act or a place with no forces moved is no deployment.
    assert "MOBILIZE" not in _types(_code(nlp, "The government moved to ban the opposition "
                                               "party."))
    assert _code(nlp, "The ministry moved to a new building in the capital.") == []


def test_agentless_bombing_that_kills_is_an_assault(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "A roadside bomb exploded next to an army convoy in Mogadishu, killing "
                   "three soldiers.")
    assert _types(events) == ["ASSAULT"] and _pair(events[0]) == (None, "SOM")
    assert events[0].mode == "explosives"
    events = _code(nlp, "A suicide bomber blew himself up at a checkpoint in Kabul, wounding "
                   "seven police officers.")
    assert _types(events) == ["ASSAULT"] and _pair(events[0])[1] == "AFG"
    # An explosion that harms no one is no attack.
    assert _code(nlp, "An old artillery shell exploded during a controlled demolition.") == []
    assert _code(nlp, "The drone exploded harmlessly in a field.") == []


def test_denying_reports_is_a_rejection_not_the_denied_act(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Iran denied claims that it had supplied drones to Russia.")
    assert _types(events) == ["REJECT"] and _pair(events[0])[0] == "IRN"
    assert events[0].aux is None
    events = _code(nlp, "Pakistan denied allegations that its army had shelled villages in "
                   "Afghanistan.")
    assert _types(events) == ["REJECT"] and _pair(events[0])[0] == "PAK"


def test_trade_restrictions_imposed_are_sanctions(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "The Netherlands imposed new export restrictions on lithography machines "
                   "headed to China.")
    assert _types(events) == ["SANCTION"] and _pair(events[0]) == ("NLD", "CHN")
    events = _code(nlp, "Canada imposed tariffs on Chinese electric vehicles.")
    assert _types(events) == ["SANCTION"] and _pair(events[0]) == ("CAN", "CHN")
    events = _code(nlp, "South Korea imposed an export ban on drone parts bound for Russia.")
    assert _types(events) == ["SANCTION"] and _pair(events[0]) == ("KOR", "RUS")
    # Restrictions at home stay coercion.
    events = _code(nlp, "Israel imposed restrictions on movement in the West Bank.")
    assert _types(events) == ["COERCE"]
    assert "SANCTION" not in _types(_code(nlp, "The government imposed a ban on public "
                                               "gatherings in the capital."))


def test_moving_own_ships_or_transferring_troops_mobilises(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Russia moved its Black Sea Fleet ships from Sevastopol to "
                   "Novorossiysk.")
    assert _types(events) == ["MOBILIZE"] and _pair(events[0]) == ("RUS", None)
    # People in uniform transferred are deployed; weapons transferred to a country are aid.
    events = _code(nlp, "The US transferred troops to the border with Mexico.")
    assert _types(events) == ["MOBILIZE"] and _pair(events[0])[0] == "USA"


def test_rebels_handing_over_their_weapons_disarm(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Colombian rebels handed over their weapons to UN monitors.")
    assert _types(events) == ["RETREAT"] and events[0].mode == "disarm"
    assert _pair(events[0])[0] == "COL"


def test_test_firing_a_missile_is_mobilisation_not_combat(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "North Korea test-launched two ballistic missiles into the sea.")
    assert _types(events) == ["MOBILIZE"] and _pair(events[0]) == ("PRK", None)
    assert events[0].mode == "weapons"
    # Without "test", firing missiles is still combat.
    events = _code(nlp, "Russia fired two ballistic missiles at Kharkiv.")
    assert _types(events) == ["FIGHT"]


@pytest.mark.parametrize(("text", "etype", "actor", "recipient"), [
    ("Pakistani and Afghan border guards exchanged fire at the Torkham crossing.", "FIGHT",
     "PAK", "AFG"),
    ("Serbian and Kosovar police clashed near the Jarinje crossing on Sunday.", "FIGHT",
     "SRB", "XKX"),
    ("Morocco summoned the German ambassador over the remarks.", "DISAPPROVE", "MAR", "DEU"),
    ("The Japanese coast guard intercepted a North Korean fishing boat off Sado.", "COERCE",
     "JPN", "PRK"),
])
def test_reciprocal_fire_summons_and_interceptions(nlp, text: str, etype: str, actor: str,  # type: ignore[no-untyped-def]
                                                   recipient: str) -> None:
    ev = _top(_code_layer(nlp, text, date(2024, 5, 1)))
    assert ev.type == etype
    assert ev.actor is not None and ev.actor.country == actor
    assert ev.recipient is not None and ev.recipient.country == recipient


def test_allies_firing_together_are_not_fighting_each_other(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "Estonian and Latvian artillery units fired on targets at the "
                              "Tapa range during the exercise.", date(2024, 5, 1))
    assert not [e for e in events if e.type == "FIGHT"]


def test_intercepting_missiles_is_air_defence(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Israeli air defences intercepted 12 rockets fired from Gaza.",
                          date(2024, 5, 1)))
    assert ev.type == "FIGHT" and ev.mode == "aerial"


def test_crowds_named_by_who_they_are_protest_in_their_city(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "Hundreds of pensioners rallied in Bucharest to oppose the "
                              "pension reform.", date(2024, 5, 1))
    assert [(e.type, e.actor and e.actor.country) for e in events] == [("PROTEST", "ROU")]


@pytest.mark.parametrize(("text", "etype", "actor", "recipient"), [
    ("Spain expressed firm support for Morocco's autonomy plan for Western Sahara.", "SUPPORT",
     "ESP", "MAR"),
    ("Japan voiced serious concern over China's military build-up near the Senkaku Islands.",
     "DISAPPROVE", "JPN", "CHN"),
])
def test_stances_voiced_through_a_light_verb(nlp, text: str, etype: str, actor: str,  # type: ignore[no-untyped-def]
                                             recipient: str) -> None:
    ev = _top(_code_layer(nlp, text, date(2024, 5, 1)))
    assert ev.type == etype
    assert ev.actor is not None and ev.actor.country == actor
    assert ev.recipient is not None and ev.recipient.country == recipient


def test_a_phone_call_is_a_consultation(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "German Chancellor Olaf Scholz talked by telephone with "
                               "Turkish President Tayyip Erdogan on Sunday.", date(2024, 5, 1)))
    assert (ev.type, ev.mode) == ("CONSULT", "phone")
    assert ev.actor is not None and ev.actor.country == "DEU"
    assert ev.recipient is not None and ev.recipient.country == "TUR"


def test_speaking_to_reporters_is_not_a_call(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "The Brazilian defence minister spoke to reporters in Brasilia "
                              "on Monday.", date(2024, 5, 1))
    assert not [e for e in events if e.type == "CONSULT"]


def test_blacklisting_and_blocking_ships(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Washington blacklisted two Iranian shipping firms on Friday.",
                          date(2024, 5, 1)))
    assert ev.type == "SANCTION" and ev.recipient is not None and ev.recipient.country == "IRN"
    ev = _top(_code_layer(nlp, "Israeli warships blocked a Turkish aid vessel bound for Gaza.",
                          date(2024, 5, 1)))
    assert ev.type == "COERCE"
    assert ev.actor is not None and ev.actor.country == "ISR"
    assert ev.recipient is not None and ev.recipient.country == "TUR"


def test_protesters_blocking_a_road_still_protest(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "Farmers blocked a main road near Warsaw to protest Ukrainian "
                              "grain imports.", date(2024, 5, 1))
    assert events and not [e for e in events if e.type == "COERCE"]


def test_a_named_person_takes_the_country_after_of(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "King Abdullah II of Jordan met Prime Minister Giorgia Meloni "
                               "of Italy in Rome on Wednesday.", date(2024, 5, 1)))
    assert ev.type == "CONSULT"
    assert ev.actor is not None and ev.actor.country == "JOR"
    assert ev.recipient is not None and ev.recipient.country == "ITA"


def test_a_person_of_a_region_is_not_given_a_later_country(nlp) -> None:  # type: ignore[no-untyped-def]
    ev = _top(_code_layer(nlp, "Governor Gavin Newsom of California met Chinese officials in "
                               "Beijing on Monday.", date(2024, 5, 1)))
    assert ev.type == "CONSULT"
    assert ev.actor is not None and ev.actor.country != "CHN"
    assert ev.recipient is not None and ev.recipient.country == "CHN"


@pytest.mark.parametrize(("text", "etype", "actor", "recipient"), [
    ("The shipment of French Caesar howitzers to Armenia was held up at the port.", "AID",
     "FRA", "ARM"),
    ("The delivery of Patriot missiles from Germany to Ukraine was delayed by a month.", "AID",
     "DEU", "UKR"),
    ("The deployment of Dutch marines to Lithuania was completed last week.", "MOBILIZE",
     "NLD", "LTU"),
])
def test_a_transfer_named_as_the_clause_subject(nlp, text: str, etype: str, actor: str,  # type: ignore[no-untyped-def]
                                                recipient: str) -> None:
    ev = _top(_code_layer(nlp, text, date(2024, 5, 1)))
    assert ev.type == etype
    assert ev.actor is not None and ev.actor.country == actor
    assert ev.recipient is not None and ev.recipient.country == recipient


def test_a_transfer_subject_without_destination_is_not_coded(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _code_layer(nlp, "The delivery schedule of the Swedish frigates was discussed in "
                              "parliament.", date(2024, 5, 1))
    assert not [e for e in events if e.type == "AID"]
