"""Throughput benchmark of the taboo matcher (not a test).

    python bench/bench_taboo.py [--mb 100] [--seed 20240501]

Generates a deterministic transcript corpus (seeded random Chinese agent and
customer lines) in a temporary directory, then times, line by line:

* ``scripts_gen.taboo.matcher.Matcher.find`` with (a) the handbook's list
  (data/taboos/*.yml, or a built-in sample when there is none yet) and
  (b) 1,000 synthetic phrases drawn from the corpus' own character
  frequencies (the hard case: almost every position starts a candidate);
* a naive baseline: one big ``re`` alternation sorted longest-first over an
  NFKC-normalised line, plus a naive exception check.

Prints a Markdown table; MB means megabytes of UTF-8 corpus.
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
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

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


def naive_finder(taboos: Sequence[Taboo]) -> Callable[[str], int]:
    def norm(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = text.replace("恩", "嗯").replace("喔", "哦").replace("噢", "哦")
        return re.sub(r"[^\S\n]|[\u200b-\u200d\u2060\ufeff]", "", text)

    owner = {norm(p): t for t in taboos for p in t.phrases}
    pattern = re.compile("|".join(re.escape(p) for p in sorted(owner, key=len, reverse=True)))

    def covered(line: str, start: int, end: int, taboo: Taboo) -> bool:
        for exception in map(norm, taboo.exceptions):
            at = line.find(exception)
            while at >= 0:
                if at <= start and end <= at + len(exception):
                    return True
                at = line.find(exception, at + 1)
        return False

    def find(line: str) -> int:
        line = norm(line)
        return sum(not covered(line, m.start(), m.end(), owner[m.group()]) for m in pattern.finditer(line))

    return find


def timed(lines: list[str], find: Callable[[str], object]) -> tuple[float, int]:
    hits, start = 0, time.perf_counter()
    for line in lines:
        result = find(line)
        hits += result if isinstance(result, int) else len(result)  # type: ignore[arg-type]
    return time.perf_counter() - start, hits


def main() -> int:
    parser = argparse.ArgumentParser(description="禁语检查器吞吐量基准")
    parser.add_argument("--mb", type=float, default=100.0, help="语料大小（MB，默认 100）")
    parser.add_argument("--seed", type=int, default=20240501, help="随机种子")
    parser.add_argument("--skip-naive", action="store_true", help="不跑朴素基线")
    args = parser.parse_args()
    zipf = Zipf(random.Random(args.seed))
    synthetic = synthetic_taboos(zipf)
    real_name, real = load_real()
    inject = [p for t in real for p in t.phrases] + [p for t in synthetic for p in t.phrases]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        write_corpus(corpus, args.mb, zipf, inject)
        megabytes = corpus.stat().st_size / 1_000_000
        with corpus.open(encoding="utf-8") as handle:
            lines = [line.rstrip("\n") for line in handle]
    print(f"语料：{megabytes:.1f} MB，{len(lines):,} 行；Python {sys.version.split()[0]}\n")
    print("| 词表 | 说法数 | 本实现 MB/s | 朴素基线 MB/s | 倍数 | 命中（本实现 / 基线） | 建表耗时 s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, taboos in ((real_name, real), ("合成词表", synthetic)):
        start = time.perf_counter()
        matcher = Matcher(taboos)
        build = time.perf_counter() - start
        ours, ours_hits = timed(lines, matcher.find)
        if args.skip_naive:
            naive, naive_hits = float("nan"), 0
        else:
            naive, naive_hits = timed(lines, naive_finder(taboos))
        phrases = sum(len(t.phrases) for t in taboos)
        print(f"| {name} | {phrases} | {megabytes / ours:.1f} | {megabytes / naive:.1f} | "
              f"{naive / ours:.1f}× | {ours_hits:,} / {naive_hits:,} | {build:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
