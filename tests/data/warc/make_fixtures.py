"""Regenerate the small WARC fixtures in this folder: `python tests/data/warc/make_fixtures.py`.

pages.warc.gz   three article pages (one in windows-1252), plus records ingest must skip:
                a 404, an image, a redirect, a request record and a revisit.
pages.warc      the same, uncompressed.
truncated.warc.gz  pages.warc.gz cut in the middle of its third article record.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent

ARTICLES = [
    ("https://news.example.com/2024/03/belarus-iskander-training",
     "Belarusian crews begin Iskander training in Russia",
     "Belarusian missile crews began a training course on the Iskander-M system at a Russian "
     "range on Monday, the defence ministry in Minsk said. The course will last several weeks "
     "and covers the handling of nuclear-capable munitions, according to the ministry.",
     "2024-03-04", "utf-8"),
    ("https://defence.example.org/poland-k2-tanks",
     "Poland receives another batch of K2 tanks",
     "Poland took delivery of eighteen more K2 Black Panther tanks from South Korea at the port "
     "of Gdynia, the Polish armament agency said. The tanks will join the 16th Mechanised "
     "Division in the north-east of the country later this year.",
     "2024-05-10", "utf-8"),
    ("https://wire.example.net/caf\u00e9-drone-sanctions",
     "Sanctions hit suppliers of drone parts",
     "The government announced sanctions on eleven companies accused of supplying engines and "
     "electronics for attack drones. Officials said the measures target firms in three "
     "countries and freeze assets held by their directors \u2014 including a caf\u00e9 chain.",
     "2024-06-21", "windows-1252"),
]


def _page(title: str, body: str, charset: str) -> bytes:
    html = (f"<!doctype html><html><head><meta charset=\"{charset}\"><title>{title}</title>"
            f"</head><body><nav>Home | World | Defence</nav><article><h1>{title}</h1>"
            f"<p>{body}</p><p>{body}</p></article><footer>Copyright</footer></body></html>")
    return html.encode(charset)


def _response(writer: WARCWriter, uri: str, status: str, ctype: str, payload: bytes,
              date: str, extra: list[tuple[str, str]] | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)] + (extra or []),
                               protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                       http_headers=headers,
                                       warc_headers_dict={"WARC-Date": f"{date}T12:00:00Z"})
    writer.write_record(record)


def build(gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    (u1, t1, b1, d1, c1), (u2, t2, b2, d2, c2), (u3, t3, b3, d3, c3) = ARTICLES
    request = writer.create_warc_record(
        u1, "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(f"GET /{u1.split('/', 3)[3]} HTTP/1.1",
                                      [("Host", "news.example.com")], is_http_request=True))
    writer.write_record(request)
    _response(writer, u1, "200 OK", f"text/html; charset={c1}", _page(t1, b1, c1), d1)
    _response(writer, "https://news.example.com/missing", "404 Not Found", "text/html",
              b"<html><body><p>Not found</p></body></html>", d1)
    _response(writer, "https://news.example.com/logo.png", "200 OK", "image/png",
              b"\x89PNG\r\n\x1a\n" + bytes(64), d1)
    _response(writer, "https://news.example.com/old", "301 Moved Permanently", "text/html",
              b"", d1, [("Location", u1)])
    _response(writer, u2, "200 OK", "text/html", _page(t2, b2, c2), d2)
    revisit = writer.create_revisit_record(u2, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                           refers_to_uri=u2, refers_to_date=f"{d2}T12:00:00Z")
    writer.write_record(revisit)
    _response(writer, u3, "200 OK", f"text/html; charset={c3}", _page(t3, b3, c3), d3)
    return out.getvalue()


def main() -> None:
    gz = build(gzip=True)
    (HERE / "pages.warc.gz").write_bytes(gz)
    (HERE / "pages.warc").write_bytes(build(gzip=False))
    # Cut inside the last article record: the first two pages must survive.
    last_record = gz.rfind(b"\x1f\x8b\x08")
    (HERE / "truncated.warc.gz").write_bytes(gz[: last_record + (len(gz) - last_record) // 2])


if __name__ == "__main__":
    main()
