"""The search's synonym table (data/synonyms.yml): validated like other data, written as the JSON the browser reads."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import REPO, heads

from scripts_gen.handbook import synonyms
from scripts_gen.project import load_handbook
from scripts_gen.site.pages import render_pages

TABLE = """# 示例见仓库的 data/synonyms.yml
groups:
  - handbook: [回访]
    everyday: [随访, 打电话问满意度]
  - handbook: [三天]
    everyday: [72小时]
"""


def _table(mini: Path, text: str = TABLE) -> None:
    (mini / "data" / "synonyms.yml").write_text(text, encoding="utf-8")


def test_table_is_written_for_the_browser_with_the_words_the_handbook_uses_itself(mini: Path) -> None:
    _table(mini, TABLE.replace("[随访, 打电话问满意度]", "[随访, 满意度, 打电话问满意度]"))
    book = load_handbook(mini)
    page = render_pages(book)[synonyms.PAGE]
    data = json.loads(page)
    # 满意度 is a word of the mini handbook itself: the search reads it as written, not as 回访.
    assert data == {"synonyms": {"72小时": ["三天"], "打电话问满意度": ["回访"], "随访": ["回访"]}, "words": ["满意度"]}
    assert render_pages(load_handbook(mini))[synonyms.PAGE] == page  # byte-identical


def test_handbook_word_the_handbook_never_uses_is_reported_where_it_is(mini: Path) -> None:
    _table(mini, TABLE.replace("handbook: [三天]", "handbook: [三天, 辱骂]"))
    found = heads(mini)
    assert found == ["data/synonyms.yml:5:20: [synonym-unknown] 手册里没有“辱骂”这个说法，搜索不会因它找到任何内容。"], found


def test_everyday_word_twice_or_equal_to_its_handbook_word_is_reported(mini: Path) -> None:
    _table(mini, TABLE.replace("[72小时]", "[72小时, 随访, 三天]"))
    found = heads(mini)
    assert "data/synonyms.yml:6:22: [synonym-duplicate] 日常说法“随访”已写在第 4 行那一组里。" in found, found
    assert "data/synonyms.yml:6:26: [synonym-duplicate] 日常说法“三天”和本组 handbook 里的词相同，搜索本来就能找到它。" in found, found
    assert len(found) == 2


def test_markup_or_punctuation_in_a_word_is_refused_in_chinese_with_its_place(mini: Path) -> None:
    _table(mini, TABLE.replace("[72小时]", '[72小时, "<b>骂</b>"]'))
    found = heads(mini)
    assert found == [
        "data/synonyms.yml:6:22: [invalid-value] “<b>骂</b>”不是一个词：搜索同义词只能由汉字、字母和数字组成，不能有空格、标点或符号。"
    ], found
    _table(mini, TABLE.replace("[72小时]", "[72小时, 客户打电话来一直破口大骂不停]"))
    assert heads(mini) == ["data/synonyms.yml:6:22: [invalid-value] “everyday”太长：最多 12 个字。"], heads(mini)


def test_shipped_table_loads_and_starts_with_a_commented_example() -> None:
    text = (REPO / "data" / "synonyms.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/synonyms.schema.json\n")
    assert "# 示例：\n# groups:\n#   - handbook:" in text
    data = json.loads(synonyms.render(load_handbook(REPO)))
    assert len(data["synonyms"]) >= 300 and "发飙" in data["synonyms"] and "制度" not in data["synonyms"]


def test_words_used_outside_their_longer_words_match_the_plain_definition() -> None:
    """used() finds occurrences with one automaton; it must say what the plain definition says:
    take the longer handbook words out of the text, then look for the everyday word."""
    book = load_handbook(REPO)
    table = synonyms.table(book)
    text = synonyms.handbook_text(book)

    def plain(word: str) -> bool:
        rest = text
        for longer in sorted((w for w in table[word] if word in w), key=len, reverse=True):
            rest = rest.replace(longer, "\n")
        return word in rest

    assert synonyms.used(book, table) == [w for w in table if plain(w)]
    # 接班 occurs in the handbook only inside 交接班, the word it stands for: typed, it is expanded.
    assert "接班" in table and "接班" in text and "接班" not in synonyms.used(book, table)
