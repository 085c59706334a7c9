"""Learning paths (入职路线): per role, what to read in which order, which practice to take, a first-week checklist.

Everything comes from the data: the pages linked to the role (its ``related``
list and every entry naming it), the practice pages of those entries, the
trainer's assignments for the role, and the role's own training plan.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from scripts_gen.handbook.book import Handbook
from scripts_gen.handbook.kinds import BY_KEY, ROLES, TABOOS
from scripts_gen.handbook.models import Guide, Role
from scripts_gen.quiz.draw import topic_forms
from scripts_gen.quiz.models import QuizSet

# Reading order for a new hire: their role, what never to say, the rules, then the words and the processes.
ORDER = ("roles", "taboos", "rules", "scripts", "processes", "guides")
# Taboos are every role's reading. Past this many taboo pages a path lists the taboo overview
# instead: a reading list of hundreds is not read, and every role page would carry all of them.
MAX_TABOO_STEPS = 12
WHY = {
    "roles": "先弄清自己的职责和考核。",
    "taboos": "禁语适用于每个岗位，上岗第一天就要避开。",
    "rules": "每天都要遵守的工作规范。",
    "scripts": "按步骤练熟的话术。",
    "processes": "遇到投诉、回访等情况时按流程办。",
    "guides": "了解团队和管理要求。",
}
FIRST_DAY = "上岗第一天先读这一页：先做什么、哪些红线不能碰、什么时候找班组长。"


class _Linked:
    """Something a learning-path page (learn/<role>.md) links to."""

    page: str  # below docs/

    @property
    def href(self) -> str:
        return posixpath.relpath(self.page, "learn")


@dataclass
class Step(_Linked):
    """One thing to read: its page (below docs/), title and kind."""

    ident: str
    kind: str
    title: str
    page: str
    overview: bool = False  # the kind's index page, not one entry
    why: str = ""  # said before this step instead of the kind's reason


@dataclass
class Practice(_Linked):
    key: str
    title: str
    page: str
    exam: bool = False


@dataclass
class Path:
    role: Role
    src: str
    reading: list[Step] = field(default_factory=list)
    practice: list[Practice] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"learn/{self.role.id}.md"


def _naming(book: Handbook) -> dict[str, set[str]]:
    """Role id → ids of the entries whose ``roles`` or ``audience`` name it (one pass over the handbook)."""
    found: dict[str, set[str]] = {}
    for _, item in book.everything():
        for role in list(getattr(item.entry, "roles", [])) + list(getattr(item.entry, "audience", [])):
            found.setdefault(role, set()).add(item.entry.id)
    return found


def paths(book: Handbook, quizzes: QuizSet | None) -> list[Path]:
    """One learning path per role, in role-id order."""
    naming = _naming(book)
    by_kind = {key: sorted(book.of(BY_KEY[key]), key=lambda i: i.entry.id) for key in ORDER}
    where = {i.entry.id: (key, i) for key in ORDER for i in by_kind[key]}
    forms = {f.id.removeprefix("t-"): f for f in topic_forms(quizzes)} if quizzes is not None else {}
    day_one: dict[str, list[Guide]] = {}  # role id → the day-one guides written for it
    for g in sorted(book.guides, key=lambda i: i.entry.id):
        if g.entry.first_day:
            for role_id in dict.fromkeys(g.entry.audience):
                day_one.setdefault(role_id, []).append(g.entry)
    found = []
    for item in sorted(book.roles, key=lambda i: i.entry.id):
        role = item.entry
        linked = {role.id, *role.related} | naming.get(role.id, set())
        path = Path(role, item.path)
        first = day_one.get(role.id, [])
        first_ids = {g.id for g in first}
        for key in ORDER:
            kind = BY_KEY[key]
            # Taboos are everyone's; otherwise only the entries linked to this role (and no other role).
            if kind is TABOOS and len(by_kind[key]) > MAX_TABOO_STEPS:
                path.reading.append(Step(key, key, f"全部{kind.title}（{len(by_kind[key])} 页）", f"{key}/index.md", overview=True))
                continue
            mine = (where[x][1] for x in linked if x in where and where[x][0] == key)
            chosen = by_kind[key] if kind is TABOOS else sorted(mine, key=lambda i: i.entry.id)
            for entry_item in chosen:
                entry = entry_item.entry
                if (kind is not ROLES or entry.id == role.id) and entry.id not in first_ids:
                    path.reading.append(Step(entry.id, key, entry.title, kind.page(entry.id)))
            if kind is ROLES:  # the day-one guide right after the role's own duties
                path.reading += [Step(g.id, "guides", g.title, BY_KEY["guides"].page(g.id), why=FIRST_DAY) for g in first]
        if quizzes is not None:
            for step in path.reading:
                if step.ident in forms:
                    form = forms[step.ident]
                    path.practice.append(Practice(form.id, form.title, form.page))
            for la in sorted(quizzes.assignments, key=lambda la: la.a.id):
                if not la.a.roles or role.id in la.a.roles:
                    path.practice.append(Practice(la.a.id, la.a.title, f"quiz/{la.a.id}.md", la.a.mode == "exam"))
        found.append(path)
    return found
