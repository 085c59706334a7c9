"""The day-one material does what a new agent relies on, on every path through it."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, edit

from scripts_gen.handbook.models import Script
from scripts_gen.handbook.scriptgraph import paths
from scripts_gen.project import load_handbook
from scripts_gen.site.pages import render_pages
from scripts_gen.taboo.matcher import Matcher
from scripts_gen.taboo.specs import all_taboos


def _script(ident: str) -> Script:
    book = load_handbook(REPO)
    return next(s.entry for s in book.scripts if s.entry.id == ident)


def test_every_inbound_call_path_greets_with_the_agent_number_and_never_discloses_unverified() -> None:
    script = _script("inbound-call")
    steps = {s.id: s for s in script.steps}
    assert "{客服工号}" in steps["inbound-greet"].agent
    all_paths = list(paths(script))
    assert len(all_paths) >= 8
    for path in all_paths:
        assert path[0] == "inbound-greet"
        # A call ends either with the closing words or handed to a colleague who has been briefed.
        assert path[-1] in ("inbound-close", "inbound-transfer-now"), path
        if "inbound-account-question" in path:
            # Account questions reach an answer only through a passed identity check.
            assert "inbound-verify" in path
            if "inbound-resolve" in path:
                assert path.index("inbound-verify-ok") < path.index("inbound-resolve"), path
        if "inbound-verify-fail" in path:
            assert "inbound-resolve" not in path and "inbound-hold" not in path, path
    # Resolve, hold-and-return and escalate are all reachable.
    reached = {ident for path in all_paths for ident in path}
    assert {"inbound-resolved", "inbound-need-check", "inbound-beyond-authority", "inbound-transfer-callback"} <= reached


def test_abusive_caller_script_warns_before_it_ends_the_call() -> None:
    for path in paths(_script("abusive-caller")):
        if "abuse-ends-call" in path:
            assert path.index("abuse-keeps-on") < path.index("abuse-second-warning") < path.index("abuse-ends-call")


def test_new_taboos_catch_what_new_agents_blurt_out_and_spare_their_alternatives() -> None:
    book = load_handbook(REPO)
    matcher = Matcher(all_taboos(book))
    # Not the specs the entries were written with: other sentences of the same kind.
    blurted = ["都跟您讲了，我已经说过了啊", "这个你自己去查吧", "规定就是这样的", "你别激动好不好", "你听明白了吗？"]
    assert all(matcher.find(s) for s in blurted), [s for s in blurted if not matcher.find(s)]
    fine = ["我再跟您说明一下", "我帮您查一下", "我理解您很着急", "我这样说清楚吗", "您先别挂机，我查一下"]
    assert not [s for s in fine if matcher.find(s)]


def test_reference_pages_and_inferred_owners_are_labelled(mini: Path) -> None:
    edit(mini, "data/guides/lead.yml", "sections:", "reference: true\nsections:")
    edit(mini, "data/processes/complaint.yml", "    owner: 客服专员\n", "    owner: 客服专员\n    owner_inferred: true\n")
    pages = render_pages(load_handbook(mini))
    assert '!!! info "参考资料"' in pages["guides/lead.md"]
    assert "客服专员（原文没有写明，由编写组按职责推定）" in pages["processes/complaint.md"]
    assert "| 客服专员（推定） |" in pages["processes/complaint.md"]


def test_the_real_reference_pages_say_so() -> None:
    book = load_handbook(REPO)
    guides = {g.entry.id: g.entry for g in book.guides}
    assert guides["property-service-dept"].reference
    assert guides["property-service-dept"].title.startswith("参考")
    assert any(s.title.startswith("参考") for s in guides["new-agent-lessons"].sections)
