"""Hand-built briefings for the web tests and the load benchmark (no pipeline needed)."""

from __future__ import annotations

from datetime import date

from wirebrief.models import (
    Actor,
    Attribution,
    Briefing,
    Entity,
    EntityType,
    Event,
    EventDate,
    Evidence,
    Explanation,
    Granularity,
    RelatedLink,
    SummarySentence,
)
from wirebrief.pipeline import content_id
from wirebrief.summarize.sentences import split_sentences

COUNTRY = {"Russia": "RUS", "Belarus": "BLR", "Poland": "POL", "South Korea": "KOR",
           "Ukraine": "UKR", "Germany": "DEU", "United States": "USA"}
XSS = '<script>alert("xss")</script>'


def _entities(text: str, names: list[tuple[str, EntityType, dict[str, str]]]) -> list[Entity]:
    out: list[Entity] = []
    for name, type_, extra in names:
        start = text.find(name)
        while start >= 0:
            out.append(Entity(text=name, type=type_, canonical=extra.get("canonical", name),
                              start=start, end=start + len(name), country=extra.get("country"),
                              role=extra.get("role"), subtype=extra.get("subtype"),
                              source="gazetteer"))
            start = text.find(name, start + len(name))
    return out


def _sentence(text: str, needle: str) -> Evidence:
    at = text.index(needle)
    for s, e in split_sentences(text):
        if s <= at < e:
            return Evidence(sentence=text[s:e], start=s, end=e)
    raise AssertionError(needle)


def _event(text: str, needle: str, type_: str, actor: str, recipient: str, *,
           weapons: tuple[str, ...] = (), when: str | None = None, aux: str | None = None,
           said: tuple[str, str] | None = None) -> Event:
    return Event(
        type=type_, actor=Actor(text=actor, country=COUNTRY.get(actor), kind="state"),
        recipient=Actor(text=recipient, country=COUNTRY.get(recipient), kind="state"),
        weapon_systems=list(weapons),
        date=EventDate(value=when, granularity=Granularity.DAY, date_type="exact") if when
        else None,
        aux=aux,  # type: ignore[arg-type]
        attribution=Attribution(text=said[0], role=said[1]) if said else None,
        evidence=_sentence(text, needle), confidence=0.85,
        explanation=Explanation(trigger=needle.split()[0], rule="test rule"))


def _briefing(text: str, *, title: str, published: date, source: str, url: str | None,
              names: list[tuple[str, EntityType, dict[str, str]]], events: list[Event],
              related: list[RelatedLink] | None = None, summary_n: int = 2) -> Briefing:
    spans = split_sentences(text)[:summary_n]
    return Briefing(
        id=content_id(text), external_id=f"fixture/{content_id(text)[:6]}", url=url,
        title=title, published=published, source=source, text=text,
        summary=[SummarySentence(text=text[s:e], start=s, end=e) for s, e in spans],
        entities=_entities(text, names), events=events, related=related or [])


def sample_briefings() -> list[Briefing]:
    """Four articles: three ordinary ones and one carrying hostile markup everywhere."""
    c = EntityType.COUNTRY
    w = EntityType.WEAPON_SYSTEM
    p = EntityType.PERSON
    t1 = ("Russia has handed over a new batch of Su-30SM2 fighters to Belarus, the Belarusian "
          "defence ministry said on Tuesday. Defence Minister Viktor Khrenin said the aircraft "
          "would be based near Baranovichi.\n\nThe jets join the Iskander-M systems that Russia "
          "delivered last year. Belarus will also receive more Iskander-M launchers in 2025, "
          "Khrenin added.\n\nPoland said it was watching the deployments closely.")
    b1 = _briefing(
        t1, title="Russia hands over Su-30SM2 fighters to Belarus", published=date(2024, 2, 20),
        source="Eastern Flank Monitor", url="https://example.test/su30sm2",
        names=[("Russia", c, {"country": "RUS"}), ("Belarus", c, {"country": "BLR"}),
               ("Poland", c, {"country": "POL"}), ("Su-30SM2", w, {"country": "RUS"}),
               ("Iskander-M", w, {"country": "RUS"}),
               ("Viktor Khrenin", p, {"country": "BLR", "role": "defence minister"}),
               ("Baranovichi", EntityType.PLACE, {"subtype": "city"})],
        events=[
            _event(t1, "Russia has handed over", "AID", "Russia", "Belarus",
                   weapons=("Su-30SM2",), when="2024-02-20", said=("Viktor Khrenin", "minister")),
            _event(t1, "The jets join", "AID", "Russia", "Belarus", weapons=("Iskander-M",),
                   when="2023"),
            _event(t1, "Belarus will also receive", "AID", "Russia", "Belarus",
                   weapons=("Iskander-M",), when="2025", aux="future",
                   said=("Viktor Khrenin", "defence minister")),
        ],
        related=[RelatedLink(title="Previous: Iskander crews train", url="https://example.test/prev",
                             rel="previous"),
                 RelatedLink(title="Next: Zapad drills", url="https://example.test/next",
                             rel="next")])
    t2 = ("Poland received the first K2 tanks from South Korea at the port of Gdynia on Tuesday. "
          "The Polish defence minister said the tanks would go to units in the east.\n\n"
          "South Korea denied that the delivery had been delayed. Poland plans to buy more "
          "K2 tanks next year.")
    b2 = _briefing(
        t2, title="Poland receives K2 tanks from South Korea", published=date(2024, 3, 5),
        source="Defence Wire Daily", url="https://example.test/k2",
        names=[("Poland", c, {"country": "POL"}), ("South Korea", c, {"country": "KOR"}),
               ("K2", w, {"country": "KOR", "canonical": "K2 Black Panther"}),
               ("Gdynia", EntityType.PLACE, {"subtype": "city"})],
        events=[
            _event(t2, "Poland received the first", "AID", "South Korea", "Poland",
                   weapons=("K2 Black Panther",), when="2024-03-05"),
            _event(t2, "South Korea denied", "AID", "South Korea", "Poland", aux="negation"),
        ])
    t3 = ("Belarusian crews began training on the Iskander-M system in Russia this week, "
          "officials in Minsk said. Russia and Belarus held talks on further cooperation.\n\n"
          "The course will last several months.")
    b3 = _briefing(
        t3, title="Belarusian crews begin Iskander training", published=date(2024, 1, 12),
        source="Defence Wire Daily", url=None,
        names=[("Russia", c, {"country": "RUS"}), ("Belarus", c, {"country": "BLR"}),
               ("Iskander-M", w, {"country": "RUS"}), ("Minsk", EntityType.PLACE, {})],
        events=[_event(t3, "Russia and Belarus held", "CONSULT", "Russia", "Belarus",
                       when="2024-01")])
    t4 = ("Germany pledged a third Patriot system to Ukraine. <img src=x onerror=alert(1)> "
          f"The statement {XSS} was published in Berlin. <a href=\"javascript:alert(2)\">click</a>"
          "\n\nUkraine welcomed the decision.")
    b4 = _briefing(
        t4, title=f"Germany pledges Patriot {XSS} <b>bold</b>", published=date(2024, 4, 18),
        source='<img src=x onerror="alert(3)">', url="javascript:alert(4)",
        names=[("Germany", c, {"country": "DEU"}), ("Ukraine", c, {"country": "UKR"}),
               ("Patriot", w, {"country": "USA", "role": XSS}),
               ("Berlin", EntityType.PLACE, {"canonical": f"Berlin{XSS}"})],
        events=[_event(t4, "Germany pledged", "AID", "Germany", "Ukraine",
                       weapons=("Patriot",), aux="future", said=(XSS, "<i>spokesman</i>"))],
        related=[RelatedLink(title=f"evil {XSS}", url="javascript:alert(5)", rel="related"),
                 RelatedLink(title="data link", url="data:text/html,<script>x</script>"),
                 RelatedLink(title="good link", url="https://example.test/good", rel="related")])
    return [b1, b2, b3, b4]
