"""Every kind of validation error: exact position and exact Chinese message."""

from __future__ import annotations

from pathlib import Path

from helpers import edit, heads, problems

ROLE = "data/roles/agent.yml"
SCRIPT = "data/scripts/callback.yml"


def test_the_fixture_is_valid(mini: Path) -> None:
    assert problems(mini) == []


def test_yaml_syntax_error_has_parser_position(mini: Path) -> None:
    edit(mini, ROLE, "title: 客服专员", "title: 客服专员: 高级")
    assert heads(mini) == [
        "data/roles/agent.yml:2:12: [yaml-syntax] YAML 语法错误：此处不能出现“键: 值”"
        "（常见原因：上一行少了引号，或冒号后缺空格、缩进不对）（解析器原文：mapping values are not allowed here）。"
    ]


def test_control_character_is_a_located_problem_not_a_crash(mini: Path) -> None:
    edit(mini, ROLE, "title: 客服专员", "title: 客服\x01专员")
    assert heads(mini) == ["data/roles/agent.yml:2:10: [control-char] 第 10 列有一个看不见的控制字符（U+0001）。"]


def test_tab_indentation_is_named_per_line(mini: Path) -> None:
    edit(mini, ROLE, "  - area: 回访", "\t- area: 回访")
    assert heads(mini) == ["data/roles/agent.yml:9:1: [tab-indent] 缩进中使用了制表符（Tab），YAML 只允许空格缩进。"]


def test_gbk_file_is_recognised(mini: Path) -> None:
    path = mini / ROLE
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    assert heads(mini) == [
        "data/roles/agent.yml:2:8: [encoding] 文件不是 UTF-8 编码，看起来是 GBK/GB2312（Windows 记事本或 Excel 的默认编码）。"
    ]


def test_unknown_key_suggests_the_closest(mini: Path) -> None:
    edit(mini, ROLE, "reports_to:", "report_to:")
    [found] = problems(mini)
    assert found.splitlines()[0] == "data/roles/agent.yml:6:1: [unknown-key] 未知字段“report_to”。你是不是想写“reports_to”？"
    assert "修改方法：改为 `reports_to:`。此处可用的字段：id、title、aliases、summary、sources、department、reports_to、" in found


def test_missing_required_field(mini: Path) -> None:
    edit(mini, ROLE, "reports_to: 客服主管\n", "")
    assert problems(mini) == [
        "data/roles/agent.yml:1:1: [missing-field] 缺少必填字段“reports_to”。\n"
        "    修改方法：在这一条目中添加该字段，例如 `reports_to: …`（直属上级岗位）。"
    ]


def test_missing_field_points_at_its_entry(mini: Path) -> None:
    edit(mini, SCRIPT, "        condition: 客户表示满意\n", "")
    assert heads(mini) == ["data/scripts/callback.yml:17:9: [missing-field] 缺少必填字段“condition”。"]


def test_wrong_type(mini: Path) -> None:
    edit(mini, ROLE, "    weight: 60\n    items:", "    weight: 六十\n    items:")
    assert heads(mini)[0] == "data/roles/agent.yml:14:13: [wrong-type] “weight”应为整数，实际是文字。"


def test_invalid_enum_suggests_a_value(mini: Path) -> None:
    edit(mini, SCRIPT, "channel: 回访", "channel: 电语")
    found = problems(mini)
    assert found == [
        "data/scripts/callback.yml:6:10: [bad-enum] “电语”不是有效的“channel”。你是不是想写“电话”？\n"
        "    修改方法：只能是以下之一：电话、在线、回访、短信、邮件、面谈、全渠道。"
    ]


def test_empty_text(mini: Path) -> None:
    edit(mini, ROLE, "summary: 负责接待与回访。", 'summary: ""')
    assert heads(mini) == ["data/roles/agent.yml:3:10: [empty-text] “summary”不能为空。"]


def test_empty_list(mini: Path) -> None:
    edit(mini, SCRIPT, "sources: [001-callback]", "sources: []")
    assert heads(mini) == ["data/scripts/callback.yml:4:10: [empty-list] “sources”至少需要 1 项。"]


def test_bad_id(mini: Path) -> None:
    edit(mini, SCRIPT, "  - id: cb-open", "  - id: CB Open")
    assert "data/scripts/callback.yml:9:9: [bad-id] 编号“CB Open”格式不对。" in heads(mini)


def test_duplicate_id_across_files(mini: Path) -> None:
    edit(mini, SCRIPT, "  - id: cb-open", "  - id: cb-within-3-days")
    edit(mini, SCRIPT, "next: cb-ask", "next: cb-ask")
    assert heads(mini) == [
        "data/scripts/callback.yml:9:9: [duplicate-id] 编号“cb-within-3-days”重复：已在 data/rules/callback-rules.yml:8 使用。"
    ]


def test_unknown_reference_suggests(mini: Path) -> None:
    edit(mini, SCRIPT, "roles: [agent]", "roles: [agnet]")
    assert problems(mini) == [
        "data/scripts/callback.yml:7:9: [unknown-ref] 引用了不存在的岗位编号“agnet”。你是不是想写“agent”？\n"
        "    修改方法：写一个已有的岗位编号，例如 agent，或先创建该岗位。"
    ]


def test_unknown_source_section(mini: Path) -> None:
    edit(mini, ROLE, "sources: [001-callback]", "sources: [001-callbak]")
    assert heads(mini) == ["data/roles/agent.yml:4:11: [unknown-ref] 引用了不存在的出处章节编号“001-callbak”。你是不是想写“001-callback”？"]


def test_kpi_weights_must_add_up(mini: Path) -> None:
    edit(mini, ROLE, "        weight: 15", "        weight: 10")
    edit(mini, ROLE, "    weight: 60\n    items:", "    weight: 55\n    items:")
    assert problems(mini) == [
        "data/roles/agent.yml:12:1: [kpi-sum] 各指标组权重之和为 95%，应为 100%。\n    修改方法：调整各组的 weight，使总和为 100。",
        "data/roles/agent.yml:14:13: [kpi-sum] 指标组“量化指标”的权重是 55%，但组内各项相加为 60 = 60%。\n"
        "    修改方法：调整组内各项权重或该组的 weight，使两者相等。",
        "data/roles/agent.yml:19:13: [kpi-sum] 指标组“能力技巧”的权重是 40%，但组内各项相加为 25 + 10 = 35%。\n"
        "    修改方法：调整组内各项权重或该组的 weight，使两者相等。",
    ]


def test_unsafe_tag_is_rejected_not_constructed(mini: Path) -> None:
    edit(mini, ROLE, "title: 客服专员", "title: !!python/object/apply:os.system [echo pwned]")
    assert heads(mini) == ["data/roles/agent.yml:2:8: [unsafe-tag] 不允许使用 YAML 标签“!!python/object/apply:os.system”。"]


def test_alias_bomb_is_rejected_before_expansion(mini: Path) -> None:
    bomb = "x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (mini / "data/glossary.yml").write_text(bomb, encoding="utf-8")
    assert heads(mini) == ["data/glossary.yml:2:8: [yaml-alias] 不支持 YAML 别名“*a”。"]


def test_duplicate_key_in_one_mapping(mini: Path) -> None:
    edit(mini, ROLE, "department: 客服部", "department: 客服部\ndepartment: 运营部")
    assert heads(mini) == ["data/roles/agent.yml:6:1: [duplicate-key] 键“department”重复出现（第一次在第 5 行）。"]


def test_script_graph_problems(mini: Path) -> None:
    edit(mini, SCRIPT, "    next: cb-ask", "    next: cb-asks")
    assert heads(mini) == ["data/scripts/callback.yml:12:11: [unknown-ref] next 指向不存在的步骤“cb-asks”。"]


def test_script_cycle_and_dead_end(mini: Path) -> None:
    edit(mini, SCRIPT, "        next: end\n      - id: cb-unsatisfied", "        next: cb-open\n      - id: cb-unsatisfied")
    assert heads(mini) == ["data/scripts/callback.yml:22:15: [script-cycle] 话术出现循环：cb-open → cb-ask → cb-open。"]
    edit(mini, SCRIPT, "    next: cb-ask\n", "")
    assert heads(mini)[0] == "data/scripts/callback.yml:9:5: [script-dead-end] 步骤“cb-open”没有 next，也没有分支，话术会在这里中断。"


def test_file_name_must_match_id(mini: Path) -> None:
    (mini / SCRIPT).rename(mini / "data/scripts/huifang.yml")
    assert heads(mini) == ["data/scripts/huifang.yml:1:5: [id-filename] 编号“callback”与文件名“huifang”不一致。"]


def test_misplaced_file(mini: Path) -> None:
    (mini / "data/notes.txt").write_text("x", encoding="utf-8")
    assert heads(mini) == ["data/notes.txt:1:1: [unknown-file] data/ 下只能放 .yml 数据文件。"]


def test_all_problems_in_one_run(mini: Path) -> None:
    edit(mini, ROLE, "reports_to:", "report_to:")
    edit(mini, SCRIPT, "channel: 回访", "channel: 电语")
    (mini / "data/taboos/shirking.yml").write_bytes("id: x\ntitle: 错\n".encode("gbk"))
    files = {h.split(":", 1)[0] for h in heads(mini)}
    assert files == {ROLE, SCRIPT, "data/taboos/shirking.yml"}


def test_script_wording_that_hides_a_taboo_behind_invisible_or_traditional_characters_fails(mini: Path) -> None:
    # check uses the transcript checker's matcher: what lint would flag, check flags too.
    edit(mini, SCRIPT, "agent: 能告诉我您对哪方面不满意吗？", 'agent: "这个我也不\\u00ad知\\u034f道。"')
    edit(mini, SCRIPT, "agent: 感谢您的认可，您还有什么建议吗？", "agent: 這個我不知道。")
    # The soft hyphen is also reported on its own: it must not reach the page either.
    assert sorted(p.split(": [")[1].split("]")[0] for p in heads(mini)) == ["control-char", "uses-taboo", "uses-taboo"]


def test_script_wording_that_uses_a_taboo_fails(mini: Path) -> None:
    edit(mini, SCRIPT, "agent: 能告诉我您对哪方面不满意吗？", "agent: 这个我也不 知 道，您问别人吧。")
    assert problems(mini) == [
        "data/scripts/callback.yml:25:20: [uses-taboo] 客服用语中出现禁语“不 知 道”（taboo-dont-know）。\n"
        "    修改方法：换成推荐说法，例如：我帮您查一下，稍后给您答复。"
    ]


def test_taboo_exception_and_customer_lines_are_not_violations(mini: Path) -> None:
    edit(mini, SCRIPT, "agent: 请问您对我们的服务满意吗？", "agent: 不知道您现在方便吗？请问您对我们的服务满意吗？")
    edit(mini, SCRIPT, "condition: 客户表示满意", "condition: 客户说不知道")
    assert problems(mini) == []


def test_failing_taboo_spec_stops_loading(mini: Path) -> None:
    edit(
        mini,
        "data/taboos/shirking.yml",
        "    exceptions: [不知道您现在方便吗]",
        "    exceptions: [不知道您现在方便吗]\n    specs:\n      pass: [我不知道]",
    )
    [found] = heads(mini)
    assert found.startswith("data/taboos/shirking.yml:13:14: [taboo-spec] ")
    assert "我不知道" in found
