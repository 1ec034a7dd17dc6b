"""General rules that recognise page chrome: the lines a page adds around an article.

These are rules about the *shape* of a line (short, imperative, a call to action, a navigation
label, a social network), not a list of one site's strings, so that they hold on pages we have
never seen. Used for plain-text copies of pages and for residual paragraphs left by HTML
extraction.
"""

from __future__ import annotations

import re

# Navigation labels that introduce a neighbouring article's title on the next line.
NAV_LABEL_RE = re.compile(
    r"^\s*(?:[«‹<←]+\s*)?(?:previous|next|prev|older|newer)\s+(?:article|post|story|item|news|"
    r"entry|page)?\s*(?:[»›>→]+)?\s*:?\s*$",
    re.IGNORECASE,
)
# Labels that introduce a list of related article titles.
RELATED_LABEL_RE = re.compile(
    r"^\s*(?:related(?:\s+(?:articles?|stories|news|posts|coverage|content|reading|links))?|"
    r"read\s+(?:more|also|next)|see\s+also|more\s+(?:on\s+this\s+(?:story|topic)|stories|news|"
    r"coverage|articles|to\s+read|from\s+\S+(?:\s+\S+)?)|recommended(?:\s+(?:for\s+you|reading|"
    r"stories))?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)|"
    r"further\s+reading|trending(?:\s+(?:now|stories))?|most\s+(?:read|viewed|popular|shared)|"
    r"popular(?:\s+now)?|latest(?:\s+(?:news|stories))?|also\s+read|don'?t\s+miss|"
    r"keep\s+reading|up\s+next|watch\s+next|editor'?s\s+picks?|top\s+stories|in\s+case\s+you\s+"
    r"missed\s+it|what\s+to\s+read\s+next)\s*:?\s*$",
    re.IGNORECASE,
)
# "Read more: <title>" on one line: the title is a related link.
INLINE_RELATED_RE = re.compile(
    r"^\s*(?:read\s+(?:more|also|next)|see\s+also|related|also\s+read|more|up\s+next|"
    r"watch\s+next|next\s+(?:up|article|story))\s*:\s+(?P<title>.{8,200})$",
    re.IGNORECASE,
)

_SOCIAL = (
    r"facebook|twitter|x\.com|telegram|whatsapp|linkedin|instagram|youtube|tiktok|reddit|email|"
    r"e-mail|vk|viber|threads|bluesky|mastodon|rss|google news|pinterest|flipboard"
)
_CHROME_PATTERNS = [
    # Calls to read a summary, listen, print: "No time to read? Get a summary".
    r"no time to read\??",
    r"(?:get|show|see|read|view)\s+(?:a|the)\s+(?:summary|tl;?dr|digest|recap)",
    r"(?:listen|play)\s+(?:to\s+)?(?:this\s+)?(?:article|story|audio)(?:\s*\(?\d.*)?",
    r"\d+\s*(?:min(?:ute)?s?|sec(?:ond)?s?)\s+(?:read|listen)",
    r"(?:print|save|bookmark|copy link|copy url|font size|text size|a\+|a-)(?:\s+(?:this\s+)?"
    r"(?:article|story|page))?",
    # Sharing and following.
    rf"(?:share|tweet|post|send|email)(?:\s+(?:this|the|on|via|to|article|story|page|it))*"
    rf"(?:\s*[|/,·•]?\s*(?:on|via|to)?\s*(?:{_SOCIAL}))*\s*:?",
    rf"(?:follow|join|like|subscribe to|find)\s+us(?:\s+on)?(?:\s+(?:{_SOCIAL}|and|,|or))*.*",
    rf"(?:{_SOCIAL})(?:\s*[|/,·•]\s*(?:{_SOCIAL}))+",
    rf"(?:{_SOCIAL})",
    # Newsletters, sign-ups, paywalls, cookies.
    r"(?:sign up|subscribe|register|log ?in|sign in)\b.{0,80}",
    r".{0,60}\b(?:newsletter|subscription|subscribers? only|paywall)\b.{0,60}",
    r".{0,40}\b(?:cookies?|privacy policy|terms of (?:use|service))\b.{0,80}",
    r"(?:advertisement|advertising|sponsored(?: content)?|promoted|ad|ads by .*)"
    r"(?:\s*[-–—:|]\s*.{0,60})?",
    r"(?:watch|video|listen|gallery|photos|in pictures|podcast|live|live updates)\s*:.{0,140}",
    r"(?:text|font)\s+size\b.{0,20}",
    r"\d+\s*(?:min(?:ute)?s?|sec(?:ond)?s?)",
    r"(?:reporting|writing|editing|additional reporting|compiled|edited|translated)\s+by\s.{0,150}",
    r"\(?\s*(?:with inputs from|with agency inputs|agencies contributed|with reporting from)"
    r".{0,80}\)?",
    r"(?:this\s+(?:page|article|story)\s+was\s+)?(?:last\s+)?(?:updated|modified)\s.{0,60}",
    r"(?:disclaimer|editor'?s note|correction)\s*:.{0,200}",
    r"(?:back to|return to|go to)\s+.{0,40}",
    r"(?:join|follow)\s+(?:our|the)\s+.{0,60}",
    r"(?:download|get)\s+(?:our|the)\s+(?:free\s+)?app\b.{0,80}",
    r"(?:posted|filed)\s+(?:in|under)\s*:.{0,150}",
    r"(?:skip to (?:main )?content|back to top|scroll to top|top of page|home|menu|search|close)",
    # Tags, categories, comments, credits, copyright.
    r"(?:tags?|topics?|categories|category|filed under|keywords)\s*:.*",
    r"(?:comments?|\d+\s+comments?|comments?\s*\(\d+\)|leave a (?:comment|reply)|show comments|"
    r"add comment|sign in to comment|log in to comment)",
    r"(?:photo|image|picture|video|illustration|graphic|source|credit|photograph)s?\s*(?:credit)?"
    r"\s*:.{0,220}",
    r"(?:©|ⓒ|\(c\)|copyright)\s*.{0,160}",
    r"all rights reserved\.?.*",
    r"(?:updated|published|posted|last updated)\s*:?\s*.{0,40}\d.{0,30}",
    r"(?:loading|please wait)\.*",
    r"(?:click|tap) here.{0,80}",
    # "Read more", "Advertising Read more", "Read more Ukraine stories": a link label, not prose.
    r"(?:advertis(?:ement|ing)\s+)?read\s+more(?:\s+[\w'’-]+){0,4}",
]
CHROME_RE = re.compile(r"^\s*(?:" + "|".join(_CHROME_PATTERNS) + r")\s*[.!?:]?\s*$", re.IGNORECASE)

_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]+")
# Phrases no article sentence uses about itself; they make a line chrome up to 45 words long.
STRONG_CHROME_RE = re.compile(
    r"\b(?:unsubscribe|in your inbox|"
    r"reproduction and redistribution|all rights reserved|enable javascript|"
    r"accept (?:all )?cookies|"
    r"click here|download (?:our|the) app|story continues below|for the latest updates|"
    r"views expressed|are (?:their|the author'?s?) own)\b",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^[^›»>/|·•]{1,40}(?:\s*[›»>/|·•]\s*[^›»>/|·•]{1,40}){1,}$")


# Photo captions copied with the page: "Photo: ... (Agency file photo)", "Caption — ...".
# They may run to two sentences, so they are recognised by their label or their credit, not
# their length.
CAPTION_RE = re.compile(
    r"^(?:photo|photograph|image|picture|caption|file photo|pictured|illustration|graphic)s?"
    r"(?:\s*(?:credit|caption))?\s*[:|—–]\s*\S"
    r"|[(\[][^()\[\]]{0,80}\b(?:photos?|photograph|image|file picture|credit|getty images)"
    r"[^()\[\]]{0,40}[)\]]\s*$",
    re.IGNORECASE,
)


# Chrome inside a prose line: a photo credit or a link label in brackets ("(Photo by X / AFP)",
# "(Read more Ukraine stories.)"), a caption's position marker ("Donald Trump (L)", "(2nd R)"),
# and Markdown emphasis markers a page copy keeps ("**The Owner Company**").
_INLINE_CHROME_RE = re.compile(
    r"(?<!\s)\s*[(\[](?:(?:file\s+)?(?:photo|photograph|image|picture|video|illustration)s?\s*"
    r"(?:by|credit|courtesy(?:\s+of)?|:)[^()\[\]]{1,160}"
    r"|(?:read|see)\s+(?:more|also)\b[^()\[\]]{0,160}|(?:also\s+read|related)\s*:[^()\[\]]{0,160}"
    r"|(?:\d(?:st|nd|rd|th)\s+(?:from\s+)?)?(?:L|R|C|left|right|centre|center)"
    # a wire story's credits: "(Reporting by A and B; Editing by C)"
    r"|(?:additional\s+)?(?:reporting|writing|editing|compiled|edited)\s+by\b[^()\[\]]{1,200}"
    r")[)\]]",
    re.IGNORECASE,
)
# A photographer's credit in brackets that ends its line (a caption's), name and agency on
# either side of a slash ("(Sean Kilpatrick/Canadian Press)", "(Jane Doe / Reuters via AP)"):
# two to four capitalised words, then the agency. Case-sensitive: "(Israel/Gaza)" has one word
# before the slash and stays, and a pair inside a sentence ("talks (North Korea/South Korea)
# resumed") is prose. `(?<!\s)` keeps a run of spaces from being tried at every position.
_CREDIT_RE = re.compile(
    r"(?<!\s)\s*[(\[](?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*\s*/\s*"
    r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|via|of|and))*[)\]](?=\s*$)"
)
# A photographer's credit as wires write it: the agency in capitals, a slash, the name.
_AGENCY_PHOTO = (r"(?:REUTERS|AFP|AP|EPA|ANADOLU|XINHUA|GETTY IMAGES)\s?/\s?[A-Z][\w.'’-]*"
                 r"(?:\s+[A-Z][\w.'’-]*){0,3}")
# A line's closing sign-off or photographer's credit: "... this year. – Agencies", "...
# January 19, 2025. REUTERS/Mahmoud Issa". The agency alone after a dash, or an agency in
# capitals with a slash and a name, at the very end of the line.
_SIGN_OFF_RE = re.compile(
    r"(?<=[.!?\"”’)])\s+(?:[-–—]\s*(?i:agencies|agency|wire services|news desk)"
    "|" + _AGENCY_PHOTO + r")\s*$"
)
_EMPHASIS_RE = re.compile(r"(?<![*\w])\*\*(?=\S)([^*\n]{1,200}?)(?<=\S)\*\*(?![*\w])")


def strip_inline_chrome(line: str) -> str:
    """`line` without the chrome that pages put inside prose lines (credits, sign-offs, link
    labels, position markers, emphasis markers); the prose itself is kept as written."""
    out = _EMPHASIS_RE.sub(r"\1", line)
    out = _SIGN_OFF_RE.sub("", _CREDIT_RE.sub("", _INLINE_CHROME_RE.sub("", out)))
    return out if out == line else re.sub(r"(?<!\s)\s+([.,;:!?])", r"\1", out).strip()


# A caption that ends with its photographer's credit: "..., January 19, 2025. REUTERS/Jane Doe",
# "... takes off during a drill. Photo: EPA-EFE".
_PHOTO_CREDIT_END_RE = re.compile(
    r"[.!?\"”’)]\s+(?:" + _AGENCY_PHOTO +
    r"|(?i:photo|image|picture|credit)s?\s*:\s*[A-Z][\w.&/'’-]*(?:[\s-][A-Z][\w.&/'’-]*){0,3})"
    r"\s*$"
)


def is_caption(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= 320 and bool(CAPTION_RE.search(stripped)
                                         or _PHOTO_CREDIT_END_RE.search(stripped))


def is_chrome_line(line: str) -> bool:
    """True when a line is page chrome rather than article prose.

    Long lines are never chrome: prose that happens to mention "newsletter" must survive.
    """
    stripped = line.strip()
    if not stripped:
        return False
    if is_caption(stripped):
        return True
    if len(stripped) > 160:
        return False
    if NAV_LABEL_RE.match(stripped) or RELATED_LABEL_RE.match(stripped):
        return True
    if STRONG_CHROME_RE.search(stripped) and len(_WORD_RE.findall(stripped)) <= 45:
        return True
    if _is_separator_list(stripped):
        return True
    if CHROME_RE.match(stripped):
        # A full sentence with a subject and verb that merely starts like chrome ("Share prices
        # fell ...") is prose: chrome lines are short.
        return len(_WORD_RE.findall(stripped)) <= 14 and not _looks_like_prose(stripped)
    return bool(re.fullmatch(r"[\W_]+", stripped))  # separators: "----", "* * *", "|"


def _is_separator_list(line: str) -> bool:
    """Breadcrumbs and link bars: "Home › News › Land Warfare", "Print | PDF | Email"."""
    if line[-1:] in '.!?"”' or not _BREADCRUMB_RE.match(line):
        return False
    parts = [p.strip() for p in re.split(r"[›»>/|·•]", line) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 5 for p in parts):
        return False
    # Two parts only when a breadcrumb arrow is used: "Politics | Defense" is a section label,
    # handled by the header rules; "Home › News" is navigation.
    return len(parts) >= 3 or bool(re.search(r"[›»>]", line))


_PROSE_HINT_RE = re.compile(
    r"\b(?:said|says|told|announced|has|have|had|was|were|is|are|will|would)\b", re.IGNORECASE
)


def _looks_like_prose(line: str) -> bool:
    words = _WORD_RE.findall(line)
    return len(words) >= 8 and bool(_PROSE_HINT_RE.search(line)) and line.rstrip()[-1:] in ".\"'”"


def is_nav_label(line: str) -> bool:
    """True for "Previous Article", "Next story", "« Older post" and the like."""
    return bool(NAV_LABEL_RE.match(line.strip()))


def nav_rel(line: str) -> str:
    low = line.strip().lower()
    if any(w in low for w in ("previous", "prev", "older")):
        return "previous"
    if any(w in low for w in ("next", "newer")):
        return "next"
    return "related"


def is_related_label(line: str) -> bool:
    return bool(RELATED_LABEL_RE.match(line.strip()))
