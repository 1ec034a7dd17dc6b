"""Find "Related", "Read more" and previous/next article links, and take them out of the page.

A block counts as a related-links block by its class/id (related, recommended, prev/next,
post-navigation ...) or by a short label heading it ("Related articles", "Previous Article"),
and only when most of its text sits in links: prose that mentions "next" is never removed.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from wirebrief.models import RelatedLink

try:  # shared chrome rules; the extractor still works without them
    from wirebrief.extract.chrome import NAV_LABEL_RE as NAV_LABEL_RE
    from wirebrief.extract.chrome import RELATED_LABEL_RE as RELATED_LABEL_RE
except ImportError:  # pragma: no cover - depends on the sibling module being present
    NAV_LABEL_RE = re.compile(
        r"^\s*(?:previous|next|prev|older|newer)\s+(?:article|post|story)?\s*:?\s*$", re.I
    )
    RELATED_LABEL_RE = re.compile(
        r"^\s*(?:related(?:\s+\w+)?|read\s+more|see\s+also)\s*:?\s*$", re.I
    )

_BLOCK_TAGS = {"div", "section", "aside", "ul", "ol", "nav", "footer", "p", "li", "span", "dl"}
_REL_HINT_RE = re.compile(
    r"(?:^|[\s_-])(?P<kind>related|relatedposts|recommend\w*|read-?more|readmore|also-?read|"
    r"more-?(?:stories|news|articles|posts|from)|further-?reading|yarpp|outbrain|taboola|"
    r"prev|previous|next|post-?nav\w*|nav-?(?:links|previous|next)|article-?nav\w*|"
    r"pager|pagination|adjacent)(?:$|[\s_-])",
    re.IGNORECASE,
)
_WS_RE = re.compile(r"\s+")
_NAV_PREFIX_RE = re.compile(
    r"^\s*(?:[«‹<←]+\s*)?(?:previous|next|prev|older|newer)\s+(?:article|post|story|item|news|"
    r"entry)?\s*(?:[»›>→]+)?\s*:?\s*",
    re.IGNORECASE,
)
_MIN_TITLE_WORDS = 3
_MIN_LINK_SHARE = 0.6  # a block whose text is mostly links is navigation, not prose
_MAX_BLOCK_CHARS = 5000
_MAX_LABEL_CHARS = 40
_MAX_LINKS = 40  # pages with endless link grids: keep the first ones, bound the work


def normalise_title(text: str) -> str:
    """Key used to match a link title against a body paragraph."""
    return re.sub(r"[^\w ]+", "", _WS_RE.sub(" ", text).strip().lower()).strip()


def _text(el: HtmlElement) -> str:
    return _WS_RE.sub(" ", el.text_content()).strip()


def _hint(el: HtmlElement) -> str | None:
    attrs = f"{el.get('class', '')} {el.get('id', '')}"
    match = _REL_HINT_RE.search(attrs)
    if not match:
        return None
    kind = match.group("kind").lower()
    if kind.startswith("prev"):
        return "previous"
    if kind == "next" or kind.endswith("next"):
        return "next"
    return "related"


def _link_share(el: HtmlElement, total: int) -> float:
    if total == 0:
        return 0.0
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return linked / total


def _rel_of(anchor: HtmlElement, default: str) -> str:
    rel = (anchor.get("rel") or "").lower()
    if "prev" in rel:
        return "previous"
    if "next" in rel:
        return "next"
    own = _hint(anchor)
    if own in {"previous", "next"}:
        return own
    label = _text(anchor).lower()
    if NAV_LABEL_RE.match(label.split("  ")[0]) or _NAV_PREFIX_RE.match(label):
        return "previous" if re.match(r"\W*(?:prev|older)", label) else "next"
    return default


def _anchor_title(anchor: HtmlElement) -> str:
    title = _NAV_PREFIX_RE.sub("", _text(anchor)).strip()
    return title


def _links_in(block: HtmlElement, rel: str, base: str | None) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    for anchor in block.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        title = _anchor_title(anchor)
        if len(title.split()) < _MIN_TITLE_WORDS:
            continue
        url = urljoin(base, href) if base else href
        links.append(RelatedLink(title=title, url=url, rel=_rel_of(anchor, rel)))
    return links


def _short_texts(scope: HtmlElement, limit: int) -> dict[HtmlElement, str]:
    """The text (as `itertext` joins it) of every element under `scope` whose text, stripped
    piece by piece, is at most `limit` characters.

    One bottom-up pass: reading each element's subtree on its own is quadratic on a page of
    thousands of nested tags. Comments add only their tails, as in `itertext`.
    """
    nodes = list(scope.iter())  # also keeps the proxies alive, so they can be dict keys
    sizes: dict[HtmlElement, int] = {}
    texts: dict[HtmlElement, str] = {}
    for el in reversed(nodes):  # children before their parents
        if not isinstance(el.tag, str):
            continue
        size = len((el.text or "").strip())
        for child in el:
            if isinstance(child.tag, str):
                size += sizes[child]
            size += len((child.tail or "").strip())
        sizes[el] = size
        if size <= limit:
            texts[el] = (el.text or "") + "".join(
                (texts[child] if isinstance(child.tag, str) else "") + (child.tail or "")
                for child in el
            )
    return texts


def _labelled_block(
    el: HtmlElement, short: dict[HtmlElement, str]
) -> tuple[HtmlElement, str] | None:
    """A short label ("Related articles", "Next Article") and the block it introduces."""
    raw = short.get(el)
    text = _WS_RE.sub(" ", raw).strip() if raw is not None else ""
    if not text:
        return None
    if RELATED_LABEL_RE.match(text):
        rel = "related"
    elif NAV_LABEL_RE.match(text):
        rel = "previous" if re.match(r"\W*(?:prev|older)", text.lower()) else "next"
    else:
        return None
    # The label's parent holds the links (label + list) unless the label is a link itself.
    parent = el.getparent()
    while parent is not None and parent.tag not in _BLOCK_TAGS - {"span", "p"}:
        parent = parent.getparent()
    if parent is None or parent.tag in {"body", "html"}:
        return None
    return parent, rel


def harvest_related(
    root: HtmlElement, base_url: str | None, *, remove: bool = True
) -> tuple[list[RelatedLink], set[str], set[str]]:
    """Collect related/prev/next links; drop their blocks from `root` when `remove`.

    Returns the links (deduplicated, page order), their normalised titles, and the normalised
    text of every title-like link on the page, so that copies of them that survive in the
    extracted text can be dropped too.
    """
    candidates: list[tuple[HtmlElement, str]] = []
    link_texts: set[str] = set()
    body = root.find(".//body")
    scope = body if body is not None else root
    short = _short_texts(scope, _MAX_LABEL_CHARS)
    for el in scope.iter(etree.Element):
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a":
            text = _text(el)
            if len(text.split()) >= _MIN_TITLE_WORDS:
                link_texts.add(normalise_title(text))
        if el.tag in _BLOCK_TAGS or el.tag == "a":
            hint = _hint(el)
            if hint is not None:
                candidates.append((el, hint))
                continue
        if el.tag in {"h2", "h3", "h4", "h5", "h6", "strong", "span", "p", "div", "header"}:
            found = _labelled_block(el, short)
            if found is not None:
                candidates.append(found)
        rel_attr = (el.get("rel") or "").lower() if el.tag == "a" else ""
        if "prev" in rel_attr or "next" in rel_attr:
            candidates.append((el, _rel_of(el, "related")))

    links: list[RelatedLink] = []
    seen_urls: set[str] = set()
    to_remove: list[HtmlElement] = []
    accepted: set[HtmlElement] = set()
    for block, rel in candidates:
        # A block met twice (by class and by label) or inside an accepted block is done.
        if block in accepted or any(up in accepted for up in block.iterancestors()):
            continue
        total = len(_text(block))
        if total == 0 or total > _MAX_BLOCK_CHARS:
            continue
        if block.tag != "a" and _link_share(block, total) < _MIN_LINK_SHARE:
            continue
        if len(links) >= _MAX_LINKS:  # enough links kept; still take the block out of the body
            accepted.add(block)
            to_remove.append(block)
            continue
        block_links = _links_in(block, rel, base_url)  # iter() includes the block itself
        if not block_links:
            continue
        accepted.add(block)
        for link in block_links:
            key = link.url or link.title
            if key not in seen_urls:
                seen_urls.add(key)
                links.append(link)
        to_remove.append(block)
    titles = {normalise_title(link.title) for link in links}
    if remove:
        for block in to_remove:
            drop_keep_tail(block)
    return links, titles, link_texts


def drop_keep_tail(el: HtmlElement) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
