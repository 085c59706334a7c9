"""Search aliases: validated like other fields, shown under their title, escaped, findable in the built site."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO, edit, heads, mkdocs_build, pagefind_index

from scripts_gen.project import load_handbook
from scripts_gen.site.pages import render_pages

RULE = "    title: 三天内回访\n"


def _with_aliases(mini: Path, *aliases: str) -> None:
    lines = "".join(f"      - {a!r}\n".replace("'", '"') for a in aliases)
    edit(mini, "data/rules/callback-rules.yml", RULE, f"{RULE}    aliases:\n{lines}")


def test_aliases_render_under_the_rule_title_escaped(mini: Path) -> None:
    _with_aliases(mini, "回电话", "<b>x</b>")
    page = render_pages(load_handbook(mini))["rules/callback-rules.md"]
    heading = page.index("三天内回访 {#cb-within-3-days}")
    line = page.index('<p class="kf-aliases" data-pagefind-weight="5" markdown>也叫：回电话、&lt;b&gt;x&lt;/b&gt;</p>')
    assert heading < line < page.index("必须保证在三天之内")  # 回访 itself now carries its glossary tooltip
    assert "<b>" not in page


def test_alias_equal_to_title_or_repeated_is_reported_with_its_place(mini: Path) -> None:
    _with_aliases(mini, "三天内回访", "回电话", "回电话")
    found = heads(mini)
    assert any(h.startswith("data/rules/callback-rules.yml:11:") and "[alias-duplicate]" in h and "和标题相同" in h for h in found), found
    assert any(h.startswith("data/rules/callback-rules.yml:13:") and "[alias-duplicate]" in h and "重复" in h for h in found), found
    assert len([h for h in found if "[alias-duplicate]" in h]) == 2


def test_alias_inside_its_title_is_reported(mini: Path) -> None:
    # 回访 is part of 三天内回访: the title already finds it, and a weighted copy would pull
    # every search for 回访 to this heading.
    _with_aliases(mini, "回电话", "回访")
    found = [h for h in heads(mini) if "[alias-duplicate]" in h]
    assert len(found) == 1 and found[0].startswith("data/rules/callback-rules.yml:12:") and "已包含在标题里" in found[0], found


def test_empty_alias_is_refused(mini: Path) -> None:
    _with_aliases(mini, " ")
    assert any("callback-rules.yml:11:" in h for h in heads(mini)), heads(mini)


def test_built_page_carries_the_alias_inside_the_indexed_body(mini: Path, tmp_path: Path) -> None:
    # Found by the alias in a browser: tests/browser/test_search_quality.py (骂人).
    _with_aliases(mini, "打电话问满意度")
    shutil.copy(REPO / "mkdocs.yml", mini / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", mini / "overrides")
    shutil.copytree(REPO / "scripts_gen", mini / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", mini / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    out = tmp_path / "site"
    assert mkdocs_build(mini, out).returncode == 0
    html = (out / "rules" / "callback-rules" / "index.html").read_text(encoding="utf-8")
    assert "打电话问满意度" in html and "data-pagefind-body" in html
    result = pagefind_index(out)
    assert result.returncode == 0, result.stderr


def test_script_step_aliases_render_under_the_step_and_are_checked(mini: Path) -> None:
    step = "    title: 询问满意度\n"
    edit(mini, "data/scripts/callback.yml", step, f"{step}    aliases:\n      - 问满不满意\n")
    page = render_pages(load_handbook(mini))["scripts/callback.md"]
    heading = page.index("步：询问满意度 {#cb-ask}")
    line = page.index('<p class="kf-aliases" data-pagefind-weight="5" markdown>也叫：问满不满意</p>')
    assert heading < line < page.index("请问您对我们的服务满意吗")
    edit(mini, "data/scripts/callback.yml", "      - 问满不满意\n", "      - 询问满意度\n")
    assert any("data/scripts/callback.yml:" in h and "[alias-duplicate]" in h for h in heads(mini)), heads(mini)


def test_script_branch_aliases_render_under_the_branch_and_are_checked(mini: Path) -> None:
    # A branch is often the answer itself (the customer calmed down, accepted the price): the
    # new hire types the customer's words (不骂了), not the condition's (停止辱骂).
    branch = "        condition: 客户表示不满意或一般\n"
    edit(mini, "data/scripts/callback.yml", branch, f"{branch}        aliases:\n          - 不太满意\n          - 一般般\n")
    assert not [h for h in heads(mini) if "callback.yml" in h], heads(mini)
    page = render_pages(load_handbook(mini))["scripts/callback.md"]
    heading = page.index("### 若客户表示不满意或一般 {#cb-unsatisfied}")
    line = page.index('<p class="kf-aliases" data-pagefind-weight="5" markdown>也叫：不太满意、一般般</p>')
    assert page.index("{#cb-satisfied}") < heading < line < page.index("能告诉我您对哪方面不满意吗")
    # An alias inside the condition it stands beside finds nothing new.
    edit(mini, "data/scripts/callback.yml", "          - 一般般\n", "          - 不满意\n")
    found = [h for h in heads(mini) if "[alias-duplicate]" in h]
    assert len(found) == 1 and found[0].startswith("data/scripts/callback.yml:"), found


def test_taboo_aliases_render_under_the_taboo_and_are_checked(mini: Path) -> None:
    # A new hire searches for the situation (客户听不懂) rather than the phrase itself; an alias
    # may even quote the phrase (说不知道) without counting as the handbook using a taboo.
    taboo = "    phrases: [不知道]\n"
    edit(mini, "data/taboos/shirking.yml", taboo, f"{taboo}    aliases:\n      - 答不上来\n      - 说不知道\n")
    assert not [h for h in heads(mini) if "shirking.yml" in h], heads(mini)
    page = render_pages(load_handbook(mini))["taboos/shirking.md"]
    heading = page.index("{#taboo-dont-know}")
    line = page.index('<p class="kf-aliases" data-pagefind-weight="5" markdown>也叫：答不上来、说不知道</p>')
    assert heading < line < page.index("显得不专业")
    edit(mini, "data/taboos/shirking.yml", "      - 说不知道\n", "      - 答不上来\n")
    found = [h for h in heads(mini) if "[alias-duplicate]" in h]
    assert len(found) == 1 and found[0].startswith("data/taboos/shirking.yml:11:9:") and "重复" in found[0], found


def test_role_qualifications_naming_education_carry_the_everyday_word() -> None:
    """受教育程度 is the handbook's word; a new hire searches 学历: the 任职资格 heading carries it
    as an alias only on a role whose qualifications name the education level."""
    book = load_handbook(REPO)
    pages = render_pages(book)
    alias = '<p class="kf-aliases" data-pagefind-weight="5" markdown>也叫：学历</p>'
    roles = [r.entry for r in book.roles]
    with_edu = [r for r in roles if "受教育程度" in "".join(r.qualifications)]
    assert with_edu
    for role in roles:
        page = pages[f"roles/{role.id}.md"]
        if role in with_edu:
            at = page.index(f"## 任职资格 {{#{role.id}-qualifications}}")
            assert page.index(alias) > at
        else:
            assert alias not in page
