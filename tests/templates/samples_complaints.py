"""Sample contexts of the complaint handling form 投诉处理单 (issue 13 item 1), shaped as
``services/feedback/complaint_documents.form_context`` builds them: a serious quality complaint
received Wed 2026-09-30 16:00 before National Day, a repeat of an earlier one on the same
device, answered on time, the handling opinion given late, closed with the customer's
confirmation; and a fresh attitude complaint naming an engineer, with no device, nothing done
yet (its answer overdue at printing). Each function returns a fresh dict."""

from __future__ import annotations

from typing import Any

from tests.templates.samples import COMPANY_EN, COMPANY_ZH

CUSTOMER = {
    "id": 17,
    "name": "无锡华润食品冷链有限公司",
    "contact": "王建国",
    "phone": "139 1234 5678",
    "address": "江苏省无锡市新吴区长江路 21 号 3 号冷库",
}
DEVICE = {
    "serial": "HL2403-00817",
    "brand": "恒冷",
    "model": "HL-SC75 螺杆压缩冷凝机组",
    "purchase_date": "2024-04-02",
    "accepted_on": "2024-04-20",
    "factory_date": "2024-03-15",
}
WORDS = {
    "zh": {
        "closed": "已结案",
        "open": "待答复",
        "quality": "产品质量",
        "attitude": "服务态度",
        "serious": "严重",
        "general": "一般",
        "phone": "电话",
        "walk-in": "来访",
        "on_time": "按时完成",
        "late": "超时 1小时30分 完成",
        "overdue": "已超时 2小时0分",
        "not_yet": "未到期",
        "device": "同一客户同一设备",
    },
    "en": {
        "closed": "closed",
        "open": "open",
        "quality": "product quality",
        "attitude": "service attitude",
        "serious": "serious",
        "general": "general",
        "phone": "phone",
        "walk-in": "walk-in",
        "on_time": "met on time",
        "late": "met 1h 30m late",
        "overdue": "overdue by 2h 0m",
        "not_yet": "not yet due",
        "device": "same customer and device",
    },
}


def complaint_form(lang: str) -> dict[str, Any]:
    """CP2609-0003, serious, closed: answered Thu 10-01 09:00 (due 10-01 16:00, on time),
    opinion given Fri 10-09 17:30 (due 16:00: 1 h 30 late), confirmed by 王建国."""
    w = WORDS[lang]
    return {
        "lang": lang,
        "printed_at": "2026-10-12 09:00",
        "company": dict(COMPANY_ZH if lang == "zh" else COMPANY_EN),
        "customer": dict(CUSTOMER),
        "device": dict(DEVICE),
        "complaint": {
            "number": "CP2609-0003",
            "status": "closed",
            "status_label": w["closed"],
            "about": "quality",
            "about_label": w["quality"],
            "grade": "serious",
            "grade_label": w["serious"],
            "channel_label": w["phone"],
            "received_at": "2026-09-30 16:00",
            "received_by": "小刘",
            "ticket": "SH2609-0042",
            "staff": None,
            "staff_review": False,
            "manager": "李经理",
            "text": "刚修好的机组又漏油了，<script>alert(1)</script> 车间停产半天！\n"
            "要求书面说明原因。",
            "answer_due_at": "2026-10-01 16:00",
            "answered_at": "2026-10-01 09:00",
            "answer_verdict": w["on_time"],
            "answer": "已致电王经理致歉，约定节后第一天上门检查。",
            "opinion_due_at": "2026-10-09 16:00",
            "resolved_at": "2026-10-09 17:30",
            "opinion_verdict": w["late"],
            "cause": "密封圈批次不良（供应商 2026 年第 3 批）",
            "action": "免费更换密封圈并补偿一次保养",
            "prevention": "该批次密封圈全部召回，入厂检验加严",
            "closed_at": "2026-10-12 08:45",
            "confirmed": True,
            "confirmed_by": "王建国",
            "unconfirmed_reason": None,
            "recurrence_of": "CP2607-0011",
            "recurrence_label": w["device"],
            "repeated_by": ["CP2610-0002"],
        },
    }


def complaint_form_open(lang: str) -> dict[str, Any]:
    """CP2611-0001, general, about the attitude of 张工 (staff review), no device, received
    Mon 2026-11-23 08:00 at the counter; printed 11-24 10:00: answer overdue by 2 h."""
    w = WORDS[lang]
    return {
        "lang": lang,
        "printed_at": "2026-11-24 10:00",
        "company": {"name": "", "address": "", "phone": ""},
        "customer": dict(CUSTOMER, contact=None, phone=None),
        "device": None,
        "complaint": {
            "number": "CP2611-0001",
            "status": "open",
            "status_label": w["open"],
            "about": "attitude",
            "about_label": w["attitude"],
            "grade": "general",
            "grade_label": w["general"],
            "channel_label": w["walk-in"],
            "received_at": "2026-11-23 08:00",
            "received_by": "Chen Wei",
            "ticket": None,
            "staff": "张工",
            "staff_review": True,
            "manager": None,
            "text": "工程师说话很冲。",
            "answer_due_at": "2026-11-24 08:00",
            "answered_at": None,
            "answer_verdict": w["overdue"],
            "answer": None,
            "opinion_due_at": "2026-11-24 17:00",
            "resolved_at": None,
            "opinion_verdict": w["not_yet"],
            "cause": None,
            "action": None,
            "prevention": None,
            "closed_at": None,
            "confirmed": None,
            "confirmed_by": None,
            "unconfirmed_reason": None,
            "recurrence_of": None,
            "recurrence_label": None,
            "repeated_by": [],
        },
    }
