"""Turn page bytes into text: BOM, then the declared charset (the HTTP header's, else the
page's own), then UTF-8, then detection. The one decoder of the project: the readers of files,
feeds, WARC archives and fetched pages (`wirebrief.ingest.decode`) decode through it too."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, and
# the XML declaration's encoding="x".
_DECLARED_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Only the head matters and detection is slow on large pages: look at a bounded prefix.
_SNIFF_BYTES = 8192
_DETECT_BYTES = 200_000


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares in its first bytes, when Python knows the codec."""
    match = _DECLARED_RE.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    return codec_name((match.group(1) or match.group(2)).decode("ascii", "ignore"))


def codec_name(label: str) -> str | None:
    """Python's codec for a charset label, read as browsers read it; None when unknown."""
    name = label.strip().strip("\"'").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read latin-1 / ascii labels as windows-1252 (WHATWG encoding standard).
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    return codec


def has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def decode_html(data: str | bytes, declared: str | None = None) -> str:
    """Decode page bytes; never raises, replaces what cannot be decoded. `declared` is a
    charset given from outside the bytes (an HTTP Content-Type header)."""
    if isinstance(data, str):
        return data
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for named in (codec_name(declared) if declared else None, declared_charset(data)):
        if not named:
            continue
        try:
            return data.decode(named)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies: fall through to UTF-8 and detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")
