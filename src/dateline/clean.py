"""Mark page noise in an article: "Also read:" links, teasers of other stories, share bars.

Scraped news pages carry lines that are not the story: links to other articles
("Also read: ...", "READ MORE: ...") and teaser lines of unrelated stories, truncated
with an ellipsis. Events found there are false ("Albanese married ... on Saturday").
The cleaner does not delete anything: it splits the text into line segments and marks
each as kept or dropped with a reason, so offsets keep indexing the stored text and an
analyst can see in the ``noise`` table exactly what was left out and why.
"""

from __future__ import annotations

import re

from .models import Article, Segment

_LINK_PREFIX = re.compile(
    # phrases that only ever introduce a link to another story
    r"^\s*(?:[-*•>|]\s*)?(?:also\s+read|read\s+also|read\s+more|see\s+also|also\s+see|don'?t\s+miss|"
    r"must\s+read|you\s+may\s+also\s+like|click\s+here|more\s+from)\b"
    # words that do so only when a separator follows ("Watch: ...", "Related | ...")
    r"|^\s*(?:[-*•>|]\s*)?(?:related(?:\s+(?:stories|news|articles?))?|recommended|trending|watch|listen|"
    r"top\s+stories|latest\s+news|subscribe|sign\s+up|follow\s+us|advertisement)\s*[:|–—]"
    r"|^\s*(?:photo|image|video|credit|picture)s?\s*(?:credit\s*)?:",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^\s*(?:advertisement|ad|sponsored|share|tweet|email|print|comments?|loading\.*|"
    r"(?:\d+\s+)?min(?:ute)?s?\s+read|updated:?.{0,40}|published:?.{0,40})\s*$",
    re.IGNORECASE,
)
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
_QUOTE_CHARS = "\"'“”‘’"


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            # trim surrounding whitespace so segments start on text
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            spans.append((pos + lead, end - trail))
        pos = end + 1
    return spans


def _is_teaser(line: str) -> bool:
    """A truncated line of another story: ends in an ellipsis, not inside a quotation."""
    if not _ELLIPSIS_END.search(line):
        return False
    body = _ELLIPSIS_END.sub("", line).rstrip()
    # an open quotation trailing off ("He said: “We will see...") is the story's own text
    if body.count("“") > body.count("”") or body.count('"') % 2 == 1:
        return False
    return True


def classify_line(line: str) -> str | None:
    """The noise reason for one line, or None when it is story text."""
    if _LINK_PREFIX.match(line):
        return "link"
    if _BOILERPLATE.match(line):
        return "boilerplate"
    if _is_teaser(line):
        return "teaser"
    return None


def clean(article: Article) -> list[Segment]:
    """Line segments of ``article.text``, each kept or dropped with a reason.

    A teaser block at the end of a page often holds a few lines that are not themselves
    truncated; a short non-sentence line sandwiched between dropped lines in the trailing
    block is dropped too ("teaser-block").
    """
    text = article.text
    segs = [Segment(s, e, True, None) for s, e in _line_spans(text)]
    for seg in segs:
        reason = classify_line(text[seg.start:seg.end])
        if reason:
            seg.keep, seg.reason = False, reason
    # trailing block: from the last kept line of story text, lines between teasers are teasers
    n = len(segs)
    for i in range(1, n - 1):
        if segs[i].keep and not segs[i - 1].keep and not segs[i + 1].keep \
                and segs[i - 1].reason == "teaser" and segs[i + 1].reason == "teaser":
            line = text[segs[i].start:segs[i].end]
            if len(line) < 200 and not line.rstrip().endswith(tuple(_QUOTE_CHARS)):
                segs[i].keep, segs[i].reason = False, "teaser-block"
    return segs


def kept_spans(segments: list[Segment]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in segments if s.keep]
