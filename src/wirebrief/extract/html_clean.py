"""Drop the page chrome that survives main-content extraction, paragraph by paragraph.

Rules are about the shape of a paragraph (a bare URL, a date line, a label, the headline, a
link's title, a call to subscribe), never about one site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from wirebrief.extract.html_related import NAV_LABEL_RE, RELATED_LABEL_RE, normalise_title

try:  # shared chrome-line rules, owned by the plain-text cleaner
    from wirebrief.extract.chrome import is_chrome_line
except ImportError:  # pragma: no cover - the sibling module may not exist yet

    def is_chrome_line(line: str) -> bool:
        return False


_WS_RE = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_WORD_RE = re.compile(r"\w+")
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
    r"enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre"
)
_DATE_RE = re.compile(
    rf"\b(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
    rf"\s+\d{{4}}|\d{{1,2}}(?:\s+de)?\s+(?:{_MONTHS})\.?,?(?:\s+de)?\s+\d{{4}})\b",
    re.IGNORECASE,
)
# Labels that head a list of tags or categories; the list that follows goes too.
_TAG_LABEL_RE = re.compile(
    r"^(?:tags?|tagged(?:\s+with)?|topics?|categor(?:y|ies)|categorias?|etiquetas?|"
    r"schlagw(?:ö|oe)rter|keywords|filed\s+under|mots[- ]cl[ée]s)\s*:?$",
    re.IGNORECASE,
)
# Calls to act that the shared chrome rules do not cover: sign-ups, "share this story",
# reader prompts, reprint notices, error toasts.
_CALL_RE = re.compile(
    r"(?:\b(?:subscribe|sign\s+up|sign-up|signing\s+up|newsletters?|inbox|unsubscribe)\b|"
    r"^(?:like|enjoy(?:ed)?|love)\s+this\s+(?:story|article|post)\b|"
    r"^(?:tell|let)\s+us\s+what\s+you\s+think\b|"
    r"\bshare\s+(?:it|this)\s+with\s+(?:a\s+)?friends?\b|"
    r"^(?:order\s+reprints|print\s+article)\b|^(?:thank\s+you|thanks|sorry)[.!]*$|"
    r"\ban\s+error\s+(?:has\s+)?occurred\b|"
    r"^(?:see|read|watch)\s+(?:more|also)\s*:|"
    r"^by$|^(?:additional\s+)?(?:reporting|writing|editing)\s+by\b|^write\s+to\s+\w)",
    re.IGNORECASE,
)
# The domain part of an e-mail address after its "@": a dot, then two word characters.
_MAIL_DOMAIN_RE = re.compile(r"\S\.\w{2}")
# "- narrow-browser-and-phone": a list item that is one hyphenated identifier, not prose.
# Possessive, with the letter checked by a lookahead: `[a-z0-9]*[a-z][a-z0-9]*` can split one
# long word in quadratically many ways before the match fails.
_IDENT_PART = r"(?=[a-z0-9]*[a-z])[a-z0-9]++"
_IDENT_ITEM_RE = re.compile(rf"^(?:[-•*]\s*)?{_IDENT_PART}(?:[-_]{_IDENT_PART})+$")
_LIST_ITEM_RE = re.compile(r"^[-•*]\s+")
_CALL_MAX_WORDS = 20
_SHORT_MAX_WORDS = 12
_LEAD_WINDOW = 4  # the headline is repeated, if at all, near the top


def _is_date_line(para: str) -> bool:
    """A short line that is mostly a date: a dateline, "Published 12 May 2023 10:14"."""
    words = _WORD_RE.findall(para)
    if len(words) > _SHORT_MAX_WORDS or not _DATE_RE.search(para):
        return False
    rest = _DATE_RE.sub(" ", para)
    letters = [w for w in _WORD_RE.findall(rest) if not w.isdigit()]
    if len(letters) <= 2:
        return True
    return len(letters) <= 6 and not para.rstrip().endswith((".", "!", "?"))


def _is_call(para: str) -> bool:
    if _LIST_ITEM_RE.match(para):  # list items are the article's own lists more often than not
        return False
    if len(_WORD_RE.findall(para)) > _CALL_MAX_WORDS:
        return False
    return bool(_CALL_RE.search(para)) or _has_late_address(para)


def _has_late_address(para: str) -> bool:
    """An e-mail address after the fifth word: "Send your tips to our desk at news@x.com".

    Written without one regex over the whole paragraph: `(?:\\S+\\s+){5,}.*\\S+@\\S+` backtracks
    quadratically over one very long word. Here each word is scanned once.
    """
    for word in para.split()[5:]:
        at = word.find("@", 1)
        if at > 0 and _MAIL_DOMAIN_RE.search(word, at + 1):
            return True
    return False


def clean_paragraphs(
    lines: Iterable[str],
    *,
    related_titles: set[str] | None = None,
    link_texts: set[str] | None = None,
    titles: Sequence[str] = (),
    page_urls: Iterable[str] = (),
    on_drop: Callable[[str, str], None] | None = None,
) -> list[str]:
    """The article's paragraphs without the chrome around them.

    `on_drop(paragraph, rule)` is told about every dropped paragraph (for diagnostics).
    """
    related_titles = related_titles or set()
    link_texts = link_texts or set()
    title_keys = {normalise_title(t) for t in titles if t}
    title_keys.discard("")
    own_urls = {u.rstrip("/") for u in page_urls if u}
    out: list[str] = []
    after_tag_label = False
    for raw in lines:
        para = _WS_RE.sub(" ", raw).strip()
        if not para:
            continue
        key = normalise_title(para)
        rule: str | None = None
        if after_tag_label and len(_WORD_RE.findall(para)) <= 40 and not para.endswith("."):
            rule = "tag_list"
        after_tag_label = False
        if rule is None and _TAG_LABEL_RE.match(para):
            rule, after_tag_label = "tag_label", True
        rule = rule or _drop_rule(para, key, len(out), related_titles, link_texts, title_keys)
        # A bare URL is chrome when it is the page's own address; other URLs may be content.
        if rule is None and _URL_RE.match(para) and para.rstrip("/") in own_urls:
            rule = "own_url"
        if rule is None:
            out.append(para)
        elif on_drop is not None:
            on_drop(para, rule)
    return _trim_tail(out, on_drop)


def _drop_rule(
    para: str,
    key: str,
    position: int,
    related_titles: set[str],
    link_texts: set[str],
    title_keys: set[str],
) -> str | None:
    """Name of the rule that makes `para` chrome, or None for article text."""
    if key in related_titles:
        return "related_title"
    if key in title_keys and position < _LEAD_WINDOW:
        return "headline"
    if NAV_LABEL_RE.match(para) or RELATED_LABEL_RE.match(para):
        return "label"
    if _IDENT_ITEM_RE.match(para):
        return "identifier"
    if is_chrome_line(para):
        return "chrome"
    if _is_call(para):
        return "call"
    # A paragraph that is exactly some link's title is a teaser for another page.
    if key in link_texts and not para.endswith((".", "?", "!", ":", "”", '"')):
        return "link_title"
    # Date lines are chrome at the top of the article; further down they may be data.
    if position < _LEAD_WINDOW and _is_date_line(para):
        return "date_line"
    return None


def _trim_tail(paras: list[str], on_drop: Callable[[str, str], None] | None) -> list[str]:
    """Drop bare navigation labels left at the very end."""
    while paras and NAV_LABEL_RE.match(paras[-1]):
        dropped = paras.pop()
        if on_drop is not None:
            on_drop(dropped, "tail")
    return paras
