"""Real transcript formats, channels, bounded memory, required wording, reports and waivers (handbook's own lists)."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, run_cli

from scripts_gen.project import load_handbook
from scripts_gen.taboo.matcher import Matcher
from scripts_gen.taboo.specs import all_taboos, requirements
from scripts_gen.taboo.transcripts import InputProblem, Options, Summary, Violation, lint_lines, lint_path

BOOK = load_handbook(REPO)
MATCHER = Matcher(all_taboos(BOOK))
NEEDS = requirements(BOOK)


def lint_json(tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, dict[str, Any], str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run_cli("lint", str(path), "--format", "json", *args)
    return done.code, json.loads(done.out), done.err


def found(doc: dict[str, Any], kind: str = "taboo") -> list[tuple[int, str]]:
    return [(v["line"], v["taboo_id"]) for v in doc["violations"] if v["kind"] == kind]


@pytest.mark.parametrize("prefix", [
    "客服：", "[09:12:03] 客服：", "2024-05-01 09:12:03 客服小林：", "坐席：", "【客服】", "客服(1023)：", "客服（1023）：",
    "Agent: ", "  座席 ：",
])
def test_every_real_agent_prefix_is_checked(prefix: str) -> None:
    events = list(lint_lines([f"{prefix}这个我不知道"], MATCHER))
    assert [e.taboo_id for e in events if isinstance(e, Violation)] == ["taboo-buzhidao"], prefix
    assert events[-1] == Summary("<stdin>", 1, 1)


def test_agent_names_and_ids_are_kept_for_the_per_agent_report() -> None:
    events = list(lint_lines(["客服小林：我不知道", "客服(1023)：不清楚", "[09:00:01] 客服：好的"], MATCHER))
    assert [(e.agent, e.taboo_id) for e in events if isinstance(e, Violation)] == [
        ("小林", "taboo-buzhidao"), ("1023", "taboo-buqingchu")]
    summary = events[-1]
    assert isinstance(summary, Summary) and dict(summary.agents) == {"小林": 1, "1023": 1, "": 1}


def test_continuation_lines_belong_to_the_speaker_above() -> None:
    lines = ["客服：您好，退款的事情", "我这边确实不知道", "客户：那怎么办", "您说的不知道是什么意思"]
    events = list(lint_lines(lines, MATCHER))
    assert [(e.line, e.column) for e in events if isinstance(e, Violation)] == [(2, 6)]


def test_unrecognised_lines_are_counted_and_reported_as_a_warning(tmp_path: Path) -> None:
    text = "会话来源：小程序\n客服：您好\n（图片）\n\n不知道写给谁的一行\n主管：我不知道\n客服：感谢您的咨询\n"
    code, doc, err = lint_json(tmp_path, "a.txt", text)
    assert code == 0  # a warning is not an error
    assert doc["summaries"][0]["unrecognised_lines"] == 3
    assert doc["warnings"] == [f"{tmp_path / 'a.txt'}:1: 有 3 行认不出说话人，未检查（第 1、5、6 行）。修改方法：给这些行加上"
                               "“客服：”“客户：”这样的前缀，或用 --agent-prefix / --customer-prefix 指定本文件的写法。"]
    assert "警告：" in err


def test_channel_scoping_from_separator_column_and_option(tmp_path: Path) -> None:
    chat = "==== 会话 A1 渠道：在线 ====\n客服：您好\n客服：嗯\n==== 会话 B2 渠道：电话 ====\n客服：您好\n客服：嗯\n"
    code, doc, _ = lint_json(tmp_path, "a.txt", chat, "--no-required")
    assert (code, found(doc)) == (1, [(3, "taboo-en")])
    assert [v["session"] for v in doc["violations"]] == ["A1"]
    rows = "session,channel,speaker,text\nx,电话,坐席,嗯\ny,在线,坐席,嗯\n"
    assert found(lint_json(tmp_path, "b.csv", rows, "--no-required")[1]) == [(3, "taboo-en")]
    aliases = "session,channel,speaker,text\nx,Phone,坐席,嗯\ny,chat,坐席,嗯\nz,微博,坐席,嗯\n"
    code, doc, _ = lint_json(tmp_path, "d.csv", aliases, "--no-required")
    assert code == 1
    assert found(doc) == [(3, "taboo-en"), (4, "taboo-en")]  # 微博 is unknown: every taboo applies
    assert doc["warnings"] == [f"{tmp_path / 'd.csv'}:4: 不认识的渠道“微博”，这些会话按渠道未知处理（所有禁语都检查）。"
                               "修改方法：写成 电话、在线、回访、短信、邮件、面谈 之一。"]
    plain = "客服：嗯\n"
    assert found(lint_json(tmp_path, "c.txt", plain, "--channel", "电话", "--no-required")[1]) == []
    assert found(lint_json(tmp_path, "c.txt", plain, "--channel", "在线", "--no-required")[1]) == [(1, "taboo-en")]
    assert found(lint_json(tmp_path, "c.txt", plain, "--no-required")[1]) == [(1, "taboo-en")]  # unknown: all apply


class _Zeros:
    """A 'file' of ``size`` NUL bytes without a newline, then one agent line; never materialised."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.tail = "\n客服：我不知道\n".encode()

    def readline(self, size: int = -1) -> bytes:
        assert 0 < size <= (1 << 20) + 1
        if self.left:
            take = min(size, self.left)
            self.left -= take
            return b"\0" * take
        cut = self.tail.find(b"\n") + 1
        chunk, self.tail = self.tail[:cut], self.tail[cut:]
        return chunk

    def __enter__(self) -> _Zeros:
        return self

    def __exit__(self, *_: object) -> None:
        pass


def test_a_huge_line_of_zeros_is_skipped_in_bounded_memory() -> None:
    tracemalloc.start()
    try:
        events = list(lint_path("zeros.txt", MATCHER, Options(), _Zeros(64 << 20)))  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 << 20
    problems = [e for e in events if isinstance(e, InputProblem)]
    assert [(p.line, p.warning) for p in problems] == [(1, True)]
    assert "第 1 行超过 1 MiB" in problems[0].message
    assert [(e.line, e.taboo_id) for e in events if isinstance(e, Violation)] == [(2, "taboo-buzhidao")]


def test_required_opening_and_closing_name_the_rule(tmp_path: Path) -> None:
    good = "==== 会话 1 渠道：在线 ====\n客户：在吗\n客服：您好，欢迎光临\n客服：好的\n客服：感谢您的光临\n"
    assert found(lint_json(tmp_path, "g.txt", good)[1], "required") == []
    bad = "==== 会话 1 渠道：在线 ====\n客户：在吗\n客服：亲\n客服：稍等\n客服：发货了\n客服：好的\n"
    code, doc, _ = lint_json(tmp_path, "b.txt", bad)
    assert code == 1
    assert found(doc, "required") == [(3, "online-consult-greet-5s"), (6, "shop-practice-quick-phrases")]
    assert doc["violations"][0]["message"].startswith("客服前 2 句没有开场问候（5 秒内问候客户：应说“您好”")
    (tmp_path / "b.txt").write_text(bad, encoding="utf-8")
    assert run_cli("lint", str(tmp_path / "b.txt")).out.splitlines()[-1] == (
        f"{tmp_path / 'b.txt'}：客服发言 4 行，禁语 0 处，必说缺失 2 处，每百行 50.00 处")
    phone = "==== 会话 2 渠道：电话 ====\n客服：喂\n客服：请讲\n客服：好的\n"
    assert found(lint_json(tmp_path, "p.txt", phone)[1], "required") == [(2, "phone-consult-ring")]


def test_required_wording_of_a_tagged_script(tmp_path: Path) -> None:
    said = "==== 会话 9 渠道：电话 话术：callback ====\n客服：您好，我是幸福物业的客服小林\n客服：请问您对这次服务满意吗？\n"
    assert found(lint_json(tmp_path, "s.txt", said)[1], "required") == []
    missed = "==== 会话 9 渠道：电话 话术：callback ====\n客服：您好\n客服：请问您对这次服务满意吗？\n"
    doc = lint_json(tmp_path, "m.txt", missed)[1]
    assert found(doc, "required") == [(3, "callback-open")]
    assert "话术 callback 的“开场”这一步" in doc["violations"][0]["message"]
    untagged = lint_json(tmp_path, "u.txt", missed.replace(" 话术：callback", ""))[1]
    assert found(untagged, "required") == []
    assert found(lint_json(tmp_path, "u.txt", missed.replace(" 话术：callback", ""),
                           "--script", "callback")[1], "required") == [(3, "callback-open")]


HOSTILE = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in [
    {"session": "<b>1</b>", "channel": "在线", "speaker": "客服", "agent": "<img src=x onerror=alert(1)>",
     "text": "您好，<script>alert(1)</script>不知道"},
    {"session": "<b>1</b>", "channel": "在线", "speaker": "客服", "agent": "小林", "text": "感谢您的光临"},
])


def test_html_report_escapes_everything_and_links_the_handbook(tmp_path: Path) -> None:
    path = tmp_path / "h<i>.jsonl"
    path.write_text(HOSTILE, encoding="utf-8")
    done = run_cli("lint", str(path), "--format", "html", "--handbook-url", "https://kb.example/")
    assert done.code == 1
    page = done.out
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "h&lt;i&gt;.jsonl" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>不知道</mark>" in page
    twice = tmp_path / "t.txt"
    twice.write_text("客服：“不知道”是您说的吧？我也不知道\n", encoding="utf-8")
    assert "“不知道”是您说的吧？我也<mark>不知道</mark>" in run_cli("lint", str(twice), "--format", "html").out
    assert '<a href="https://kb.example/taboos/evasive/#taboo-buzhidao">taboo-buzhidao</a>' in page
    assert "这个问题我马上帮您查询，请您稍等。" in page  # the alternative
    assert "<h2>按客服</h2>" in page and "<h2>按文件</h2>" in page and "<h2>按禁语和规范</h2>" in page
    assert "http://" not in page.replace("https://kb.example/", "")  # nothing else from elsewhere


def test_csv_report_for_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("客服小周：不清楚\n客服小周：感谢您的来电\n", encoding="utf-8")
    done = run_cli("lint", str(path), "--format", "csv", "--no-required")
    assert done.out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(done.out.lstrip("\ufeff"))))
    assert [(r["行"], r["客服"], r["编号"], r["命中"], r["类型"]) for r in rows] == [
        ("1", "小周", "taboo-buqingchu", "不清楚", "禁语")]
    assert rows[0]["建议说法"].startswith("这个问题我查询后给您准确答复") and rows[0]["手册链接"].endswith(
        "vague-replies/index.html#taboo-buqingchu")


def test_a_waived_finding_stays_waived_when_lines_move(tmp_path: Path) -> None:
    text = "客服：您好\n客服：我不知道\n客服：不清楚\n"
    code, doc, _ = lint_json(tmp_path, "w.txt", text, "--no-required")
    assert code == 1
    waived = doc["violations"][0]["fingerprint"]
    (tmp_path / "w.txt.waivers.yml").write_text(
        f"waivers:\n  - fingerprint: {waived}\n    reason: 客户确认过，是复述\n", encoding="utf-8")
    moved = "客服：您好\n客户：在吗\n客服：稍等\n客服：我不知道\n客服：不清楚\n"
    code, doc, _ = lint_json(tmp_path, "w.txt", moved, "--no-required")
    assert code == 1  # the other finding still counts
    assert [(v["line"], v["waived"]) for v in doc["violations"]] == [(4, "客户确认过，是复述"), (5, None)]
    code, doc, err = lint_json(tmp_path, "w.txt", "客服：我不知道\n", "--no-required")
    assert code == 0 and doc["violations"][0]["waived"] == "客户确认过，是复述"
    code, doc, err = lint_json(tmp_path, "w.txt", "客服：您好\n", "--no-required")
    assert code == 0 and f"豁免记录 {waived} 没有对应的发现" in err


def test_a_broken_waiver_file_names_file_line_column(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("客服：我不知道\n", encoding="utf-8")
    (tmp_path / "x.txt.waivers.yml").write_text("waivers:\n  - fingerprint: abc\n", encoding="utf-8")
    done = run_cli("lint", str(tmp_path / "x.txt"))
    assert done.code == 2
    assert f"{tmp_path / 'x.txt.waivers.yml'}:2:5: [waiver-format] 第 1 条豁免缺少 fingerprint" in done.err
