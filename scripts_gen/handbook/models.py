"""Typed models of every kind of handbook entry.

The models are the schema: validation, the JSON Schema for editors' autocomplete
and the templates all read them. Descriptions are Chinese because editors see
them as hover text in their editor.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
SourceRef = Annotated[str, StringConstraints(pattern=r"^(?:\d{3}|general)-[a-z0-9]+(?:-[a-z0-9]+)*$|^general$")]

# Fields that may hold line breaks (rendered as one paragraph); every other text is one line.
MULTILINE: dict[str, JsonValue] = {"multiline": True}
# Fields that never reach a page and may hold (escaped) hidden characters, e.g. taboo-checker examples.
HIDDEN_OK: dict[str, JsonValue] = {"multiline": True, "hidden_chars": True}

Channel = Literal["电话", "在线", "回访", "短信", "邮件", "面谈", "全渠道"]
SkillLevel = Literal["基本", "进阶", "高级"]

# Per-item sources: optional in the schema (additive), required of the shipped data by the
# coverage report, so an item without one shows up as a located gap.

ITEM_SOURCES_DOC = (
    "本条的出处：data/sources.yml 中的章节编号；资料里没有、由编写组按行业通用做法补充的写 general"
    "（网页上显示“行业通用”标记）。"
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Entry(Model):
    """Fields every page-level entry shares."""

    id: Id = Field(description="稳定编号：小写英文、数字和连字符，例如 callback-script。用于锚点、引用和测验。")
    title: Text = Field(description="标题（简体中文）。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 骂人、生气、退货。显示在标题下，搜索能凭它找到这里。",
    )
    summary: Text = Field(description="一两句话说明这一页讲什么、给谁看。")
    sources: list[SourceRef] = Field(
        min_length=1,
        description="出处：data/sources.yml 中的章节编号，例如 001-callback；行业通用做法写 general。",
    )


class Case(Model):
    """A labelled story (案例) kept because it teaches something."""

    title: Text = Field(description="案例标题。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 骂人、生气、退货。显示在标题下，搜索能凭它找到这里。",
    )
    story: Text = Field(description="经过（已去除公司名、电话等具体信息）。可写多行。", json_schema_extra=MULTILINE)
    lesson: Text = Field(description="启示：从中学到什么。可写多行。", json_schema_extra=MULTILINE)


# --- roles -----------------------------------------------------------------


class DutyArea(Model):
    area: Text = Field(description="职责类别，例如 客户管理。")
    items: list[Text] = Field(min_length=1, description="该类别下的具体职责。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class KpiItem(Model):
    name: Text = Field(description="指标名称，例如 电话咨询数。")
    weight: int = Field(ge=0, le=100, description="权重（占总分的百分比，整数）。")
    note: str = Field(default="", description="计算口径或说明（可选）。")


class KpiGroup(Model):
    name: Text = Field(description="指标组，例如 量化指标。")
    weight: int = Field(ge=0, le=100, description="该组权重（百分比）；组内各项之和必须等于它，各组之和必须为 100。")
    items: list[KpiItem] = Field(min_length=1, description="组内指标。")


class Skills(Model):
    basic: list[Text] = Field(default_factory=list, description="基本技能要求。")
    advanced: list[Text] = Field(default_factory=list, description="进阶技能要求。")
    expert: list[Text] = Field(default_factory=list, description="高级技能要求。")


class Form(Model):
    name: Text = Field(description="表格或报告名称（不含书名号）。")
    purpose: str = Field(default="", description="何时填写、记录什么（可选）。")


class Role(Entry):
    """岗位：a role page with duties, requirements and KPIs."""

    department: Text = Field(description="所属部门。")
    reports_to: Text = Field(description="直属上级岗位。")
    levels: list[Text] = Field(default_factory=list, description="职位等级，例如 初级、中级、高级。")
    qualifications: list[Text] = Field(default_factory=list, description="任职资格（学历、经验等）。")
    qualifications_aliases: list[Text] = Field(
        default_factory=list,
        description="任职资格一节的搜索别名（可选）：新员工会输入、正文里却没有的说法，例如 学历（正文写“受教育程度”）。",
    )
    skills: Skills = Field(default_factory=Skills, description="基本 / 进阶 / 高级技能要求。")
    duties: list[DutyArea] = Field(min_length=1, description="岗位职责，按类别分组。")
    work_items: list[DutyArea] = Field(default_factory=list, description="具体工作内容，按类别分组（可选）。")
    promotion_path: list[Text] = Field(default_factory=list, description="晋升通道，从本岗位开始依次列出。")
    related_roles: list[Text] = Field(default_factory=list, description="可适应 / 可转岗的岗位。")
    training: list[Text] = Field(default_factory=list, description="岗位培训计划。")
    forms: list[Form] = Field(default_factory=list, description="常用表格。")
    reports: list[Text] = Field(default_factory=list, description="工作报告，例如 工作周报。")
    kpis: list[KpiGroup] = Field(default_factory=list, description="绩效考核指标组；各组权重之和须为 100。")
    related: list[Id] = Field(default_factory=list, description="相关的规范、话术、流程、禁语等的编号。")
    cases: list[Case] = Field(default_factory=list, description="案例（可选）。")


# --- scripts ---------------------------------------------------------------


class Guidance(Model):
    when: str = Field(default="", description="什么情况下用。")
    why: str = Field(default="", description="为什么这样说。")
    avoid: str = Field(default="", description="要避免什么。")


class Branch(Model):
    id: Id = Field(description="分支编号，全手册唯一，例如 callback-satisfied。")
    condition: Text = Field(description="客户的回应或情况，例如 客户表示满意。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 不骂了（条件写“停止辱骂”）。"
        "显示在分支标题下，搜索能凭它找到这个分支。",
    )
    agent: Text = Field(description="客服的话术原文；{客户姓名} 这样的花括号表示需替换的内容。")
    guidance: Guidance = Field(default_factory=Guidance, description="使用指导：何时用、为什么、避免什么。")
    next: Id = Field(description="下一步的步骤编号，或 end 表示结束。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)
    near_misses: list[Text] = Field(
        default_factory=list, description="听起来得体、但不适合这种情况的说法（可选；自动出题时优先用作干扰项）。"
    )


class Step(Model):
    id: Id = Field(description="步骤编号，全手册唯一。")
    title: Text = Field(description="步骤名称，例如 开场。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 道歉（正文写“致歉”）。"
        "显示在步骤标题下，搜索能凭它找到这一步。",
    )
    agent: str = Field(default="", description="客服在这一步说的话（有分支时可只写提问）。")
    guidance: Guidance = Field(default_factory=Guidance, description="使用指导。")
    branches: list[Branch] = Field(default_factory=list, description="按客户回应分支；有分支时不写 next。")
    next: Id | None = Field(default=None, description="没有分支时的下一步编号，或 end。")
    required: list[Text] = Field(
        default_factory=list,
        description="质检必说：会话标注了本话术时，客服必须说到其中任一说法；“…”表示同一句中间隔的几个字。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class Script(Entry):
    """话术：a service script whose steps may branch on the customer's response."""

    scenario: Text = Field(description="使用场景。")
    channel: Channel = Field(description="渠道。")
    roles: list[Id] = Field(default_factory=list, description="使用该话术的岗位编号。")
    steps: list[Step] = Field(min_length=1, description="话术步骤，第一个步骤是开始。")
    notes: list[Text] = Field(default_factory=list, description="注意事项。")


# --- taboo phrases ---------------------------------------------------------


class Specs(Model):
    # Checker examples, never shown on a page: they may hold escaped hidden characters ("不\u0001清楚").
    flag: list[Text] = Field(default_factory=list, description="必须被检查出的例句。", json_schema_extra=HIDDEN_OK)
    allow: list[Text] = Field(default_factory=list, description="不应被检查出的例句。", alias="pass", json_schema_extra=HIDDEN_OK)

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, populate_by_name=True)


class Taboo(Model):
    id: Id = Field(description="禁语编号，全手册唯一。")
    phrases: list[Text] = Field(min_length=1, description="禁用的说法（可多个写法）。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工遇到这种情形时可能输入的说法，例如 听不懂、一直问。"
        "显示在标题下，搜索能凭它找到这里；不参与禁语检查。",
    )
    reason: Text = Field(description="为什么伤害客户或服务。")
    alternatives: list[Text] = Field(min_length=1, description="推荐的替代说法。")
    exceptions: list[Text] = Field(
        default_factory=list,
        description="包含禁语但允许使用的完整说法，例如 不知道您现在方便吗；“…”表示同一句中间隔的几个字，例如 不知道您…吗。")
    specs: Specs = Field(default_factory=Specs, description="检查器的正反例。")
    standalone: bool = Field(
        default=False, description="只在单独成句时算禁语（例如 嗯、哦：“嗯，知道了”算，“恩施”“好的哦”不算）。")
    channels: list[Channel] = Field(
        default_factory=list, description="只在这些渠道算禁语；空表示沿用所在禁语页的 channels。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class TabooSet(Entry):
    """禁语：a category of taboo phrases with their better alternatives."""

    category: Text = Field(description="类别，例如 推诿搪塞。")
    channels: list[Channel] = Field(default_factory=list, description="适用渠道（空表示全部）。")
    taboos: list[Taboo] = Field(min_length=1, description="禁语条目。")


# --- rules -----------------------------------------------------------------


class Figure(Model):
    label: Text = Field(description="数字的含义，例如 问候时限。")
    value: Text = Field(description="数值，例如 5 或 3–5。")
    unit: str = Field(default="", description="单位，例如 秒、声、天。")


class RequiredWording(Model):
    """质检必说：a rule that requires wording at the start or end of every session."""

    position: Literal["开场", "结束"] = Field(description="开场：客服前几句之内；结束：客服最后几句之内。")
    within: int = Field(default=2, ge=1, le=10, description="客服的前 / 后几句之内。")
    any_of: list[Text] = Field(min_length=1, description="说到其中任一即可；“…”表示同一句中间隔的几个字，例如 感谢您…来电。")
    channels: list[Channel] = Field(default_factory=list, description="只在这些渠道检查；空表示沿用规范页的 channels。")


class Rule(Model):
    id: Id = Field(description="规范条目编号，全手册唯一。")
    title: Text = Field(description="短标题，例如 5 秒内问候。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 骂人、生气、退货。显示在标题下，搜索能凭它找到这里。",
    )
    statement: Text = Field(description="规范本身：要做什么。")
    rationale: str = Field(default="", description="为什么要这样做。可写多行。", json_schema_extra=MULTILINE)
    figures: list[Figure] = Field(default_factory=list, description="关键数字（时限、次数等）。")
    good: list[Text] = Field(default_factory=list, description="正确示例。")
    bad: list[Text] = Field(default_factory=list, description="错误示例。")
    near_misses: list[Text] = Field(
        default_factory=list, description="看似正确、实则违反本条的说法，与正确示例同样得体、长短相近（可选；自动出题时优先用作干扰项）。"
    )
    notes: list[Text] = Field(default_factory=list, description="补充说明。")
    required: RequiredWording | None = Field(default=None, description="质检时检查的必说内容（开场问候、结束语）。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class RuleSet(Entry):
    """规范：a set of numbered rules for one kind of work."""

    roles: list[Id] = Field(default_factory=list, description="适用岗位编号。")
    channels: list[Channel] = Field(default_factory=list, description="适用渠道。")
    rules: list[Rule] = Field(min_length=1, description="规范条目，按顺序编号。")
    cases: list[Case] = Field(default_factory=list, description="案例（可选）。")


# --- processes -------------------------------------------------------------


class ProcessStep(Model):
    id: Id = Field(description="步骤编号，全手册唯一。")
    title: Text = Field(description="步骤名称，例如 投诉受理。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 骂人、生气、退货。显示在标题下，搜索能凭它找到这里。",
    )
    owner: Text = Field(description="负责人或岗位。")
    action: Text = Field(description="做什么。")
    outputs: list[Text] = Field(default_factory=list, description="产生的记录或表格。")
    notes: list[Text] = Field(default_factory=list, description="补充说明。")
    owner_inferred: bool = Field(
        default=False, description="原文没有写明负责人、由编写组按职责推定时写 true（网页上注明“推定”）。"
    )
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class Process(Entry):
    """流程：ordered steps, each with its owner and what it produces."""

    trigger: str = Field(default="", description="什么时候启动这个流程。")
    roles: list[Id] = Field(default_factory=list, description="参与岗位编号。")
    steps: list[ProcessStep] = Field(min_length=2, description="按顺序排列的步骤。")
    principles: list[Text] = Field(default_factory=list, description="处理原则或要求。")
    cases: list[Case] = Field(default_factory=list, description="案例（可选）。")


# --- guides ----------------------------------------------------------------


class Point(Model):
    title: Text = Field(description="要点标题。")
    text: str = Field(default="", description="说明。可写多行。", json_schema_extra=MULTILINE)
    items: list[Text] = Field(default_factory=list, description="细项。")
    sources: list[SourceRef] = Field(
        default_factory=list, description=ITEM_SOURCES_DOC + "不写时沿用所在章节的出处。"
    )


class Section(Model):
    id: Id = Field(description="章节编号，全手册唯一。")
    title: Text = Field(description="章节标题。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 骂人、生气、退货。显示在标题下，搜索能凭它找到这里。",
    )
    intro: str = Field(default="", description="导语（可选）。可写多行。", json_schema_extra=MULTILINE)
    points: list[Point] = Field(min_length=1, description="要点。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class Expectations(Model):
    superiors: list[Text] = Field(default_factory=list, description="上级的期望。")
    peers: list[Text] = Field(default_factory=list, description="同级的期望。")
    staff: list[Text] = Field(default_factory=list, description="下属（组员）的期望。")


class CoreWork(Model):
    id: Id = Field(description="核心工作编号，全手册唯一。")
    title: Text = Field(description="核心工作名称。")
    aliases: list[Text] = Field(
        default_factory=list,
        description="搜索别名（可选）：新员工可能输入、但正文里没有的说法，例如 骂人、生气、退货。显示在标题下，搜索能凭它找到这里。",
    )
    purpose: Text = Field(description="为什么是核心工作、要达到什么。")
    key_steps: list[Text] = Field(min_length=1, description="关键步骤。")
    tools: list[Text] = Field(default_factory=list, description="工具和模板。")
    expectations: Expectations = Field(default_factory=Expectations, description="各方期望。")
    sources: list[SourceRef] = Field(default_factory=list, description=ITEM_SOURCES_DOC)


class Guide(Entry):
    """指引：a guide page (the team-lead core-work guide and policy documents)."""

    audience: list[Id] = Field(default_factory=list, description="面向的岗位编号。")
    reference: bool = Field(
        default=False,
        description="true 表示仅供参考（不是一线客服必须掌握的内容，例如物业、网站推广），页面顶部会标明“参考资料”。",
    )
    first_day: bool = Field(
        default=False,
        description="true 表示新员工上岗第一天先读这一页：面向岗位的入职路线把它排在岗位职责之后、其他内容之前。",
    )
    sections: list[Section] = Field(default_factory=list, description="章节。")
    core_works: list[CoreWork] = Field(default_factory=list, description="核心工作（班组长指引）。")
    related: list[Id] = Field(default_factory=list, description="本页提到的其他页面或条目的编号，页面上列出链接（可选）。")
    cases: list[Case] = Field(default_factory=list, description="案例（可选）。")


# --- glossary and sources --------------------------------------------------


class Term(Model):
    id: Id = Field(description="术语编号，全手册唯一。")
    term: Text = Field(description="术语。")
    definition: Text = Field(description="释义。")
    aliases: list[Text] = Field(default_factory=list, description="别称，也是搜索别名：新员工可能输入的其他说法，搜索能凭它找到这个术语。")
    sources: list[SourceRef] = Field(min_length=1, description="出处章节编号。")


class Usage(Model):
    """One line of the terminology table: the word the handbook uses, and the drift to avoid."""

    preferred: Text = Field(description="统一使用的说法，例如 客户。")
    avoid: list[Text] = Field(min_length=1, description="不要再用的说法，例如 顾客、买家。")
    scope: Literal["全手册", "条目内"] = Field(
        default="全手册",
        description="全手册：任何地方出现都要改；条目内：只在同一条目也用了推荐说法时才要改（同一页里前后要一致）。",
    )
    allow: list[Text] = Field(
        default_factory=list, description="含有要避免的说法、但可以保留的完整说法，例如表格名称 顾客投诉登记表。"
    )
    note: str = Field(default="", description="为什么统一成这个说法（可选）。")


class Glossary(Model):
    terms: list[Term] = Field(min_length=1, description="术语表。")
    usage: list[Usage] = Field(
        default_factory=list,
        description="用词统一表：推荐说法和要避免的说法；make check 会找出正文里的不统一用词。《》和“”里的原文名称、引语不检查。",
    )


class SourceSection(Model):
    id: SourceRef = Field(description="章节编号，以文档编号开头，例如 001-callback。")
    title: Text = Field(description="章节在原文中的标题或内容概括。")


class SourceDoc(Model):
    id: Annotated[str, StringConstraints(pattern=r"^(?:\d{3}|general)$")] = Field(description="文档编号，例如 001。")
    file: str = Field(default="", description="原始文件名（shared/seeds 下）。")
    title: Text = Field(description="文档标题（已清理）。")
    sections: list[SourceSection] = Field(min_length=1, description="文档中的章节。")


class Sources(Model):
    documents: list[SourceDoc] = Field(min_length=1, description="资料来源文档。")


# A word of the search's synonym table: Chinese characters, letters or digits, no spaces or punctuation.
SearchWord = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12, pattern=r"^[\u4e00-\u9fffA-Za-z0-9]+$")]


class SynonymGroup(Model):
    """The handbook's word for one thing, and the everyday words people type for it."""

    handbook: list[SearchWord] = Field(
        min_length=1, description="手册正文或标题里用的说法，例如 辱骂、破口大骂；每个词都必须在手册里出现过。"
    )
    everyday: list[SearchWord] = Field(
        min_length=1,
        description="新员工和客户平时的说法，例如 骂人、爆粗口：搜索时当作上面的词来找，排在原词的命中之后。",
    )
    note: str = Field(default="", description="为什么这样对应（可选），例如哪些说法容易混淆。")


class Synonyms(Model):
    groups: list[SynonymGroup] = Field(min_length=1, description="搜索同义词组：一组是手册的一个说法和它的日常说法。")
