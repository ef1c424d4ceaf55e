"""The provisions a text cites (《法名》第X条第Y款第Z项), so the notice of the proposed penalty
and the decision can be compared: the party was told the basis (Arts. 44-45). Pure functions."""

from __future__ import annotations

import re

_TITLE = re.compile(r"《([^》]+)》")
# 第一百二十四条第一款第（三）项, 第十条之一; a bare 第二款 continues the last article.
_CHUNK = re.compile(
    r"第[〇零一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?"
    r"|第[〇零一二三四五六七八九十百千\d]+款"
    r"|第[（(]?[〇零一二三四五六七八九十百千\d]+[）)]?项"
)
_LAW_PREFIX = "中华人民共和国"
_NOISE = re.compile(r"[\s、，,；;。.:：和及以及的规定]")


def _law(title: str) -> str:
    title = title.strip()
    return title[len(_LAW_PREFIX) :] if title.startswith(_LAW_PREFIX) else title


def cited_provisions(text: str) -> frozenset[str]:
    """Each cited provision as ``法名第X条[第Y款][第Z项]``; with no 《title》 in the text, the
    text itself without spaces and punctuation (so two such texts compare as written)."""
    text = text or ""
    titles = list(_TITLE.finditer(text))
    if not titles:
        rest = _NOISE.sub("", text)
        return frozenset({rest}) if rest else frozenset()
    cited: set[str] = set()
    for i, match in enumerate(titles):
        law = _law(match.group(1))
        end = titles[i + 1].start() if i + 1 < len(titles) else len(text)
        current: list[str] = []  # [article, paragraph, item] being read
        for found in _CHUNK.finditer(text, match.end(), end):
            chunk = found.group(0).replace("(", "（").replace(")", "）")
            level = 0 if "条" in chunk else 1 if chunk.endswith("款") else 2
            if len(current) > level:  # a sibling or a higher level: the last one is complete
                cited.add(law + "".join(current))
                del current[level:]
            if level == 2 and len(current) == 1:  # 第三十二条第一项: an item of the article
                current.append("")
            if len(current) == level:  # a 款 or 项 without its article is not a citation
                current.append(chunk)
        cited.add(law + "".join(current))
    return frozenset(cited)


def same_provisions(a: str, b: str) -> bool:
    """Whether two texts cite the same provisions, however they are punctuated or ordered."""
    return cited_provisions(a) == cited_provisions(b)
