import pytest

from powers.citations import Citation, CitationError, format_bases, parse_bases, parse_lines


def test_articles_belong_to_the_first_law_named():
    got = parse_bases(
        "《中华人民共和国食品安全法》", "第三十五条第一款；第一百二十二条第一款（处罚依据）"
    )
    assert got == [
        Citation("中华人民共和国食品安全法", "第三十五条第一款", "setting"),
        Citation("中华人民共和国食品安全法", "第一百二十二条第一款", "penalty"),
    ]


def test_items_may_name_their_own_law_and_round_trip():
    citations = [
        Citation("甲法", "第十条", "setting"),
        Citation("乙条例", "第二十条之一第二款第三项", "penalty"),
    ]
    laws, articles = format_bases(citations)
    assert laws == "《甲法》；《乙条例》"
    assert parse_bases(laws, articles) == citations


@pytest.mark.parametrize("bad", ["第三十五", "35条", "第三十五条第一段", "附则"])
def test_malformed_article(bad):
    with pytest.raises(CitationError) as exc:
        parse_bases("《甲法》", bad)
    assert exc.value.kind == "article"


def test_a_law_without_articles_is_refused():
    with pytest.raises(CitationError) as exc:
        parse_bases("《甲法》；《乙法》", "第一条")
    assert exc.value.kind == "missing_article"


def test_form_lines_need_a_title():
    assert parse_lines("《甲法》第一条（处罚依据）\n") == [Citation("甲法", "第一条", "penalty")]
    with pytest.raises(CitationError) as exc:
        parse_lines("第一条")
    assert exc.value.kind == "missing_title"
