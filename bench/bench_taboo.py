"""Throughput benchmark of the taboo matcher (not a test).

    python bench/bench_taboo.py [--mb 20] [--seed 20240501]

Generates a deterministic transcript corpus (seeded random Chinese agent and
customer lines) in a temporary directory, then, with (a) the handbook's list
(data/taboos/*.yml) and (b) 1,000 synthetic phrases drawn from the corpus' own
character frequencies (the hard case: almost every position starts a candidate),
times line by line:

* ``Matcher.find`` end to end (compaction, candidates, context judgement);
* the candidate scan alone on already-compacted lines, by four engines that must
  return the same leftmost-longest, non-overlapping spans:
  the matcher's trie expression, a plain ``re`` alternation sorted longest-first,
  pyahocorasick (``iter_long``) and ahocorasick_rs (``MatchKind.LeftmostLongest``).

Times are CPU seconds of this process (time.process_time), so other work on a
shared machine disturbs them less. Prints a Markdown table; MB means megabytes of
UTF-8 corpus.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import ahocorasick  # type: ignore[import-not-found]
import ahocorasick_rs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts_gen.handbook.models import Taboo  # noqa: E402
from scripts_gen.taboo.matcher import Matcher  # noqa: E402

VOCAB = [
    "您好", "请问", "有什么", "可以", "帮您", "订单", "退款", "物流", "快递", "已经", "为您", "查询", "一下", "稍等", "感谢",
    "您的", "耐心", "我们", "这边", "系统", "显示", "正在", "处理", "工作日", "到账", "地址", "电话", "核实", "身份", "信息",
    "申请", "售后", "换货", "满意", "评价", "还有", "其他", "问题", "吗", "好的", "明白", "理解", "心情", "抱歉", "给您", "带来",
    "不便", "马上", "反馈", "相关", "部门", "回复", "时间", "预计", "今天", "明天", "下午", "上午", "客户", "会员", "积分",
    "优惠券", "活动", "规则", "说明",
]

SAMPLE = [
    Taboo(id="bu-zhi-dao", phrases=["不知道", "不清楚"], reason="推诿", alternatives=["我帮您查一下"],
          exceptions=["不知道您现在方便吗", "如有不清楚的地方请随时联系"]),
    Taboo(id="mei-ban-fa", phrases=["没办法", "我也没办法"], reason="推诿", alternatives=["我们一起想办法"]),
    Taboo(id="bu-gui-wo-guan", phrases=["不归我们管", "找别人去"], reason="推诿", alternatives=["我帮您转接"]),
    Taboo(id="zi-ji-kan", phrases=["你自己看"], reason="不耐烦", alternatives=["我带您一起看"]),
    Taboo(id="gui-ding", phrases=["这是规定"], reason="生硬", alternatives=["根据相关规定，我们可以这样处理"]),
    Taboo(id="ting-bu-dong", phrases=["你听不懂吗"], reason="指责", alternatives=["可能我没说清楚"]),
    Taboo(id="bu-xing", phrases=["不行", "不可能"], reason="生硬", alternatives=["这样处理可能更好"],
          exceptions=["行不行", "不行动"]),
    Taboo(id="en", phrases=["恩"], reason="敷衍", alternatives=["好的"]),
]


def gb2312_chars(rng: random.Random) -> list[str]:
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes([hi, lo]).decode("gb2312"))
    rng.shuffle(chars)
    return chars


class Zipf:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.chars = gb2312_chars(rng)
        self.cum = list(itertools.accumulate(1 / (i + 1) for i in range(len(self.chars))))

    def draw(self, k: int) -> str:
        return "".join(self.rng.choices(self.chars, cum_weights=self.cum, k=k))


def synthetic_taboos(zipf: Zipf, count: int = 1000) -> list[Taboo]:
    phrases: list[str] = []
    seen: set[str] = set()
    while len(phrases) < count:
        phrase = zipf.draw(zipf.rng.randint(2, 5))
        if phrase not in seen:
            seen.add(phrase)
            phrases.append(phrase)
    return [
        Taboo(id=f"syn-{i}", phrases=phrases[i * 4:i * 4 + 4], reason="合成", alternatives=["合成替代"],
              exceptions=[zipf.draw(1) + phrases[i * 4] + zipf.draw(1)])
        for i in range(count // 4)
    ]


def make_line(zipf: Zipf, inject: Sequence[str]) -> str:
    rng = zipf.rng
    pieces = []
    for _ in range(rng.randint(4, 12)):
        pieces.append(rng.choice(VOCAB) if rng.random() < 0.6 else zipf.draw(rng.randint(1, 3)))
        if rng.random() < 0.15:
            pieces.append("，")
    if rng.random() < 0.04:
        pieces.insert(rng.randrange(len(pieces) + 1), rng.choice(inject))
    speaker = "客服：" if rng.random() < 0.55 else "客户："
    return speaker + "".join(pieces) + rng.choice("。。。？！")


def write_corpus(path: Path, megabytes: float, zipf: Zipf, inject: Sequence[str]) -> None:
    limit, size = int(megabytes * 1_000_000), 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while size < limit:
            block = "".join(make_line(zipf, inject) + "\n" for _ in range(1000))
            out.write(block)
            size += len(block.encode("utf-8"))


def load_real() -> tuple[str, list[Taboo]]:
    files = sorted((ROOT / "data" / "taboos").glob("*.yml"))
    try:
        import yaml

        from scripts_gen.handbook.models import TabooSet

        taboos = [t for f in files for t in TabooSet.model_validate(
            yaml.safe_load(f.read_text(encoding="utf-8"))).taboos]
    except Exception as err:  # the benchmark must still run on a half-written list
        print(f"（读取 data/taboos 失败，改用内置示例：{err}）", file=sys.stderr)
        taboos = []
    if taboos:
        return f"手册词表（data/taboos，{len(files)} 个文件）", taboos
    return "内置示例词表", SAMPLE


Engine = Callable[[str], list[tuple[int, int]]]


def engines(matcher: Matcher) -> dict[str, Engine]:
    """Candidate scanners over compact text, each giving leftmost-longest non-overlapping spans."""
    phrases = matcher.phrases
    trie = matcher.pattern
    assert trie is not None
    alternation = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        automaton.add_word(phrase, len(phrase))
    automaton.make_automaton()
    rust = ahocorasick_rs.AhoCorasick(phrases, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def by_trie(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in trie.finditer(text)]

    def by_alternation(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in alternation.finditer(text)]

    def by_pyahocorasick(text: str) -> list[tuple[int, int]]:
        return [(end + 1 - size, end + 1) for end, size in automaton.iter_long(text)]

    def by_rust(text: str) -> list[tuple[int, int]]:
        return [(start, end) for _, start, end in rust.find_matches_as_indexes(text)]

    return {"本实现（字典树正则）": by_trie, "re 交替式": by_alternation,
            "pyahocorasick": by_pyahocorasick, "ahocorasick_rs": by_rust}


def timed(lines: list[str], find: Callable[[str], list[Any]]) -> tuple[float, int]:
    hits, start = 0, time.process_time()
    for line in lines:
        hits += len(find(line))
    return time.process_time() - start, hits


def main() -> int:
    parser = argparse.ArgumentParser(description="禁语检查器吞吐量基准")
    parser.add_argument("--mb", type=float, default=20.0, help="语料大小（MB，默认 20）")
    parser.add_argument("--seed", type=int, default=20240501, help="随机种子")
    args = parser.parse_args()
    zipf = Zipf(random.Random(args.seed))
    synthetic = synthetic_taboos(zipf)
    real_name, real = load_real()
    inject = [p for t in real for p in t.phrases if "…" not in p] + [p for t in synthetic for p in t.phrases]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        write_corpus(corpus, args.mb, zipf, inject)
        megabytes = corpus.stat().st_size / 1_000_000
        with corpus.open(encoding="utf-8") as handle:
            lines = [line.rstrip("\n") for line in handle]
    print(f"语料：{megabytes:.1f} MB，{len(lines):,} 行；Python {sys.version.split()[0]}，"
          f"pyahocorasick {version('pyahocorasick')}，ahocorasick_rs {version('ahocorasick-rs')}\n")
    print("| 词表 | 说法数 | 引擎 | MB/s | 命中 | 建表耗时 s |")
    print("|---|---:|---|---:|---:|---:|")
    for name, taboos in ((real_name, real), ("合成词表", synthetic)):
        start = time.perf_counter()
        matcher = Matcher(taboos)
        build = time.perf_counter() - start
        phrases = sum(len(t.phrases) for t in taboos)
        seconds, hits = timed(lines, matcher.find)
        print(f"| {name} | {phrases} | Matcher.find 端到端（含规范化与上下文判断） | {megabytes / seconds:.1f} | {hits:,} | "
              f"{build:.2f} |")
        compact = [matcher.compact(line) for line in lines]
        spans: dict[str, list[tuple[int, int]]] = {}
        for engine, scan in engines(matcher).items():
            start = time.process_time()
            found = [scan(line) for line in compact]
            seconds = time.process_time() - start
            spans[engine] = [s for line in found for s in line]
            print(f"| {name} | {len(matcher.phrases)} | 候选扫描：{engine} | {megabytes / seconds:.1f} | "
                  f"{len(spans[engine]):,} | |")
        reference = spans["本实现（字典树正则）"]
        for engine, got in spans.items():
            if got != reference:
                print(f"**{engine} 与本实现的命中不同**（{len(got)} / {len(reference)}）", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
