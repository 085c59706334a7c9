"""The handbook's content must be free of the noise found in the scraped seed documents.

The seeds under shared/seeds/ were scraped from document-sharing sites: they carry an
injected gambling advert, watermarks and download notices, the damage of a
synonym-substitution tool, Traditional characters with pinyin insertions, template
placeholders in square brackets and characters lost as ``?``.  None of that may leak into
data/ or quizzes/.  Every file there is read as raw text (comments included, because
editors copy them), and one assertion lists every hit as ``path:line: «fragment» (why)``.

This test deliberately depends on nothing but the standard library: it must keep working
even when the generator itself is broken.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED_DIRS = ("data", "quizzes")

# Injected gambling advert: in seed 001 it even replaced words inside the script lines
# ("接受了凯发线上手机app免费下载的服务项目" = "接受了我们的服务").
ADVERT = ("凯发", "app免费下载", "手机app", "线上手机")

# Watermarks, site names, download notices, "document summary / copyright" blocks and
# author or editor credit lines of the sites the seeds were scraped from.
SITE_BOILERPLATE = (
    "pmceo",
    "物业经理人",
    "淘文阁",
    "精品范文库",
    "范文库",
    "人人文库",
    "文档简介",
    "版权说明",
    "免费阅读",
    "下载本文档",
    "分享文档赚钱",
    "由会员分享",
    "珍藏版",
    "温馨提示",
    "本站",
    "识别码",
    "工作总结频道",
    "小编",
    "配套讲稿",
    "仅供参考",
    "欢迎大家阅读",
    "源自ccmw",
    "暖阳如梦",
    "www.",
)

# Company-, brand- and place-specific names of the seeds: the handbook is generic
# (本公司 / 本中心 / 某电商平台); the stories stay, the names go.
SPECIFIC_NAMES = (
    "广东移动",
    "东莞",
    "中国移动",
    "E宅购",
    "E 宅购",
    "xx英语",
    "天元生态",
    "天士力",
    "红报箱",
    "96860",
    "南开",
    "河西",
    "通许",
    "咸平大道",
    "沈阳",
    "黄清华",
    "张仁元",
)

# Artifacts of the synonym-substitution tool that mangled seed 000 (效劳 for 服务, 治理 for
# 管理, 急躁 for 耐心 …) and typos of seed 001 (退化 for 退货, 指责 for 职责 …).  Each
# entry is a word or phrase that never legitimately occurs in our content; bare words that
# can be legitimate (进展, 力量, 反应) are listed only in the mangled combinations.
SUBSTITUTION_ARTIFACTS = (
    "效劳",
    "治理",
    "根底",
    "阅历",
    "本钱",
    "急躁",
    "扫瞄",
    "顺当",
    "调发动工",
    "更显共性",
    "沟通力量",
    "个人力量",
    "创新力量",
    "承受力量",
    "力量良好",
    "业务学问",
    "供应帮忙",
    "比拟深刻",
    "绽开来说",
    "情节严峻",
    "进展统计",
    "进展分析",
    "进展一次",
    "进展跟踪",
    "进展惩罚",
    "进展界定",
    "连续订阅",
    "连续联系",
    "奶品工程部",
    "蔬菜工程部",
    "考核工程",
    "不行怕",
    "让客户满足",
    "满足离开",
    "到达更好",
    "难以到达",
    "即能到达",
    "赐予嘉奖",
    "心态简单不正",
    "保证明际",
    "退化、换货",
    "部门指责",
    "岗位指责",
    "指责还有",
    "总结批价",
    "认证记录",
)

# Common Traditional-only characters (seed 002 is Traditional Chinese).  Each of them is
# converted by OpenCC t2s, so none can appear in correct Simplified text.
TRADITIONAL_CHARS = frozenset(
    "戶時對組內務責問長進關題發個業爲為訴員職這網顧處話詢來結負學標應們動後過於現級會"
    "諮與項體決電並間線訪調實總記產評溝單種質況經錄絡確說習優導開還訓滿統計認語門規團"
    "將據費給達態隊貨準崗銷強點樣專讓數機當價變從營沒識設無劃訂麼協報積斷極廣聯檔類維"
    "資勵驗術領買選細兩勞傳請覺轉夠則響範東係備環辦檢狀熱績饋續監較場議證觀頁礎裏鋪區"
    "針護蹤購適見寫運別織際帶遞節執參難創簡儘繫錢頭該須庫幫圍詳氣載僅國轄戰圖讀終鍵彙"
    "閱爭盡惡罰論釋紙換冊懲編複幾號談絕衆條聽權剛試週佔郵舉義謝隨觸輔寶屬誠謙獎顯擇許"
    "約綜視穩復雖財離嚴揮鬥雜賣講譽愛軟壓養緒"
)

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

# Regular expressions, each with the reason reported for a hit.
PATTERNS = (
    # Pinyin insertions of seed 002, e.g. 進(jìn)行 or 繼續(xù): a CJK character followed by
    # parenthesised latin letters with at least one tone mark.  (CRM)、(QQ) are not hit.
    (
        re.compile(rf"[{CJK}]\s*[(（]\s*[a-zü]*[{TONE_VOWELS}][a-zü{TONE_VOWELS}]*\s*[)）]"),
        "拼音夹注（种子文档 002 的残留）",
    ),
    # Template placeholders of seed 002 such as [具体百分比]: targets must be written as
    # {中心设定的目标百分比} or "（目标值由各中心自行设定）".  Plain YAML flow lists
    # like [a, b] contain no Chinese and are not hit.
    (
        re.compile(rf"[\[［][^\[\]［］\n]*[{CJK}][^\[\]［］\n]*[\]］]"),
        "方括号模板占位符（应写成花括号替换项或“目标值由各中心自行设定”）",
    ),
    # Characters lost in conversion show up as a literal ASCII '?' inside Chinese text;
    # questions in Chinese use the full-width ？.
    (
        re.compile(rf"(?<=[{CJK}\u3000-\u303f\uff01-\uff5e])\?|\?(?=[{CJK}])"),
        "中文中的半角问号（丢字残留；中文问句用全角“？”）",
    ),
    # Private-use and replacement characters: mojibake left by the scraper.
    (re.compile("[\ue000-\uf8ff\ufffd]"), "乱码字符（私用区或替换字符）"),
    # Page markers and the "TOP" back-to-top links of the scraped pages.
    (re.compile(r"_第\s*\d+\s*[页頁]|^\s*TOP\s*$|已阅读\s*\d+\s*页|还剩\s*\d+\s*页"), "页码或“TOP”等网页标记"),
)

PHRASE_GROUPS = (
    (ADVERT, "种子文档中植入的博彩广告"),
    (SITE_BOILERPLATE, "网站水印、下载提示或署名"),
    (SPECIFIC_NAMES, "公司、品牌、地名或人名（手册内容应通用化）"),
    (SUBSTITUTION_ARTIFACTS, "同义词替换或错别字残留"),
)


def scan_text(label: str, text: str) -> list[str]:
    """Every noise hit in ``text`` as ``label:line: «fragment» (why)``."""
    hits: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        folded = line.casefold()
        for phrases, why in PHRASE_GROUPS:
            for phrase in phrases:
                if phrase.casefold() in folded:
                    hits.append(f"{label}:{number}: «{phrase}» ({why})")
        traditional = sorted({c for c in line if c in TRADITIONAL_CHARS})
        if traditional:
            hits.append(f"{label}:{number}: «{''.join(traditional)}» (繁体字，应为简体)")
        for pattern, why in PATTERNS:
            for match in pattern.finditer(line):
                hits.append(f"{label}:{number}: «{match.group(0).strip()}» ({why})")
    return hits


def _content_files() -> list[Path]:
    files: list[Path] = []
    for name in SCANNED_DIRS:
        base = ROOT / name
        if base.is_dir():
            files.extend(p for p in sorted(base.rglob("*")) if p.is_file())
    return files


def test_content_is_free_of_seed_noise() -> None:
    files = _content_files()
    assert any(p.suffix in {".yml", ".yaml"} for p in files), "data/ 下没有找到任何 YAML 文件"
    hits: list[str] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            hits.append(f"{path.relative_to(ROOT)}:1: «(不是 UTF-8)» (文件编码应为 UTF-8)")
            continue
        hits.extend(scan_text(str(path.relative_to(ROOT)), text))
    assert not hits, f"内容中残留了种子文档的噪声（{len(hits)} 处）：\n" + "\n".join(hits)


def test_checker_reports_every_kind_of_noise() -> None:
    """The checker must fail on each kind of noise, and stay quiet on clean text."""
    noisy = {
        "advert": "感谢您接受了凯发线上手机app免费下载的服务项目",
        "watermark": "回访方式：电话沟通 www.pmceo.com-物业经理人",
        "boilerplate": "文档简介：请在淘文阁搜索",
        "name": "本文以广东移动客服（东莞）中心为例",
        "artifact": "客服要急躁解答，让效劳更显共性",
        "traditional": "客服體系升級管理辦法",
        "pinyin": "对现有流程进(jìn)行全面评估",
        "placeholder": "将客户满意度提升至[具体百分比]以上",
        "question": "确??蛻魡栴}得到解决",
        "page": "客服體系升級管理辦法_第1頁",
    }
    for kind, line in noisy.items():
        assert scan_text("t", line), f"检查器没有发现 {kind} 类噪声：{line}"
    found = scan_text("t.yml", "\n".join(noisy.values()))
    assert all(hit.startswith("t.yml:") for hit in found)
    assert {hit.split(":")[1] for hit in found} == {str(n) for n in range(1, len(noisy) + 1)}
    clean = (
        "id: callback\n"
        "related: [callback, complaint-handling]\n"
        "agent: 您好，我是{公司名称}的客服，工号{客服工号}。请问您现在方便吗？\n"
        "text: 引入客户关系管理（CRM）系统，处理进展及时反馈；目标值由各中心自行设定。\n"
        "note: QQ 咨询数(2%)；Is this ok? yes\n"
    )
    assert scan_text("clean.yml", clean) == []
