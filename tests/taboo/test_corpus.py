"""The outcome a QA reviewer sees: precision and recall of ``lint`` on the labelled corpus.

The corpus (tests/taboo/corpus) was written before the matcher was tuned; the
``holdout`` split was never looked at line by line while tuning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_tools import CORPUS, SPLITS, rendered, score
from helpers import REPO

from scripts_gen.project import load_handbook
from scripts_gen.taboo.matcher import Matcher
from scripts_gen.taboo.specs import all_taboos
from scripts_gen.taboo.transcripts import InputProblem, Options, Violation, lint_path

MATCHER = Matcher(all_taboos(load_handbook(REPO)))


@pytest.mark.parametrize("split", SPLITS)
def test_rendered_corpus_matches_its_source(split: str) -> None:
    for name, content in rendered(split).items():
        assert (CORPUS / split / name).read_text(encoding="utf-8") == content, (
            f"{split}/{name} 与 {split}.src 不一致：运行 .venv/bin/python tests/corpus_tools.py")


def test_corpus_is_big_enough_and_covers_both_channels() -> None:
    labels = [line for split in SPLITS for line in (CORPUS / split / "expected.jsonl").read_text("utf-8").splitlines()]
    assert len(labels) >= 400
    assert '"channel": "电话"' in "".join(labels) and '"channel": "在线"' in "".join(labels)


@pytest.mark.parametrize("split", SPLITS)
def test_precision_and_recall_on_the_labelled_corpus(split: str) -> None:
    found: dict[tuple[str, int], set[str]] = {}
    warnings: list[str] = []
    for name in ("chat.txt", "sessions.csv", "sessions.jsonl"):
        for event in lint_path(str(Path(CORPUS / split / name)), MATCHER, Options()):
            if isinstance(event, Violation) and event.kind == "taboo":
                found.setdefault((name, event.line), set()).add(event.taboo_id)
            elif isinstance(event, InputProblem):
                assert event.warning, event.format()
                warnings.append(event.format())
    result = score(split, found)
    print(result.report(split))  # the misses and false positives, for whoever tunes next
    assert result.precision >= 0.95 and result.recall >= 0.95, result.report(split)
    # Each text transcript has exactly one metadata line (会话来源：…) that is no one's speech.
    assert len(warnings) == 1 and "有 1 行认不出说话人" in warnings[0]
