"""The taboo matcher: normalisation, leftmost-longest, exceptions, specs."""

from __future__ import annotations

from typing import Any

import pytest

from scripts_gen.handbook.models import Taboo
from scripts_gen.taboo.matcher import Match, Matcher, SpecProblem, TabooSpecError, check_alternatives, check_specs


def taboo(id: str, *phrases: str, exceptions: tuple[str, ...] = (), alternatives: tuple[str, ...] = ("好的，我来处理",),
          flag: tuple[str, ...] = (), allow: tuple[str, ...] = ()) -> Taboo:
    data: dict[str, Any] = {"id": id, "phrases": list(phrases), "reason": "伤害客户感受", "alternatives": list(alternatives),
                            "exceptions": list(exceptions), "specs": {"flag": list(flag), "pass": list(allow)}}
    return Taboo.model_validate(data)


def spans(matcher: Matcher, text: str) -> list[tuple[str, str, int, int]]:
    return [(m.taboo_id, m.matched_text, m.start, m.end) for m in matcher.find(text)]


BU_ZHI_DAO = taboo("bu-zhi-dao", "不知道", exceptions=("不知道您现在方便吗",), alternatives=("我帮您查一下", "请稍等"))
BU_XING = taboo("bu-xing", "不行", exceptions=("行不行", "不行动"))


def test_leftmost_longest_reports_once_as_the_longer_phrase() -> None:
    matcher = Matcher([taboo("bu-ke", "不可"), taboo("bu-ke-yi", "不可以")])
    assert spans(matcher, "这个不可以，那个不可。") == [("bu-ke-yi", "不可以", 2, 5), ("bu-ke", "不可", 8, 10)]


def test_longest_within_one_taboo_and_no_word_boundaries() -> None:
    matcher = Matcher([taboo("bu-ke", "不可", "不可以")])
    assert [m.phrase for m in matcher.find("我们不可以这样")] == ["不可以"]


def test_match_carries_phrase_and_suggestions() -> None:
    assert Matcher([BU_ZHI_DAO]).find("我不知道") == [Match("bu-zhi-dao", "不知道", 1, 4, "不知道", ("我帮您查一下", "请稍等"))]


@pytest.mark.parametrize(("text", "expected"), [
    ("不 知 道", [("bu-zhi-dao", "不 知 道", 0, 5)]),
    ("我不\u200b知\u2060道啊", [("bu-zhi-dao", "不\u200b知\u2060道", 1, 6)]),
    ("不\u3000知道", [("bu-zhi-dao", "不\u3000知道", 0, 4)]),
    ("\ufeff不知道 ", [("bu-zhi-dao", "不知道", 1, 4)]),
    ("不\n知道", []),
])
def test_spaces_and_zero_width_inside_a_phrase_are_ignored(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert spans(Matcher([BU_ZHI_DAO]), text) == expected


@pytest.mark.parametrize("hidden", ["\u00ad", "\x01", "\u034f", "\ufe0f", "\u200e", "\x00", "\u202e", "\U000e0101",
                                    "，", "、", "\u3000"])
def test_invisible_characters_and_in_phrase_punctuation_never_hide_a_taboo(hidden: str) -> None:
    matcher = Matcher([taboo("bu-shi", "不是我们的责任")])
    text = f"这个不是我们{hidden}的责任"
    assert spans(matcher, text) == [("bu-shi", text[2:], 2, len(text))]


def test_punctuation_may_not_leave_a_single_character_on_one_side() -> None:
    matcher = Matcher([taboo("bu-ke-neng", "不可能"), taboo("bu-shi", "不是我们的责任")])
    assert spans(matcher, "不，可能是分开发货了") == []
    assert spans(matcher, "不是我们的责，任") == []
    assert spans(matcher, "不是我们的，责任") == [("bu-shi", "不是我们的，责任", 0, 8)]


def test_traditional_characters_fold_to_simplified() -> None:
    matcher = Matcher([taboo("gao-cuo", "搞错了"), taboo("bu-gui", "不归我管")])
    assert spans(matcher, "您應該是搞錯了，這個不歸我管") == [("gao-cuo", "搞錯了", 4, 7), ("bu-gui", "不歸我管", 10, 14)]


def test_context_negation_gaps_quotes_and_standalone() -> None:
    matcher = Matcher([
        taboo("gao-cuo", "搞错了", exceptions=("是我…搞错了",)),
        taboo("bu-gui", "不归…管"),
        Taboo.model_validate({"id": "en", "phrases": ["嗯"], "reason": "敷衍", "alternatives": ["好的"], "standalone": True}),
    ])
    assert spans(matcher, "是我这边搞错了") == []
    assert spans(matcher, "不是我这边搞错了") == [("gao-cuo", "搞错了", 5, 8)]  # a negated exception does not count
    assert spans(matcher, "这个不归我们客服管") == [("bu-gui", "不归我们客服管", 2, 9)]
    assert spans(matcher, "这个不归我们客服部门的经理管") == []  # the gap is short on purpose
    assert spans(matcher, "您说“不归我们管”，非常抱歉") == []
    assert spans(matcher, "嗯嗯，好的") == [("en", "嗯嗯", 0, 2)]
    assert spans(matcher, "恩施的王恩泽先生，嗯好的") == []


def test_channel_scoping() -> None:
    matcher = Matcher([Taboo.model_validate({"id": "o", "phrases": ["哦"], "reason": "冷淡", "alternatives": ["好的"],
                                             "standalone": True, "channels": ["在线"]})])
    assert [m.taboo_id for m in matcher.find("哦。", "在线")] == ["o"]
    assert matcher.find("哦。", "电话") == []
    assert [m.taboo_id for m in matcher.find("哦。")] == ["o"]


def test_full_width_and_case_fold() -> None:
    matcher = Matcher([taboo("ok", "OK啦"), taboo("app", "ＡＰＰ坏了")])
    assert spans(matcher, "ＯＫ啦，ok啦，app坏了") == [("ok", "ＯＫ啦", 0, 3), ("ok", "ok啦", 4, 7), ("app", "app坏了", 8, 13)]


def test_en_and_o_variants() -> None:
    matcher = Matcher([taboo("en", "恩"), taboo("o", "哦")])
    assert spans(matcher, "嗯。恩。喔。噢。哦") == [("en", "嗯", 0, 1), ("en", "恩", 2, 3), ("o", "喔", 4, 5), ("o", "噢", 6, 7),
                                                 ("o", "哦", 8, 9)]
    # A doubled filler is one finding, whichever way it is written.
    assert spans(matcher, "嗯恩，喔噢哦") == [("en", "嗯恩", 0, 2), ("o", "喔噢哦", 3, 6)]


def test_expanding_characters_map_back_to_the_original() -> None:
    matcher = Matcher([taboo("dots", "等等...")])
    assert spans(matcher, "请您等等…吧") == [("dots", "等等…", 2, 5)]


def test_exception_allows_only_its_own_occurrence() -> None:
    text = "不知道您现在方便吗？我不知道。"
    assert spans(Matcher([BU_ZHI_DAO]), text) == [("bu-zhi-dao", "不知道", 11, 14)]


@pytest.mark.parametrize(("text", "expected"), [
    ("行不行", []),
    ("我们不行动", []),
    ("这样不行", [("bu-xing", "不行", 2, 4)]),
    ("行不行？不行！", [("bu-xing", "不行", 4, 6)]),
])
def test_xing_exceptions(text: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert spans(Matcher([BU_XING]), text) == expected


def test_exception_of_one_taboo_never_silences_another() -> None:
    matcher = Matcher([BU_XING, taboo("xing-dong", "行动")])
    assert spans(matcher, "不行动") == [("xing-dong", "行动", 1, 3)]
    unclear = taboo("bu-qing-chu", "不清楚", exceptions=("如有不清楚的地方请随时联系",))
    matcher = Matcher([unclear, taboo("sui-shi", "随时联系")])
    assert spans(matcher, "如有不清楚的地方请随时联系") == [("sui-shi", "随时联系", 9, 13)]


def test_a_suppressed_long_match_falls_back_to_a_shorter_taboo() -> None:
    matcher = Matcher([taboo("bu-ke-yi", "不可以", exceptions=("不可以吗",)), taboo("bu-ke", "不可")])
    assert spans(matcher, "不可以吗") == [("bu-ke", "不可", 0, 2)]


def test_no_taboos_finds_nothing() -> None:
    assert Matcher([]).find("不知道") == []


def test_passing_specs_build_a_matcher() -> None:
    ok = taboo("bu-zhi-dao", "不知道", exceptions=("不知道您现在方便吗",), flag=("我不 知道",), allow=("不知道您现在方便吗？",))
    assert Matcher.from_taboos([ok]).find("不知道")[0].taboo_id == "bu-zhi-dao"


def test_failing_flag_spec_names_taboo_field_index_and_sentence() -> None:
    bad = taboo("bu-zhi-dao", "不知道", flag=("我不知道", "我不清楚"))
    with pytest.raises(TabooSpecError) as err:
        Matcher.from_taboos([bad])
    assert err.value.problems == [SpecProblem(
        "bu-zhi-dao", "specs.flag", 1, "禁语 bu-zhi-dao 的正例（specs.flag 第 2 条）“我不清楚”没有被检查出来。",
        "在 phrases 中补上这句话里的说法，或检查 exceptions 是否把它放过了。")]
    assert err.value.problems[0].loc == ("specs", "flag", 1)
    assert str(err.value).splitlines()[0] == "禁语 bu-zhi-dao 的正例（specs.flag 第 2 条）“我不清楚”没有被检查出来。"
    assert str(err.value).splitlines()[-1] == "禁语检查器的正反例共有 1 个问题。"


def test_failing_pass_spec() -> None:
    bad = taboo("bu-xing", "不行", exceptions=("行不行",), allow=("行不行", "这样不行吧"))
    [problem] = check_specs([bad])
    assert (problem.taboo_id, problem.field, problem.index, problem.loc) == ("bu-xing", "specs.pass", 1, ("specs", "pass", 1))
    assert problem.message == "禁语 bu-xing 的反例（specs.pass 第 2 条）“这样不行吧”被误报，命中“不行”。"


def test_structure_problems() -> None:
    problems = check_specs([
        taboo("a", "不知道", exceptions=("不知道", "请稍等")),
        taboo("b", "不 知道"),
    ])
    assert [(p.taboo_id, p.field, p.index, p.message) for p in problems] == [
        ("a", "exceptions", 0, "禁语 a 的例外“不知道”与禁语说法本身相同，会放过所有出现。"),
        ("a", "exceptions", 1, "禁语 a 的例外“请稍等”不包含该禁语的任何说法，不会起作用。"),
        ("b", "phrases", 0, "禁语 b 的说法“不 知道”已经是禁语 a 的说法。"),
    ]


def test_alternatives_must_pass_every_rule() -> None:
    taboos = [
        taboo("bu-zhi-dao", "不知道", alternatives=("我帮您查一下", "我也不知道呢")),
        taboo("mei-ban-fa", "没办法", alternatives=("我帮您查一下再说", "恩，我看看")),
        taboo("en", "恩", alternatives=("好的",)),
    ]
    assert [(p.taboo_id, p.field, p.index, p.message) for p in check_alternatives(taboos)] == [
        ("bu-zhi-dao", "alternatives", 1, "禁语 bu-zhi-dao 推荐的替代说法“我也不知道呢”本身含有禁语 bu-zhi-dao（“不知道”）。"),
        ("mei-ban-fa", "alternatives", 1, "禁语 mei-ban-fa 推荐的替代说法“恩，我看看”本身含有禁语 en（“恩”）。"),
    ]
    assert check_alternatives([BU_ZHI_DAO, BU_XING]) == []
