"""A small synthetic news corpus for ingest tests: distinct stories, re-published copies with
small edits, exact copies, a later version at the same address, and records that must fail."""

from __future__ import annotations

import random
from datetime import date

from wirebrief.errors import InputError
from wirebrief.ingest.reader import BadRecord, RawDocument

_ACTORS = ["Poland", "Finland", "Estonia", "Japan", "Australia", "Brazil", "Kenya", "Norway",
           "Chile", "Vietnam", "Morocco", "Canada"]
_KIT = ["corvettes", "howitzers", "radars", "patrol boats", "trainer jets", "drones",
        "armoured vehicles", "helicopters", "frigates", "air-defence batteries", "tankers",
        "rocket launchers"]
_WORDS = ("ministry officials confirmed contract delivery schedule training crews border brigade "
          "parliament budget committee approved procurement industry partners maintenance depot "
          "naval base airfield exercise readiness inspection spokesman statement analysts expect "
          "exports factory assembly line upgrade programme integration sensors ammunition stocks "
          "logistics convoy coastal defence squadron regiment commander visit talks agreement "
          "framework funding tranche milestone acceptance trials sea range northern region").split()


def _sentence(rng: random.Random, actor: str, kit: str) -> str:
    words = rng.sample(_WORDS, 12)
    return f"{actor} {' '.join(words[:6])} {kit} {' '.join(words[6:])}."


def story_text(n: int, sentences: int = 9) -> str:
    rng = random.Random(n)
    actor, kit = _ACTORS[n % len(_ACTORS)], _KIT[(n * 5) % len(_KIT)]
    lead = (f"{actor} will buy {12 + n} new {kit} under a contract signed on Monday, the defence "
            f"ministry in the capital said.")
    return " ".join([lead] + [_sentence(rng, actor, kit) for _ in range(sentences)])


def page(title: str, text: str, url: str) -> str:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())
    return (f"<html><head><title>{title}</title><link rel='canonical' href='{url}'></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
            f"<h1>{title}</h1>{paras}</article><footer>Copyright Example News</footer>"
            "</body></html>")


def documents(n_stories: int = 10) -> list[RawDocument | BadRecord]:
    """Stories, each followed (for some) by a copy, an exact repeat or an update; and failures."""
    docs: list[RawDocument | BadRecord] = []
    for n in range(n_stories):
        text = story_text(n)
        title = f"{_ACTORS[n % len(_ACTORS)]} orders {_KIT[(n * 5) % len(_KIT)]} in story {n}"
        url = f"https://news.example/story-{n}"
        day = date(2024, 5, 1 + n)
        docs.append(RawDocument(external_id=f"site-a/{n}", html=page(title, text, url), url=url,
                                published=day))
        if n % 3 == 0:  # a wire copy on another site, one word changed
            copy = text.replace("Monday", "Tuesday", 1)
            docs.append(RawDocument(external_id=f"site-b/{n}", html=page(title, copy,
                        f"https://other.example/{n}"), published=day))
        if n % 3 == 1:  # the same page again
            docs.append(RawDocument(external_id=f"site-a/{n}", html=page(title, text, url),
                                    url=url, published=day))
        if n % 4 == 2:  # a later version at the same address: half the text rewritten
            updated = " ".join(text.split(". ")[:5]) + ". " + story_text(n + 100, 4)
            docs.append(RawDocument(external_id=f"site-a/{n}?v2", html=page(title, updated, url),
                                    url=url, published=day))
        if n == 4:
            docs.append(RawDocument(external_id="chrome-only", html="<html><body><nav>Home"
                                    "</nav></body></html>"))
            docs.append(BadRecord("unreadable", InputError("unreadable: bad bytes",
                                                           reason="binary")))
    return docs
