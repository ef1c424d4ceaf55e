"""Legal citations as people write them: 《食品安全法》第三十五条第一款（处罚依据）.

Parsing and formatting only; looking regulations up is the caller's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = "[一二三四五六七八九十百千零〇两0-9]+"
ARTICLE_RE = re.compile(rf"^第{_NUM}条(之{_NUM})?(第{_NUM}款)?(第{_NUM}项)?(第{_NUM}目)?$")
_SPLIT_RE = re.compile(r"[；;\n\r]+")
_TITLE_RE = re.compile(r"^《([^》]+)》\s*(.*)$")
_KIND_RE = re.compile(r"^(.*?)[（(]\s*(设定依据|处罚依据)\s*[)）]$")
NATIONAL_PREFIX = "中华人民共和国"

KIND_SETTING = "setting"
KIND_PENALTY = "penalty"
KIND_LABELS = {KIND_SETTING: "设定依据", KIND_PENALTY: "处罚依据"}
_KIND_BY_LABEL = {v: k for k, v in KIND_LABELS.items()}


@dataclass(frozen=True)
class Citation:
    title: str
    article: str
    kind: str = KIND_SETTING

    def display(self) -> str:
        return f"《{self.title}》{self.article}（{KIND_LABELS[self.kind]}）"


class CitationError(ValueError):
    """A citation that cannot be read; ``kind`` says which part is wrong."""

    def __init__(self, kind: str, text: str):
        super().__init__(text)
        self.kind = kind  # "article", "title" or "missing_title"
        self.text = text


def normalise_title(title: str) -> str:
    return title.strip().strip("《》").strip()


def split_items(text: str) -> list[str]:
    return [part.strip() for part in _SPLIT_RE.split(text or "") if part.strip()]


def is_article(text: str) -> bool:
    return bool(ARTICLE_RE.match(text.replace(" ", "")))


def parse_citation(item: str, default_title: str | None) -> Citation:
    """One item: optional 《title》, an article reference, optional （设定依据/处罚依据）."""
    kind = KIND_SETTING
    text = item.strip()
    kind_match = _KIND_RE.match(text)
    if kind_match:
        text, kind = kind_match.group(1).strip(), _KIND_BY_LABEL[kind_match.group(2)]
    title = default_title
    title_match = _TITLE_RE.match(text)
    if title_match:
        title, text = normalise_title(title_match.group(1)), title_match.group(2).strip()
    article = text.replace(" ", "")
    if not ARTICLE_RE.match(article):
        raise CitationError("article", item)
    if not title:
        raise CitationError("missing_title", item)
    return Citation(title=title, article=article, kind=kind)


def parse_bases(laws_text: str, articles_text: str) -> list[Citation]:
    """The spreadsheet's 法定依据 (titles) and 具体条款 (articles) columns.

    An article without its own 《title》 belongs to the first title in 法定依据.
    """
    titles = [normalise_title(t) for t in split_items(laws_text)]
    default = titles[0] if titles else None
    citations = [parse_citation(item, default) for item in split_items(articles_text)]
    cited = {c.title for c in citations}
    # A law named without any article is still a basis of the power as a whole.
    for title in titles:
        if title not in cited:
            raise CitationError("missing_article", title)
    return list(dict.fromkeys(citations))


def parse_lines(text: str) -> list[Citation]:
    """The web form's basis box: one 《title》article（kind） per line."""
    return list(dict.fromkeys(parse_citation(item, None) for item in split_items(text)))


def format_bases(citations: list[Citation]) -> tuple[str, str]:
    """(法定依据, 具体条款) for a spreadsheet row."""
    titles = list(dict.fromkeys(c.title for c in citations))
    laws = "；".join(f"《{t}》" for t in titles)
    articles = "；".join(c.display() for c in citations)
    return laws, articles


def format_lines(citations: list[Citation]) -> str:
    return "\n".join(c.display() for c in citations)
