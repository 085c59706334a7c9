"""The real handbook under data/: valid, and nothing from the seeds dropped."""

from __future__ import annotations

from helpers import REPO

from scripts_gen.handbook.book import Handbook
from scripts_gen.problems import HandbookError
from scripts_gen.project import load_handbook
from scripts_gen.site.pages import carriers


def _book() -> Handbook:
    try:
        return load_handbook(REPO)
    except HandbookError as err:
        raise AssertionError("data/ 校验失败：\n" + err.report()) from None


def test_data_is_valid() -> None:
    book = _book()
    assert book.sources is not None and book.glossary is not None


def test_every_source_section_is_carried_by_an_entry() -> None:
    book = _book()
    assert book.sources is not None
    cited = carriers(book)
    gaps = [
        f"{book.sources.path}:{book.sources.doc.where(('documents', d, 'sections', s, 'id'))[0]}: {section.id} {section.title}"
        for d, doc in enumerate(book.sources.entry.documents)
        for s, section in enumerate(doc.sections)
        if section.id not in cited
    ]
    assert gaps == [], "以下资料章节没有任何条目引用（内容可能被遗漏）：\n" + "\n".join(gaps)


def test_every_seed_document_is_listed() -> None:
    book = _book()
    assert book.sources is not None
    listed = {d.id for d in book.sources.entry.documents}
    assert {"000", "001", "002", "003", "004", "general"} <= listed


def test_content_slice_of_the_backbone_is_present() -> None:
    book = _book()
    ids = {i.entry.id for _, i in book.everything()}
    assert {"online-service-specialist", "callback", "online-consultation", "complaint-handling"} <= ids
    callback = next(i.entry for i in book.scripts if i.entry.id == "callback")
    conditions = [b.condition for s in callback.steps for b in s.branches]
    assert any("不满意" in c for c in conditions) and any("满意" in c and "不" not in c for c in conditions)
