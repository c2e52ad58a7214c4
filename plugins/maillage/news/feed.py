"""The Atom feed of ``nouveautes/`` (RFC 4287), written with an XML writer that escapes every
text; characters XML 1.0 cannot hold at all (control characters a commit subject might carry)
are dropped first, since an escaped one would still make the feed unreadable.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

from .changes import NewsItem

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def atom_feed(items: list[NewsItem], *, title: str, page_url: str, feed_url: str,
              entry_url: dict[str, str], subtitle: str | None = None) -> str:
    """``entry_url``: an entry's id (``card:x``) → its absolute address."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = xml_text(text)
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    add(feed, "title", title)
    if subtitle:
        add(feed, "subtitle", subtitle)
    add(feed, "id", page_url)
    newest = items[0].when if items else datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    add(feed, "updated", newest.isoformat())
    add(feed, "link", rel="alternate", type="text/html", href=page_url)
    add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    author = add(feed, "author")
    add(author, "name", title.split(" — ")[0])
    for item in items:
        entry = add(feed, "entry")
        lines = [f"{change.label} : {change.name}" for change in item.changes]
        add(entry, "title", f"{item.subject} ({lines[0]}{' …' if len(lines) > 1 else ''})")
        add(entry, "id", f"{page_url}#{item.sha}")
        add(entry, "updated", item.when.isoformat())
        first = next((change.entry for change in item.changes if change.entry is not None), None)
        add(entry, "link", rel="alternate", type="text/html",
            href=entry_url[f"{first.KIND}:{first.id}"] if first is not None else page_url)
        add(entry, "content", "\n".join(lines), type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
