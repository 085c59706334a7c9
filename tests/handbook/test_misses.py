"""`search-misses`: the files learners export from the trainers' page, merged and read against the handbook."""

from __future__ import annotations

from pathlib import Path

import yaml
from helpers import REPO, TESTS, edit, run_cli

from scripts_gen.handbook import misses
from scripts_gen.project import load_handbook

HEADER = "# 客服指引手册 · 搜索未命中记录（本机浏览器导出）\n# 导出时间：2026-11-23 20:05，共 3 个搜索词\n"


def _file(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _verdicts(out: str) -> dict[str, str]:
    """query → the group it is listed under in the report."""
    found: dict[str, str] = {}
    group = ""
    for line in out.splitlines():
        if line and not line.startswith(" ") and "（" in line and "个）" in line:
            group = line.split("（")[0]
        elif line.startswith("  ") and not line.startswith("    ") and " — " in line:
            found[line.strip().split(" — ")[0]] = group
    return found


def _block(out: str, query: str) -> str:
    """The report's lines about ``query``: its own line and the indented lines under it."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"  {query} — "))
    end = next((i for i in range(at + 1, len(lines)) if not lines[i].startswith("    ")), len(lines))
    return "\n".join(lines[at:end])


def test_files_of_several_learners_are_merged_and_counted(tmp_path: Path) -> None:
    a = _file(tmp_path, "张三.txt", "\n".join([
        "3 无结果 2026-11-23 20:05 火星签证",
        "2 没找到 2026-11-23 20:06 记忆模糊",
        "  > 回访规范 › 三天内回访 | /rules/callback-rules/#cb-within-3-days",
        "1 无结果 2026-11-23 20:07 app闪退",
    ]) + "\n")
    # The same query typed with a full-width space, or in full-width capitals, is the same query.
    b = _file(tmp_path, "李四.txt", "\n".join([
        "2 没找到 2026-11-24 09:00 火星　签证",
        "1 无结果 2026-11-24 09:01 回访",
        "1 无结果 2026-11-24 09:02 ＡＰＰ 闪退",
    ]) + "\n")
    records = misses.read([a, b])
    assert [(r.query, r.count, r.kind, r.line) for r in records] == [
        ("火星签证", 3, "无结果", 3),
        ("记忆模糊", 2, "没找到", 4),
        ("app闪退", 1, "无结果", 6),
        ("火星　签证", 2, "没找到", 3),
        ("回访", 1, "无结果", 4),
        ("ＡＰＰ 闪退", 1, "无结果", 5),
    ]
    assert records[1].shown == ["回访规范 › 三天内回访 | /rules/callback-rules/#cb-within-3-days"]
    merged = misses.merge(records)
    first = merged[0]
    assert (first.text, first.count, len(first.files), dict(first.kinds), first.last) == (
        "火星签证", 5, 2, {"无结果": 3, "没找到": 2}, "2026-11-24 09:00")
    # Asked by two learners first (then more often first), each under the spelling seen first.
    assert [(q.text, q.count, len(q.files)) for q in merged] == [("火星签证", 5, 2), ("app闪退", 2, 2), ("记忆模糊", 2, 1), ("回访", 1, 1)]


def test_report_says_which_queries_need_an_alias_and_which_a_topic(mini: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, "a.txt", "\n".join([
        "2 没找到 2026-11-23 20:05 打电话问满意度",  # 电话 and 满意 are in the callback script, 打 nowhere
        "1 无结果 2026-11-23 20:05 记忆模糊",  # only in a rule's rationale
        "1 无结果 2026-11-23 20:05 火星签证",  # nothing like it
        "1 没找到 2026-11-23 20:05 回访",  # a title
        "1 无结果 2026-11-23 20:05 怎么办吗",  # only question words
    ]) + "\n")
    result = run_cli("search-misses", str(path), root=mini)
    assert result.code == 1, result.err
    assert _verdicts(result.out) == {
        "打电话问满意度": "需要加别名",
        "火星签证": "可能缺主题",
        "记忆模糊": "正文已有",
        "回访": "标题或别名已有",
        "怎么办吗": "太笼统",
    }
    assert result.out.startswith("读取了 1 个文件，共 5 条记录，合并为 5 个不同的搜索词。")
    alias = _block(result.out, "打电话问满意度")
    assert "2 次，1 个文件（没找到 2；最近 2026-11-23 20:05）" in alias
    assert "缺的词：打" in alias and "最相关：回访话术（data/scripts/callback.yml:1:1）" in alias
    assert "手册里没有：火星签证" in result.out
    assert "已有：三天内回访（data/rules/callback-rules.yml:8:5）" in result.out


def test_an_alias_the_report_asks_for_moves_the_query_to_found(mini: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, "a.txt", "1 没找到 2026-11-23 20:05 打电话问满意度\n")
    assert _verdicts(run_cli("search-misses", str(path), root=mini).out) == {"打电话问满意度": "需要加别名"}
    edit(mini, "data/glossary.yml", "    term: 回访\n", "    term: 回访\n    aliases: [打电话问满意度]\n")
    after = run_cli("search-misses", str(path), root=mini)
    assert _verdicts(after.out) == {"打电话问满意度": "标题或别名已有"}
    assert after.code == 0, after.out


def test_every_bad_line_of_every_file_is_named_and_nothing_is_reported(tmp_path: Path) -> None:
    good = _file(tmp_path, "good.txt", "1 无结果 2026-11-23 20:05 火星签证\n")
    bad = _file(tmp_path, "bad.txt", "\n".join([
        "1 无结果 2026-11-23 20:05 退差价",
        "退差价 3",
        "2 找不到 2026-11-23 20:05 退货",
        "0 没找到 2026-11-23 20:05 退货",
        "1 无结果 2026-11-23 20:05 退\x1b[31m货",
    ]) + "\n")
    stray = tmp_path / "stray.txt"
    stray.write_text("  > 回访规范 | /rules/\n", encoding="utf-8")
    latin1 = tmp_path / "gbk.txt"
    latin1.write_bytes("1 无结果 2026-11-23 20:05 回访\n".encode() + "2 无结果 2026-11-23 20:05 退货\n".encode("gbk"))
    empty = _file(tmp_path, "empty.txt", "")
    result = run_cli("search-misses", str(good), str(bad), str(stray), str(latin1), str(empty), str(tmp_path / "nope.txt"))
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{bad}:4: 看不懂这一行：“退差价 3”。每行应为“次数 类型 日期 时间 搜索词”，例如“2 无结果 2026-11-23 20:05 退差价”。",
        f"{bad}:5: 类型“找不到”不对：只能是“无结果”或“没找到”，例如“2 无结果 2026-11-23 20:05 退差价”。",
        f"{bad}:6: 次数应为正整数（1、2、3……），这里是 0。",
        f"{bad}:7: 这一行有看不见的控制字符。请删掉这一行，或重新从“搜索未命中记录”页面导出。",
        f"{stray}:1: “>”开头的结果行前面没有搜索词行。请把它放在所属的搜索词下面，或删掉。",
        f"{latin1}:2: 不是 UTF-8 文本。请用“搜索未命中记录”页面的“下载文件”重新导出，不要用其他软件另存。",
        f"{empty}: 文件里没有任何搜索记录。是不是选错了文件？应是“搜索未命中记录”页面下载的 搜索未命中-日期.txt。",
        f"{tmp_path / 'nope.txt'}: 找不到这个文件。请检查文件名和路径。",
        "没有生成汇总：请先修正上面的 8 处问题。",
    ]


def test_a_file_saved_with_a_bom_or_windows_line_ends_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(("\ufeff" + HEADER + "2 无结果 2026-11-23 20:05 火星签证\r\n").encode())
    assert [(r.query, r.count) for r in misses.read([path])] == [("火星签证", 2)]


def test_no_file_is_a_usage_error_in_chinese() -> None:
    result = run_cli("search-misses")
    assert result.code == 2
    assert result.err.splitlines() == [
        "用法：python -m scripts_gen search-misses [-h] 文件 [文件 ...]",
        "错误：缺少必需的参数：文件",
        "用法说明：python -m scripts_gen search-misses --help",
    ]


def test_the_real_handbook_reads_a_query_its_aliases_answer() -> None:
    """On the real data: 骂人 is an alias (see tests/browser/test_search_ui.py), a made-up word is not there."""
    corpus = misses.Corpus(load_handbook(REPO))
    verdicts = {q: corpus.classify(misses.Query(q)).verdict for q in ("骂人", "火星移民签证", "请问怎么办")}
    assert verdicts == {"骂人": misses.Verdict.IN_NAMES, "火星移民签证": misses.Verdict.NEW_TOPIC, "请问怎么办": misses.Verdict.VAGUE}


# Question sets of the site search that the report's ranking was never tuned on (its two knobs,
# COMMON_WEIGHT and the doubled title/alias weight, were chosen on queries.yml and heldout.yml;
# dev3.yml and blind3.yml were written after that and measured once: 0.81 over all six).
UNTUNED = ("sealed.yml", "fresh.yml", "blind.yml", "blind2.yml", "dev3.yml", "blind3.yml")


def test_sections_the_report_names_hold_the_answer_to_natural_questions() -> None:
    """For a query that needs an alias the editor is told where it belongs: on natural questions with
    known answers, the answering page is among the three sections named (measured 0.81 on 557)."""
    corpus = misses.Corpus(load_handbook(REPO))
    hits = total = 0
    for name in UNTUNED:
        questions = yaml.safe_load((TESTS / "fixtures" / "search" / name).read_text(encoding="utf-8"))["questions"]
        for item in questions:
            near = corpus.ranked(corpus.words(item["q"]), corpus.sections)[: misses.NEAREST]
            pages = {answer.split("#")[0] for answer in item["answers"]}
            hits += any(s.url.split("#")[0] in pages for s in near)
            total += 1
    print(f"\nsearch-misses：{total} 个自然问题中，答案所在页面在报告列出的前 {misses.NEAREST} 个条目里的占 {hits / total:.2f}")
    assert total >= 300
    assert hits / total >= 0.75
