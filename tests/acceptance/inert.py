"""Checks that a response can run nothing an editor typed, and a crawler to find the pages.

`active_content(html)` lists whatever in a page could execute: inline scripts (JSON-LD data
blocks excepted, but they must parse as JSON: a payload that closed the block would break
it), event-handler attributes, javascript: and data: URLs, frames, objects, <base>, inline
<style>. A clean page returns []. The site itself uses none of these, so any hit came from
content.
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "base", "style", "applet", "frameset"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name.lower(): (value or "") for name, value in attrs}
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES:
                scheme = value.strip().lower().replace("\t", "").replace("\n", "")
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            kind = attrs.get("type", "").lower()
            if kind in DATA_SCRIPT_TYPES:
                self._script = {"type": kind, "text": ""}
            elif "src" in attrs and _same_site(attrs["src"]):
                self._script = None
            else:
                self.problems.append(f"<script> executable ({attrs.get('src', 'inline')})")

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            try:
                json.loads(self._script["text"])
            except ValueError:
                self.problems.append(f"{self._script['type']} block is not valid JSON")
            self._script = None


def _same_site(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/")


def active_content(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems


# RSS elements whose text is HTML by definition.
HTML_TEXT_TAGS = {"description", "encoded", "content", "summary", "subtitle"}


def active_content_in_xml(text: str) -> list[str]:
    """For feeds and SVG: well-formed XML, no script elements or handlers, and any markup
    carried as HTML text (a feed's summary) clean by the HTML rules."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    problems = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in {"script", "foreignobject", *(FORBIDDEN_TAGS - {"style"})}:
            problems.append(f"<{tag}> element in XML")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problems.append(f"<{tag} {local}=…> in XML")
            if local in {"href", "src"} and value.strip().lower().startswith("javascript:"):
                problems.append(f"<{tag} {local}=javascript:…> in XML")
        if element.tag.startswith("{http://www.w3.org/2005/Atom}"):
            # Atom text constructs are plain text unless they say type="html".
            is_html = element.attrib.get("type", "text") in ("html", "xhtml")
        else:
            is_html = tag in HTML_TEXT_TAGS  # RSS: description and content are HTML
        if is_html and element.text and "<" in element.text:
            problems.extend(active_content(element.text))
    return problems


def problems_in(response) -> list[str]:
    """What could run in this response, by its content type."""
    kind = response.get("Content-Type", "")
    if response.streaming:  # files (the favicon): nothing a payload can reach
        return []
    text = response.content.decode("utf-8", "replace")
    if "html" in kind:
        return active_content(text)
    if "xml" in kind:
        return active_content_in_xml(text)
    if "json" in kind:
        # JSON is data: plain-text fields are the client's to escape. Fields that carry HTML
        # by contract (ninjs body_html and the like) are what clients render as markup.
        strings = []
        _html_strings(json.loads(text), strings)
        return [p for s in strings for p in active_content(s)]
    return []


def _html_strings(node, found, key=""):
    if isinstance(node, str):
        if "html" in key.lower():
            found.append(node)
    elif isinstance(node, dict):
        for name, value in node.items():
            _html_strings(value, found, str(name))
    elif isinstance(node, list):
        for value in node:
            _html_strings(value, found, key)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


SKIP_PREFIXES = ("/admin/", "/static/", "/media/")


def crawl(client, start: list[str], *, limit: int = 300) -> dict:
    """{url: response} for start and every same-site page linked from them, breadth first."""
    from django.core.cache import cache

    seen: dict = {}
    queue = list(dict.fromkeys(start))
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        cache.clear()
        response = client.get(url)
        seen[url] = response
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or "html" not in kind:
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not target.startswith(SKIP_PREFIXES) and target not in seen:
                queue.append(target)
    return seen
