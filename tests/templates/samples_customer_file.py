"""Sample contexts of the customer file (issue 11 §7), shaped as
``services/visits/customer_file.dossier_context`` builds them: two devices (one with a
history), a ticket without a device, an open ticket past its deadline, a loan, an exchange and
three visits (a due follow-up, a repair done in part by a team and late, a callback)."""

from __future__ import annotations

from typing import Any

from tests.templates.samples import COMPANY_EN, COMPANY_ZH
from tests.templates.samples_visits import visit_record

WORDS = {
    "zh": {
        "closed": "已关闭",
        "in_progress": "处理中",
        "sev1": "1 紧急",
        "sev2": "2 主要",
        "quality": "制造质量",
        "part": "配件",
        "labor": "人工",
        "travel": "差旅",
        "exchange": "换货",
        "expired": "已过保",
        "in_warranty": "保修期内",
        "local": "本地",
        "repair": "上门维修",
        "callback": "回访",
        "v_done": "已完成",
        "v_due": "待安排",
        "partial": "未完成部分",
        "late": "迟到 25 分钟",
        "on_time": "准时",
        "problem": "问题复现",
    },
    "en": {
        "closed": "closed",
        "in_progress": "in progress",
        "sev1": "1 critical",
        "sev2": "2 major",
        "quality": "manufacturing/quality",
        "part": "part",
        "labor": "labour",
        "travel": "travel",
        "exchange": "exchange",
        "expired": "expired",
        "in_warranty": "in warranty",
        "local": "local",
        "repair": "repair",
        "callback": "callback",
        "v_done": "done",
        "v_due": "due",
        "partial": "rest of a partial visit",
        "late": "late by 25 min",
        "on_time": "on time",
        "problem": "problem back",
    },
}


def _line(w: dict[str, str], kind: str, description: str, amount: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "kind_label": w[kind],
        "description": description,
        "quantity": "1",
        "unit_price": amount,
        "amount": amount,
    }


def _ticket(w: dict[str, str], number: str, received: str, **extra: Any) -> dict[str, Any]:
    ticket: dict[str, Any] = {
        "id": 1,
        "number": number,
        "status": "closed",
        "status_label": w["closed"],
        "severity": "2",
        "severity_label": w["sev2"],
        "received_at": received,
        "resolved_at": None,
        "closed_at": None,
        "assignee": "李工",
        "symptom": "排气温度过高，自动停机",
        "request": None,
        "category": "overheat",
        "component": None,
        "cause": None,
        "cause_label": None,
        "finding": None,
        "action": None,
        "in_warranty": None,
        "chargeable": None,
        "labor_hours": None,
        "parts": [],
        "charges": {
            "lines": [],
            "parts": "0.00",
            "labor": "0.00",
            "travel": "0.00",
            "other": "0.00",
            "total": "0.00",
        },
    }
    ticket.update(extra)
    return ticket


def _visit(w: dict[str, str], number: str, **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": "repair",
        "kind_label": w["repair"],
        "status_label": w["v_done"],
        "engineer": "李工",
        "ticket": None,
        "device_serial": None,
        "follow_up": None,
        "follows": None,
    }
    fields.update(extra)
    return visit_record(number, **fields)


def visits(w: dict[str, str]) -> list[dict[str, Any]]:
    """Newest first: the due rest of a partial repair, the repair itself, a callback."""
    return [
        _visit(
            w,
            "VS2611-0040",
            status="due",
            status_label=w["v_due"],
            origin="partial",
            origin_label=w["partial"],
            ticket="SH2611-0021",
            due_at="2026-11-25 18:00",
            left_over="更换冷凝风机电机",
            follows="VS2611-0034",
        ),
        _visit(
            w,
            "VS2611-0034",
            ticket="SH2611-0021",
            helpers=["赵工", "钱工"],
            appointment_at="2026-11-21 13:00",
            arrived_at="2026-11-21 13:40",
            on_time=False,
            late_minutes=25,
            arrival_label=w["late"],
            finished_at="2026-11-21 17:30",
            work_done="拆检冷凝风机，确认电机轴承损坏",
            partial=True,
            left_over="更换冷凝风机电机",
            follow_up="VS2611-0040",
        ),
        _visit(
            w,
            "VS2609-0007",
            kind="callback",
            kind_label=w["callback"],
            device_serial="KY230001",
            appointment_at="2026-09-09 10:00",
            arrived_at="2026-09-09 10:00",
            on_time=True,
            late_minutes=0,
            arrival_label=w["on_time"],
            finished_at="2026-09-09 10:10",
            work_done="电话回访：排气温度仍偏高",
            outcome="problem",
            outcome_label=w["problem"],
        ),
    ]


def customer_file(lang: str) -> dict[str, Any]:
    w = WORDS[lang]
    repaired = _ticket(
        w,
        "SH2609-0001",
        "2026-09-02 13:11",
        cause="quality",
        cause_label=w["quality"],
        component="主机",
        finding="冷却器堵塞，温控阀失效。",
        action="清洗冷却器，更换温控阀，试机两小时运行正常。",
        in_warranty=False,
        chargeable=True,
        parts=[{"description": "温控阀 (P-1001)", "quantity": "1"}],
        charges={
            "lines": [
                _line(w, "part", "温控阀 (P-1001)", "320.00"),
                _line(w, "labor", "人工", "450.00"),
                _line(w, "travel", "差旅", "100.00"),
            ],
            "parts": "320.00",
            "labor": "450.00",
            "travel": "100.00",
            "other": "0.00",
            "total": "870.00",
        },
    )
    free = _ticket(w, "SH2503-0004", "2025-03-03 10:00", in_warranty=True, chargeable=False)
    device = {
        "id": 1,
        "serial": "KY230001",
        "brand": "阿特拉斯",
        "model": "GA37",
        "product_line": None,
        "configuration": None,
        "factory_date": "2023-08-06",
        "purchase_date": "2023-09-04",
        "accepted_on": "2023-10-11",
        "warranty_start": "2023-10-11",
        "warranty_state": "expired",
        "warranty_label": w["expired"],
        "warranty": [
            {"component": "unit", "months": 24, "until": "2025-10-10", "in_warranty": False},
            {"component": "电机", "months": 120, "until": "2033-10-10", "in_warranty": True},
        ],
        "contract_until": "2027-06-30",
        "serial_tampered": False,
        "notes": None,
        "tickets": [repaired, free],
    }
    spare = dict(
        device,
        id=2,
        serial="KY240002",
        model="GA22",
        accepted_on="2026-03-01",
        warranty_start="2026-03-01",
        warranty_state="in_warranty",
        warranty_label=w["in_warranty"],
        warranty=[{"component": "unit", "months": 24, "until": "2028-02-29", "in_warranty": True}],
        contract_until=None,
        serial_tampered=True,
        tickets=[],
    )
    loose = _ticket(w, "SH2611-0021", "2026-11-20 10:00", status="in_progress")
    loose["status_label"] = w["in_progress"]
    return {
        "lang": lang,
        "printed_at": "2026-11-23 10:00",
        "company": COMPANY_ZH if lang == "zh" else COMPANY_EN,
        "currency": "CNY",
        "since": "2025-01-01",
        "customer": {
            "id": 1,
            "name": "天津天控科技有限公司",
            "contact": "杨帆",
            "phone": "022-12345678",
            "address": "天津市开发区38号",
            "region": "天津",
            "zone": "local",
            "zone_label": w["local"],
            "key": True,
            "notes": "夜间停机检修需提前一天预约",
        },
        "summary": {"devices": 2, "tickets": 3, "open_tickets": 1, "visits": 3},
        "open_tickets": [
            {
                "number": "SH2611-0021",
                "status": "in_progress",
                "status_label": w["in_progress"],
                "severity": "1",
                "severity_label": w["sev1"],
                "device_serial": None,
                "received_at": "2026-11-20 10:00",
                "assignee": "李工",
                "symptom": "停机",
                "reply_due_at": "2026-11-20 10:30",
                "onsite_due_at": "2026-11-20 14:00",
                "resolve_due_at": "2026-11-21 10:00",
                "next_due_at": "2026-11-21 10:00",
                "overdue": True,
            }
        ],
        "devices": [device, spare],
        "other_tickets": [loose],
        "loans": [
            {
                "ticket": "SH2609-0001",
                "unit_serial": "SPARE-7",
                "lent_at": "2026-09-02 15:00",
                "returned_at": None,
            }
        ],
        "returns": [
            {
                "ticket": "SH2503-0004",
                "kind": "exchange",
                "kind_label": w["exchange"],
                "reason": "三包期内同一故障修理两次",
                "condition": "外观完好",
                "opinion": "同意换货",
                "faulty_serial": "KY220009",
                "replacement_serial": "KY240002",
                "created_at": "2025-03-05 09:00",
                "created_by": "李经理",
            }
        ],
        "visits": visits(w),
    }
