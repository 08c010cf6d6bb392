"""The words users type for closed sets of values, in English and Chinese (CLI.md: "Enum
values accept the English word, the Chinese word and the number").

One table per set — zones, severities, channels, causes, support modes, ticket statuses, yes/no
— used both by the command-line options (``cli/choices.py``) and by the spreadsheet import
(``services/data/importing``), so ``--zone 本地`` and a 区域 cell saying 本地 mean the same.
Pure data and string handling: imports nothing heavy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from shouhou.errors import UsageError


class Localised(str):
    """A text that is English as a string (what logs and the audit trail keep) and carries its
    Chinese: a Chinese message shows it with ``{field:zh}`` (same placeholder as the English
    ``{field}``), so no English word is left in it — e.g. an approval's reason."""

    zh: str

    def __new__(cls, text: str, *, zh: str) -> Localised:
        made = super().__new__(cls, text)
        made.zh = zh
        return made

    def __format__(self, spec: str) -> str:
        if spec == "zh":
            return self.zh
        return str.__format__(str(self), spec)


def fold(text: str) -> str:
    """Compare words loosely: full/half width, case, surrounding spaces; ``_`` and inner
    spaces count as ``-`` (``force majeure`` = ``force_majeure`` = ``force-majeure``)."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return "-".join(folded.replace("_", " ").split())


@dataclass(frozen=True)
class Vocabulary:
    """A closed set of ``values`` and every spelling that names one of them.

    ``english`` and ``chinese`` give, per value, its word in that language (accepted, and shown
    when the accepted values are listed); ``synonyms`` are further accepted spellings.
    """

    name: str  # the field as the English messages call it (``zone``)
    name_zh: str  # … and the Chinese ones (``区域``)
    values: tuple[str, ...]
    english: Mapping[str, str] = field(default_factory=dict)
    chinese: Mapping[str, str] = field(default_factory=dict)
    synonyms: Mapping[str, str] = field(default_factory=dict)

    def words(self) -> dict[str, str]:
        """Every accepted spelling, folded, → its value (values themselves included)."""
        table: dict[str, str] = {}
        for value in self.values:  # grouped per value: local|本地|市内|nearby|周边|…
            words = [value, self.english.get(value), self.chinese.get(value)]
            words += [word for word, meant in self.synonyms.items() if meant == value]
            for word in words:
                if word:
                    table.setdefault(fold(word), value)
        return table

    def lookup(self, text: str) -> str | None:
        """The value ``text`` names, or None."""
        return self._table.get(fold(text))

    def parse(self, text: str, *, option: str | None = None, extra: tuple[str, ...] = ()) -> str:
        """The value ``text`` names; otherwise a usage error (exit 2) naming the field and the
        accepted values in the user's language (``extra``: words the caller takes besides)."""
        value = self.lookup(text)
        if value is None:
            raise self.refusal(text, option=option, extra=extra)
        return value

    def refusal(
        self, text: str, *, option: str | None = None, extra: tuple[str, ...] = ()
    ) -> UsageError:
        """Exit 2: ``zone 'mars' is not allowed — accepted: local|nearby|remote`` (in Chinese
        ``区域 'mars' 无效 — 可选：本地|周边|外省``); ``option`` names the field when it is not
        the vocabulary's own (``--serial-tampered``)."""
        own = option is None or option.lstrip("-") == self.name
        name = self.name if own or option is None else option.lstrip("-")
        return UsageError(
            "err.bad_word",
            field=Localised(name, zh=self.name_zh if own else name),
            value=text,
            accepted=Localised(
                "|".join((self.accepted("en"), *extra)),
                zh="|".join((self.accepted("zh"), *extra)),
            ),
        )

    def accepted(self, lang: str = "en") -> str:
        """The accepted values as one line: ``local|nearby|remote`` / ``本地|周边|外省``;
        severities add their numbers (``1|2|3|critical|major|minor`` / ``1|2|3|重大|主要|次要``)."""
        if lang == "zh":
            numbers = [value for value in self.values if value.isdigit()]
            shown = [*numbers, *(self.chinese.get(value, value) for value in self.values)]
        else:
            shown = [*self.values, *(self.english[v] for v in self.values if v in self.english)]
        return "|".join(dict.fromkeys(shown))

    @cached_property
    def _table(self) -> dict[str, str]:
        return self.words()


ZONE = Vocabulary(
    "zone",
    "区域",
    ("local", "nearby", "remote"),
    chinese={"local": "本地", "nearby": "周边", "remote": "外省"},
    synonyms={"市内": "local", "省内": "nearby", "省外": "remote"},
)

SEVERITY = Vocabulary(
    "severity",
    "故障等级",
    ("1", "2", "3"),
    english={"1": "critical", "2": "major", "3": "minor"},
    chinese={"1": "重大", "2": "主要", "3": "次要"},
    synonyms={"一级": "1", "二级": "2", "三级": "3", "1级": "1", "2级": "2", "3级": "3"},
)

CHANNEL = Vocabulary(
    "channel",
    "渠道",
    ("phone", "email", "web", "fax", "walk-in", "onsite", "remote"),
    chinese={
        "phone": "电话",
        "email": "邮件",
        "web": "网站",
        "fax": "传真",
        "walk-in": "来访",
        "onsite": "现场",
        "remote": "远程",
    },
    synonyms={
        "电子邮件": "email",
        "网页": "web",
        "on-site": "onsite",
        "on site": "onsite",
        "walkin": "walk-in",
        "e-mail": "email",
    },
)

CAUSE = Vocabulary(
    "cause",
    "故障原因",
    (
        "design",
        "quality",
        "transport",
        "installation",
        "misuse",
        "wear",
        "force-majeure",
        "supplier-part",
        "unauthorised-repair",
        "site-not-to-spec",
        "unknown",
    ),
    chinese={
        "design": "设计",
        "quality": "制造质量",
        "transport": "运输",
        "installation": "安装",
        "misuse": "使用不当",
        "wear": "正常磨损",
        "force-majeure": "不可抗力",
        "supplier-part": "外购件",
        "unauthorised-repair": "私自拆修",
        "site-not-to-spec": "现场环境不符合要求",
        "unknown": "未明",
    },
    synonyms={
        "manufacturing": "quality",
        "manufacturing/quality": "quality",
        "质量": "quality",
        "制造": "quality",
        "质量问题": "quality",
        "设计缺陷": "design",
        "运输损坏": "transport",
        "安装不当": "installation",
        "误用": "misuse",
        "磨损": "wear",
        "force majeure": "force-majeure",
        "supplier": "supplier-part",
        "供应商": "supplier-part",
        "外购件质量": "supplier-part",
        "unauthorized-repair": "unauthorised-repair",
        "私自拆机": "unauthorised-repair",
        "私自维修": "unauthorised-repair",
        "环境不符": "site-not-to-spec",
        "现场环境": "site-not-to-spec",
        "未知": "unknown",
        "不明": "unknown",
    },
)

MODE = Vocabulary(
    "mode",
    "支持方式",
    ("phone", "remote", "onsite", "depot"),
    chinese={"phone": "电话", "remote": "远程", "onsite": "上门", "depot": "返厂"},
    synonyms={
        "电话支持": "phone",
        "by phone": "phone",
        "远程支持": "remote",
        "上门服务": "onsite",
        "现场": "onsite",
        "on-site": "onsite",
        "on site": "onsite",
        "返厂维修": "depot",
        "return to factory": "depot",
        "factory": "depot",
    },
)

STATUS = Vocabulary(
    "status",
    "状态",
    ("new", "assigned", "responded", "in_progress", "resolved", "closed", "cancelled"),
    chinese={
        "new": "新建",
        "assigned": "已派工",
        "responded": "已答复",
        "in_progress": "处理中",
        "resolved": "已解决",
        "closed": "已关闭",
        "cancelled": "已取消",
    },
    synonyms={
        "新": "new",
        "派工": "assigned",
        "答复": "responded",
        "in progress": "in_progress",
        "解决": "resolved",
        "关闭": "closed",
        "canceled": "cancelled",
        "取消": "cancelled",
    },
)

VISIT_KIND = Vocabulary(
    "type",
    "上门类型",
    ("repair", "install", "inspection", "callback", "training"),
    chinese={
        "repair": "上门维修",
        "install": "安装调试",
        "inspection": "巡检",
        "callback": "回访",
        "training": "培训",
    },
    synonyms={
        "维修": "repair",
        "安装": "install",
        "installation": "install",
        "调试": "install",
        "检查": "inspection",
        "follow-up": "callback",
        "训练": "training",
    },
)

VISIT_RESULT = Vocabulary(
    "result",
    "回访结果",
    ("ok", "problem"),
    chinese={"ok": "正常", "problem": "问题复现"},
    synonyms={"正常": "ok", "好": "ok", "fine": "ok", "问题": "problem", "复现": "problem"},
)

VISIT_STATUS = Vocabulary(
    "status",
    "状态",
    ("due", "overdue", "scheduled", "in_progress", "done", "missed", "cancelled"),
    chinese={
        "due": "待安排",
        "overdue": "已逾期",
        "scheduled": "已预约",
        "in_progress": "进行中",
        "done": "已完成",
        "missed": "未成行",
        "cancelled": "已取消",
    },
    synonyms={
        "待办": "due",
        "逾期": "overdue",
        "late": "overdue",
        "预约": "scheduled",
        "in progress": "in_progress",
        "started": "in_progress",
        "完成": "done",
        "失约": "missed",
        "canceled": "cancelled",
        "取消": "cancelled",
    },
)

# Inspection plans (issue 11): what a plan brings, and how often, in calendar months.
PLAN_KIND = Vocabulary(
    "type",
    "计划类型",
    ("inspection", "training"),
    chinese={"inspection": "巡检", "training": "培训"},
    synonyms={"检查": "inspection", "训练": "training"},
)

PLAN_EVERY = Vocabulary(
    "every",
    "周期",
    ("1m", "3m", "6m", "12m"),
    english={"1m": "monthly", "3m": "quarterly", "6m": "half-yearly", "12m": "yearly"},
    chinese={"1m": "每月", "3m": "每季度", "6m": "每半年", "12m": "每年"},
    synonyms={"每季": "3m", "半年": "6m", "1y": "12m", "annually": "12m", "每年一次": "12m"},
)

# A checklist item as filled on a visit (issue 11): ok / not ok (a measured item takes a number).
CHECK_RESULT = Vocabulary(
    "result",
    "检查结果",
    ("ok", "not_ok"),
    english={"ok": "ok", "not_ok": "not-ok"},
    chinese={"ok": "正常", "not_ok": "异常"},
    synonyms={
        "nok": "not_ok",
        "notok": "not_ok",
        "pass": "ok",
        "fail": "not_ok",
        "合格": "ok",
        "良好": "ok",
        "不合格": "not_ok",
        "故障": "not_ok",
        "√": "ok",
        "✓": "ok",
        "×": "not_ok",
    },
)

# Satisfaction surveys (DOMAIN §6, issue 13): the service form 《客户满意度调查表》 or the product
# form 《产品使用情况征询意见表》; and what ``survey stats`` groups by.
SURVEY_KIND = Vocabulary(
    "kind",
    "调查类型",
    ("service", "product"),
    chinese={"service": "服务满意度", "product": "产品使用意见"},
    synonyms={"服务": "service", "满意度": "service", "产品": "product", "意见": "product"},
)

SURVEY_BY = Vocabulary(
    "by",
    "分组",
    ("engineer", "product", "month"),
    chinese={"engineer": "工程师", "product": "产品线", "month": "月份"},
    synonyms={"产品": "product", "product-line": "product", "月": "month", "人员": "engineer"},
)

# Complaints 投诉 (DOMAIN §5, issue 13): what about, how grave, where it stands.
COMPLAINT_ABOUT = Vocabulary(
    "about",
    "投诉类别",
    ("quality", "attitude", "timeliness", "charges", "other"),
    chinese={
        "quality": "产品质量",
        "attitude": "服务态度",
        "timeliness": "服务及时性",
        "charges": "收费",
        "other": "其他",
    },
    synonyms={
        "质量": "quality",
        "product": "quality",
        "态度": "attitude",
        "service-attitude": "attitude",
        "及时性": "timeliness",
        "不及时": "timeliness",
        "时效": "timeliness",
        "delay": "timeliness",
        "费用": "charges",
        "收费问题": "charges",
        "charge": "charges",
        "price": "charges",
        "其它": "other",
    },
)

COMPLAINT_GRADE = Vocabulary(
    "grade",
    "投诉等级",
    ("general", "serious", "major"),
    chinese={"general": "一般", "serious": "严重", "major": "重大"},
    synonyms={
        "一般投诉": "general",
        "严重投诉": "serious",
        "重大投诉": "major",
        "minor": "general",
    },
)

COMPLAINT_STATUS = Vocabulary(
    "status",
    "状态",
    ("open", "answered", "resolved", "closed"),
    chinese={
        "open": "待答复",
        "answered": "已答复",
        "resolved": "已出处理意见",
        "closed": "已结案",
    },
    synonyms={
        "新": "open",
        "未答复": "open",
        "答复": "answered",
        "已处理": "resolved",
        "结案": "closed",
    },
)

# What ``report kpi --by`` groups the KPIs by (DOMAIN §7: per engineer; issue 14 item 3).
KPI_BY = Vocabulary(
    "by",
    "分组",
    ("engineer", "severity", "product"),
    chinese={"engineer": "工程师", "severity": "故障等级", "product": "产品线"},
    synonyms={"产品": "product", "product-line": "product", "等级": "severity", "人员": "engineer"},
)

YES_NO = Vocabulary(
    "yes/no",
    "是/否",
    ("yes", "no"),
    chinese={"yes": "是", "no": "否"},
    synonyms={"y": "yes", "true": "yes", "1": "yes", "n": "no", "false": "no", "0": "no"},
)

# What a spreadsheet cell may say for yes / no (重点客户, 关键件): also ticks and crosses.
TRUE_WORDS = frozenset({"1", "y", "yes", "true", "t", "是", "√", "✓", "重点", "x"})
FALSE_WORDS = frozenset({"0", "n", "no", "false", "f", "否", "×", "非重点", "不是", "-"})


def table_of(vocabulary: Vocabulary) -> dict[str, str]:
    """The folded-word → value table (for the import's cell converters)."""
    return dict(vocabulary._table)
