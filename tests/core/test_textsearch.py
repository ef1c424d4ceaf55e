from enforcement_portal.textsearch import grams, grams_text, normalise, query_grams


def test_grams_cover_every_one_and_two_character_query():
    g = set(grams("张某无证经营食品"))
    assert {"张", "某", "张某", "无证", "经营", "食品", "营食"} <= g
    assert set(grams("ABC公司 Room101")) >= {"abc", "公", "司", "公司", "room101"}


def test_query_grams_are_the_bigrams_or_the_lone_character():
    assert query_grams("食品") == ["食品"]
    assert query_grams("食") == ["食"]
    assert query_grams("无证经营") == ["无证", "证经", "经营"]
    assert query_grams("ＡＢＣ 公司") == ["abc", "公司"]


def test_every_substring_query_is_covered_by_the_row_grams():
    text = "齐齐哈尔市龙沙区鑫源食品有限公司超范围经营"
    row = set(grams_text(text).split())
    for start in range(len(text)):
        for end in range(start + 1, min(start + 6, len(text)) + 1):
            assert set(query_grams(text[start:end])) <= row


def test_normalise_folds_full_width_and_zero_width():
    assert normalise("Ｆｏｏ１\u200b２") == "foo12"
