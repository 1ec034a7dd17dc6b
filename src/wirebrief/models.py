"""The briefing data model, defined once.

Every stage returns these frozen records; every interface (CLI, web, API, batch) serialises them.
`docs/briefing.schema.json` is generated from `Briefing.model_json_schema()`.
All character offsets (`start`, `end`) index into `Briefing.text` (the cleaned article text),
end-exclusive, in Python string positions.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EntityType(StrEnum):
    PERSON = "PERSON"
    COUNTRY = "COUNTRY"
    ORGANIZATION = "ORGANIZATION"
    WEAPON_SYSTEM = "WEAPON_SYSTEM"
    PLACE = "PLACE"
    DATE = "DATE"
    OPERATION = "OPERATION"  # named military operations and exercises
    GROUP = "GROUP"  # people named by religion, ethnicity, politics or region: Shiite, Kurdish


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    TIME = "time"
    DURATION = "duration"
    REFERENCE = "reference"  # PRESENT_REF, PAST_REF, FUTURE_REF
    UNKNOWN = "unknown"


class TimexValue(_Frozen):
    """A normalised date or duration, TIMEX3 style."""

    value: str = Field(
        description="TIMEX3 value: 2023-04-03, 2023-W14, 2023-04, 2023, P3M, PRESENT_REF, or "
        "XXXX-04-03 when the year cannot be resolved without a publication date."
    )
    granularity: Granularity = Field(description="How precise the value is.")
    timex_type: Literal["DATE", "TIME", "DURATION", "SET"] = Field(
        default="DATE", description="TIMEX3 type of the expression."
    )
    resolved: bool = Field(
        default=True, description="False when the value has unresolved parts (XXXX)."
    )


Precision = Literal["exact", "near", "region", "country"]


class Entity(_Frozen):
    """One mention of a person, country, organisation, weapon system, place, date, operation or
    group."""

    text: str = Field(description="The mention exactly as it appears in the text.")
    type: EntityType = Field(description="What kind of thing the mention names.")
    canonical: str = Field(description="Canonical name shared by all mentions of the same thing.")
    start: int = Field(description="Start character offset in `text`.")
    end: int = Field(description="End character offset in `text` (exclusive).")
    subtype: str | None = Field(
        default=None,
        description="Finer kind: for organisations armed_forces, ministry, alliance, government, "
        "unit, igo, company, media (news agencies, papers, broadcasters), other; for people igo "
        "(an international organisation's officer); for weapon systems the SIPRI category, or "
        "vessel for a named ship; for places city, region, facility.",
    )
    country: str | None = Field(
        default=None,
        description="ISO-3166 alpha-3 code: the country itself, the country an organisation or "
        "person belongs to, or a weapon system's country of origin.",
    )
    role: str | None = Field(
        default=None,
        description="For people: the role given in the text ('defense minister'), else the "
        "office the person held on the article's date.",
    )
    variant: str | None = Field(
        default=None,
        description="For weapon systems: the variant designation the text names when the "
        "canonical name is its family ('Su-30SM2' of 'Su-30').",
    )
    timex: TimexValue | None = Field(default=None, description="For dates: the normalised value.")
    lat: float | None = Field(default=None, description="For places: latitude, when geocoded.")
    lon: float | None = Field(default=None, description="For places: longitude, when geocoded.")
    precision: Precision | None = Field(
        default=None,
        description="For places and countries, as ACLED codes it: exact (a named town, base or "
        "shoal), near (close to one: 'near', 'outside', 'off'), region (a sea, strait, gulf, "
        "province or other area) or country (only the country is known).",
    )
    source: str = Field(
        default="model",
        description="Which layer found it: gazetteer, pattern, model (spaCy), coreference, "
        "office_holders; dateline for the city a story was filed from.",
    )


class Actor(_Frozen):
    """An event participant."""

    text: str = Field(description="The actor as written in the evidence sentence.")
    country: str | None = Field(default=None, description="ISO-3166 alpha-3 code of the actor.")
    kind: Literal["state", "military", "government", "igo", "non_state", "person", "unknown"] = (
        Field(default="unknown", description="What sort of actor it is.")
    )


class EventDate(_Frozen):
    value: str = Field(description="TIMEX3 value of the event date.")
    granularity: Granularity = Field(description="Precision of the value.")
    date_type: Literal["exact", "approximate", "unresolved"] = Field(
        description="exact: stated in the sentence; approximate: from the paragraph or the "
        "publication date; unresolved: stated but the year is unknown."
    )
    text: str | None = Field(default=None, description="The date expression used, if any.")


class Evidence(_Frozen):
    sentence: str = Field(description="The sentence that states the event.")
    start: int = Field(description="Start offset of the sentence in `text`.")
    end: int = Field(description="End offset of the sentence in `text` (exclusive).")


class Attribution(_Frozen):
    """Who said so."""

    text: str = Field(description="The source as named in the text ('Sergei Shoigu').")
    role: str | None = Field(default=None, description="The source's role, when known.")
    country: str | None = Field(default=None, description="ISO3 of the source, when known.")


class Explanation(_Frozen):
    """Why an event was coded: the trigger word and the rule that fired."""

    trigger: str = Field(description="The word or phrase that triggered the event.")
    rule: str = Field(description="Identifier and description of the coding rule.")


class Event(_Frozen):
    """A PLOVER-coded event."""

    type: str = Field(description="PLOVER event category (AID, COOPERATE, MOBILIZE, ...).")
    mode: str | None = Field(default=None, description="PLOVER mode within the category.")
    contexts: list[str] = Field(
        default_factory=list, description="PLOVER contexts: military, cbrn, diplomatic, ..."
    )
    actor: Actor | None = Field(default=None, description="Who acts.")
    recipient: Actor | None = Field(default=None, description="Who the action is aimed at.")
    weapon_systems: list[str] = Field(
        default_factory=list,
        description="The weapon systems involved, as the text designates them: the variant when "
        "one is named ('Su-30SM2'), else the canonical name.",
    )
    weapon_families: list[str] = Field(
        default_factory=list,
        description="Canonical names (families) of the same weapon systems, in the same order "
        "('Su-30' for 'Su-30SM2'): the grouping key across articles.",
    )
    location: str | None = Field(default=None, description="Where it happens, when stated.")
    date: EventDate | None = Field(default=None, description="When it happens.")
    aux: Literal["future", "negation", "hypothetical", "historical"] | None = Field(
        default=None, description="PLOVER auxiliary mode, or null for a factual past/present event."
    )
    attribution: Attribution | None = Field(default=None, description="Who said so.")
    evidence: Evidence = Field(description="The sentence that is the evidence.")
    restated: list[Evidence] = Field(
        default_factory=list,
        description="Other sentences of the article that state the same event (merged into this "
        "one), in text order.",
    )
    confidence: float = Field(ge=0.0, le=1.0, description="Coder confidence, 0 to 1.")
    explanation: Explanation | None = Field(default=None, description="Why it was coded.")


class ArmsTransfer(_Frozen):
    """A SIPRI-style arms transfer record derived from an AID or AGREE event."""

    supplier: str | None = Field(description="ISO3 of the supplier state.")
    recipient: str | None = Field(description="ISO3 of the recipient state.")
    designation: str = Field(description="Weapon system designation.")
    category: str | None = Field(default=None, description="SIPRI weapon category.")
    quantity: int | None = Field(default=None, description="Number of items, when stated.")
    status: Literal["ordered", "delivered", "planned"] = Field(description="Transfer status.")
    year: int | None = Field(default=None, description="Year of the transfer status.")
    evidence: Evidence = Field(description="The sentence that states it.")


class SummarySentence(_Frozen):
    text: str = Field(description="The sentence, verbatim from the article.")
    start: int = Field(description="Start offset in `text`.")
    end: int = Field(description="End offset in `text` (exclusive).")


class RelatedLink(_Frozen):
    title: str = Field(description="Title of the linked article.")
    url: str | None = Field(default=None, description="Its URL, when the page gave one.")
    rel: str | None = Field(default=None, description="previous, next, related.")


class Briefing(_Frozen):
    """Everything Wirebrief knows about one article."""

    id: str = Field(description="Content hash of the cleaned text (stable across re-ingests).")
    external_id: str | None = Field(
        default=None, description="The caller's own id: a JSONL record's `id` or a file path."
    )
    url: str | None = Field(default=None, description="Canonical URL of the article.")
    title: str | None = Field(default=None, description="Headline.")
    published: date | None = Field(default=None, description="Publication date.")
    author: str | None = Field(default=None, description="Author(s), as given by the page.")
    source: str | None = Field(default=None, description="Site or outlet name.")
    language: str | None = Field(default=None, description="ISO 639-1 language code.")
    text: str = Field(description="Clean article text, page chrome removed.")
    summary: list[SummarySentence] = Field(
        default_factory=list, description="The summary: verbatim sentences, in article order."
    )
    entities: list[Entity] = Field(default_factory=list, description="Entity mentions.")
    events: list[Event] = Field(default_factory=list, description="PLOVER-coded events.")
    transfers: list[ArmsTransfer] = Field(
        default_factory=list, description="SIPRI-style arms transfer records."
    )
    related: list[RelatedLink] = Field(
        default_factory=list, description="Related-article links found on the page."
    )
    warnings: list[str] = Field(
        default_factory=list, description="Non-fatal problems met while briefing."
    )
    components: dict[str, str] = Field(
        default_factory=dict, description="Which component version produced each part."
    )
