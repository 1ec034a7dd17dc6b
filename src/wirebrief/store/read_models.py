"""What the query layer returns: frozen read models, the same for the CLI, the web pages and the
REST API (which serialises them as they are).

A model's JSON is its API form: a search snippet marks hits with [ ] (in Python it carries
`HIT_OPEN`/`HIT_CLOSE`, which cannot occur in cleaned text, so a page can mark hits safely), an
event names its outlet `outlet` and gives its URL only when it is absolute http(s).
"""

from __future__ import annotations

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_serializer

from wirebrief.export import safe_url
from wirebrief.models import Event

# Snippet markers that cannot occur in cleaned text, so the page can mark hits safely.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


class ReadModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class ArticleItem(ReadModel):
    id: str
    external_id: str | None = None
    title: str | None
    published: str | None
    source: str | None = Field(description="The outlet's name.")
    url: str | None
    summary: str | None
    n_events: int
    snippet: str | None = Field(default=None, description="Search hits marked with [ ].")
    score: float | None = Field(default=None, description="Search rank: lower ranks first.")

    def marked_snippet(self, open_: str = "[", close: str = "]") -> str | None:
        """The snippet with its hits between `open_` and `close`."""
        if not self.snippet:
            return self.snippet
        return self.snippet.replace(HIT_OPEN, open_).replace(HIT_CLOSE, close)

    @field_serializer("snippet")
    def _snippet_json(self, value: str | None) -> str | None:
        return self.marked_snippet() if value else value


class ArticlePage(ReadModel):
    items: list[ArticleItem]
    offset: int
    limit: int
    has_more: bool


class FacetValue(ReadModel):
    value: str
    label: str
    count: int


class Facets(ReadModel):
    countries: list[FacetValue] = Field(default_factory=list)
    weapons: list[FacetValue] = Field(default_factory=list)
    event_types: list[FacetValue] = Field(default_factory=list)
    sources: list[FacetValue] = Field(default_factory=list)


class SearchPage(ArticlePage):
    query: str
    facets: Facets


class EntityRef(ReadModel):
    id: str
    kind: str
    key: str
    name: str
    country: str | None = None


class EntitySummary(ReadModel):
    id: str = Field(description="KIND:NAME, e.g. country:BLR or weapon_system:Iskander-M.")
    kind: str
    name: str
    country: str | None
    subtype: str | None
    n_articles: int
    n_mentions: int

    @property
    def key(self) -> str:
        """The name in the id: ISO3 for a country, the canonical name otherwise."""
        return self.id.partition(":")[2]

    @property
    def ref(self) -> EntityRef:
        return EntityRef(id=self.id, kind=self.kind, key=self.key, name=self.name,
                         country=self.country)


class EventItem(ReadModel):
    article_id: str
    idx: int
    title: str | None
    published: str | None
    source: str | None = Field(default=None, serialization_alias="outlet",
                               validation_alias=AliasChoices("source", "outlet"),
                               description="The outlet's name.")
    url: str | None = None
    event: Event
    external_id: str | None = Field(default=None, exclude=True)

    @field_serializer("url")
    def _url_json(self, value: str | None) -> str | None:
        return safe_url(value)

    @property
    def when(self) -> str | None:
        """The event's date when it has a year, else the article's publication date."""
        value = self.event.date.value if self.event.date else None
        if value and value[:4].isdigit():
            return value
        return self.published


class TimelineBucket(ReadModel):
    period: str  # YYYY-MM
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class EntityPage(ReadModel):
    entity: EntitySummary
    roles: list[str]
    by_type: dict[str, int] = Field(description="All its events, counted by type.")
    events: list[EventItem] = Field(description="Its 100 most recent events.")
    timeline: list[TimelineBucket] = Field(description="All its events, by month.")
    co_occurring: list[EntitySummary]
    articles: list[ArticleItem]


class PairPage(ReadModel):
    a: EntitySummary
    b: EntitySummary
    by_type: dict[str, int]
    timeline: list[TimelineBucket]
    events: list[EventItem]


class StoredEntity(ReadModel):
    """An entity as stored: its type (an EntityType value), canonical name and country."""

    type: str
    canonical: str
    country: str | None = None


class StoryArticle(ReadModel):
    id: str
    external_id: str | None
    title: str | None
    source: str | None = Field(description="The outlet's name.")
    published: str | None
    url: str | None
    duplicate_of: str | None = Field(description="The article this one repeats, if any.")


class Story(ReadModel):
    """A story thread: its headline, dates, outlets, top entities and articles in order."""

    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    sources: list[str]
    entities: list[str] = Field(default_factory=list,
                                description="Top entity keys (TYPE:name), heaviest first.")
    articles: list[StoryArticle] = Field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return self.model_dump(mode="json")
