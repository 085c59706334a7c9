"""Linting transcripts: formats, speakers, encodings, outputs, exit codes, streaming."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts_gen.argparse_zh import ChineseParser
from scripts_gen.handbook.models import Taboo
from scripts_gen.taboo.lint import DESCRIPTION, add_arguments, lint_command
from scripts_gen.taboo.matcher import Matcher
from scripts_gen.taboo.transcripts import InputProblem, Options, Summary, Violation, fingerprint, lint_lines, lint_path

TABOOS = [
    Taboo.model_validate({
        "id": "bu-zhi-dao", "phrases": ["不知道"], "reason": "推诿，让客户觉得没人负责。",
        "alternatives": ["我帮您查一下", "请稍等，我确认一下"], "exceptions": ["不知道您现在方便吗"],
        "specs": {"flag": ["我不知道"], "pass": ["不知道您现在方便吗？"]},
    }),
    Taboo.model_validate({"id": "en", "phrases": ["恩"], "reason": "敷衍。", "alternatives": ["好的"]}),
]
MATCHER = Matcher.from_taboos(TABOOS)
SUGGEST = "建议：我帮您查一下；请稍等，我确认一下"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(tmp_path)

    def call(files: dict[str, str | bytes], *args: str) -> tuple[int, list[str], list[str]]:
        for name, content in files.items():
            if isinstance(content, str):
                (tmp_path / name).write_text(content, encoding="utf-8")
            else:
                (tmp_path / name).write_bytes(content)
        code = lint_main([*files, *args], TABOOS)
        out, err = capsys.readouterr()
        return code, out.splitlines(), err.splitlines()

    return call


TRANSCRIPT = "客服：您好，请问有什么可以帮您？\n客户:我的快递不知道到哪了\n客服：我不知道，恩。\n\n客服：不知道您现在方便吗？\n"



def lint_main(argv: list[str], taboos: list[Taboo]) -> int:
    """``lint`` with a taboo list of the test's own (the CLI always uses the handbook's)."""
    parser = ChineseParser(prog="python -m scripts_gen lint", usage="%(prog)s [选项] FILE [FILE ...]", description=DESCRIPTION)
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    return lint_command(args, taboos)


def test_text_only_agent_lines_with_original_columns(cli: Any) -> None:
    code, out, err = cli({"a.txt": TRANSCRIPT})
    assert (code, err) == (1, [])
    assert out == [
        f"a.txt:3:5: bu-zhi-dao «不知道» → {SUGGEST}",
        "a.txt:3:9: en «恩» → 建议：好的",
        "a.txt：客服发言 3 行，禁语 2 处，每百行 66.67 处",
    ]


def test_all_speakers(cli: Any) -> None:
    code, out, _ = cli({"a.txt": TRANSCRIPT}, "--all-speakers")
    assert code == 1
    assert out[0] == f"a.txt:2:8: bu-zhi-dao «不知道» → {SUGGEST}"
    assert out[-1] == "a.txt：客服发言 3 行，禁语 3 处，每百行 100.00 处"


def test_prefixes_are_configurable_and_repeatable(cli: Any) -> None:
    text = "坐席：我不知道\n  小二 ： 我不 知道\n客服：我不知道\n买家：我不知道\n"
    code, out, _ = cli({"t.txt": text}, "--agent-prefix", "坐席", "--agent-prefix", "小二", "--customer-prefix", "买家")
    assert code == 1
    assert out == [
        f"t.txt:1:5: bu-zhi-dao «不知道» → {SUGGEST}",
        f"t.txt:2:9: bu-zhi-dao «不 知道» → {SUGGEST}",
        "t.txt：客服发言 2 行，禁语 2 处，每百行 100.00 处",
    ]


def test_clean_transcript_exits_zero(cli: Any) -> None:
    assert cli({"ok.txt": "客服：您好，我帮您查一下。\n"}) == (0, ["ok.txt：客服发言 1 行，禁语 0 处，每百行 0.00 处"], [])


def test_csv_default_columns_bad_row_and_multiline_cell(cli: Any) -> None:
    csv_text = 'speaker,text\n客户,不知道\n客服,"您好，\n我不知道"\noops\nagent,恩\n'
    code, out, err = cli({"c.csv": csv_text})
    assert code == 2
    assert out == [
        f"c.csv:4:2: bu-zhi-dao «不知道» → {SUGGEST}",
        "c.csv:6:1: en «恩» → 建议：好的",
        "c.csv：客服发言 2 行，禁语 2 处，每百行 100.00 处",
    ]
    assert err == ["错误：c.csv:5: 这一行只有 1 列，缺少说话人或文本列；已跳过。"]


def test_csv_custom_columns_and_missing_column(cli: Any) -> None:
    csv_text = "角色,内容\n客服,我不知道\n"
    code, out, _ = cli({"c.csv": csv_text}, "--speaker-column", "角色", "--text-column", "内容")
    assert (code, out[0]) == (1, f"c.csv:2:2: bu-zhi-dao «不知道» → {SUGGEST}")
    code, _, err = cli({"c.csv": csv_text})
    assert code == 2
    assert err == ["错误：c.csv:1: CSV 表头缺少列“speaker”“text”（现有列：角色、内容）。可用 --speaker-column / --text-column 指定列名。"]


def test_jsonl_and_bad_rows(cli: Any) -> None:
    rows = [json.dumps({"speaker": "客服", "text": "恩，不知道"}, ensure_ascii=False), "{oops",
            json.dumps({"speaker": "客服"}), json.dumps({"speaker": "客户", "text": "不知道"}, ensure_ascii=False),
            json.dumps({"speaker": "agent", "text": "我不知道"})]
    code, out, err = cli({"t.jsonl": "\n".join(rows) + "\n"})
    assert code == 2
    assert out == [
        "t.jsonl:1:1: en «恩» → 建议：好的",
        f"t.jsonl:1:3: bu-zhi-dao «不知道» → {SUGGEST}",
        f"t.jsonl:5:2: bu-zhi-dao «不知道» → {SUGGEST}",
        "t.jsonl：客服发言 2 行，禁语 3 处，每百行 150.00 处",
    ]
    assert err == [
        "错误：t.jsonl:2: 不是有效的 JSON（第 2 列：Expecting property name enclosed in double quotes）；已跳过这一行。",
        "错误：t.jsonl:3: 每行应是含字符串字段“speaker”和“text”的 JSON 对象；已跳过这一行。",
    ]


def test_format_option_overrides_extension(cli: Any) -> None:
    code, out, _ = cli({"log.dat": '{"speaker": "客服", "text": "不知道"}\n'}, "--input-format", "jsonl")
    assert (code, out[0]) == (1, f"log.dat:1:1: bu-zhi-dao «不知道» → {SUGGEST}")


GBK_ERROR = ("错误：g.txt:2: 无法按 utf-8 编码读取第 2 行（第 1 个字节处），看起来是 GBK/GB2312 编码（Windows 记事本或 Excel 的默认编码）。"
             "修改方法：加上 --encoding gbk 重新运行，或用编辑器把文件另存为 UTF-8。")


def test_gbk_file_gets_a_clear_error_and_the_encoding_option_works(cli: Any) -> None:
    data = "# call 001\n客服：我不知道\n".encode("gbk")
    assert cli({"g.txt": data}) == (2, [], [GBK_ERROR])
    code, out, _ = cli({"g.txt": data}, "--encoding", "gbk")
    assert (code, out) == (1, [f"g.txt:2:5: bu-zhi-dao «不知道» → {SUGGEST}", "g.txt：客服发言 1 行，禁语 1 处，每百行 100.00 处"])


def test_utf8_bom_is_skipped(cli: Any) -> None:
    code, out, _ = cli({"b.txt": "\ufeff客服：我不知道\n".encode()})
    assert (code, out[0]) == (1, f"b.txt:1:5: bu-zhi-dao «不知道» → {SUGGEST}")


def test_usage_errors_exit_two(cli: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_main(["--nope", "a.txt"], TABOOS) == 2
    assert "错误：不认识的参数：--nope" in capsys.readouterr().err
    assert lint_main(["missing.txt"], TABOOS) == 2
    assert capsys.readouterr().err.startswith("错误：missing.txt:0: 无法打开文件：")


def test_failing_specs_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    bad = Taboo.model_validate({"id": "x", "phrases": ["不行"], "reason": "r", "alternatives": ["好"], "specs": {"flag": ["可以"]}})
    assert lint_main(["whatever.txt"], [bad]) == 2
    assert "禁语 x 的正例（specs.flag 第 1 条）“可以”没有被检查出来。" in capsys.readouterr().err


def test_json_output(cli: Any) -> None:
    code, out, _ = cli({"a.txt": "客服：我不知道\n"}, "--format-out", "json")
    assert code == 1
    assert json.loads("\n".join(out)) == {
        "violations": [{"path": "a.txt", "line": 1, "column": 5, "kind": "taboo", "taboo_id": "bu-zhi-dao",
                        "matched": "不知道", "message": "", "suggestions": ["我帮您查一下", "请稍等，我确认一下"],
                        "session": "", "channel": "", "agent": "", "fingerprint": fingerprint(
                            "a.txt", "", "", "bu-zhi-dao", "我不知道", 1), "waived": None}],
        "summaries": [{"path": "a.txt", "agent_lines": 1, "violations": 1, "per_100": 100.0, "agents": {"": 1},
                       "unrecognised_lines": 0, "required_missing": 0}],
        "errors": [],
        "warnings": [],
    }


def test_sarif_structure(cli: Any) -> None:
    code, out, _ = cli({"a.txt": TRANSCRIPT}, "--format-out", "sarif")
    assert code == 1
    log = json.loads("\n".join(out))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["bu-zhi-dao", "en"]
    assert rules[0]["shortDescription"] == {"text": "禁语：不知道"}
    assert rules[0]["fullDescription"] == {"text": "推诿，让客户觉得没人负责。"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in run["results"]] == [("bu-zhi-dao", 0, "warning"), ("en", 1, "warning")]
    assert len(run["results"][0]["partialFingerprints"]["kefuFinding/v1"]) == 16
    assert run["results"][0]["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "a.txt"}, "region": {"startLine": 3, "startColumn": 5, "endColumn": 8}}}]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert run["properties"]["summaries"] == [{"path": "a.txt", "agent_lines": 3, "violations": 2, "per_100": 66.67,
                                               "agents": {"": 3}, "unrecognised_lines": 0,
                                               "required_missing": 0}]


def test_core_api_on_a_generator_is_lazy() -> None:
    pulled: list[int] = []

    def lines() -> Iterator[str]:
        for number in range(1, 1_000_001):
            pulled.append(number)
            yield "客服：我不知道" if number == 2 else "客户：你好"

    events = lint_lines(lines(), MATCHER, path="gen")
    assert next(events) == Violation("gen", 2, 5, "bu-zhi-dao", "不知道", ("我帮您查一下", "请稍等，我确认一下"))
    assert len(pulled) == 2


def test_core_api_summary_and_problems() -> None:
    events = list(lint_lines(["speaker,text", "客服,恩", "x"], MATCHER, Options(), path="m.csv", fmt="csv"))
    assert events == [
        Violation("m.csv", 2, 1, "en", "恩", ("好的",)),
        InputProblem("m.csv", 3, "这一行只有 1 列，缺少说话人或文本列；已跳过。"),
        Summary("m.csv", 1, 1),
    ]
    assert events[-1].per_100 == 100.0  # type: ignore[union-attr]


class _LinesOnly:
    """A binary file that may only be read a bounded line at a time."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")

    def readline(self, size: int = -1) -> bytes:
        assert 0 < size <= (1 << 20) + 1, "lint must bound every line it reads"
        return self._file.readline(size)

    def read(self, *_: object) -> bytes:
        raise AssertionError("lint must not read the whole file")

    readlines = readall = __iter__ = read

    def __enter__(self) -> _LinesOnly:
        return self

    def __exit__(self, *_: object) -> None:
        self._file.close()


def test_large_file_streams_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    block = "客服：您好，请问有什么可以帮您？\n客户：我想查一下订单物流。\n" * 1000
    with path.open("w", encoding="utf-8") as out:
        for _ in range(60):  # ≈ 6 MB
            out.write(block)
        out.write("客服：我不知道\n")
    tracemalloc.start()
    try:
        events = list(lint_path(str(path), MATCHER, handle=_LinesOnly(path)))  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert events == [Violation(str(path), 120_001, 5, "bu-zhi-dao", "不知道", ("我帮您查一下", "请稍等，我确认一下")),
                      Summary(str(path), 60_001, 1)]
    assert peak < 1_000_000
