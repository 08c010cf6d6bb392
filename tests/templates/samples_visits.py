"""Sample contexts of the printed visit documents (issue 11), shaped as
``services/visits/documents`` builds them: an inspection with its checklist filled (one item
not OK with the ticket it opened, two measured values), a repair done in part by a team (late
arrival, the rest carried by a follow-up visit), and a day's route sheet of two engineers, one
of them helping on the other's visit. Each function returns a fresh dict."""

from __future__ import annotations

from typing import Any

from tests.templates.samples import COMPANY_EN, COMPANY_ZH, ticket_sheet_zh

WORDS = {
    "zh": {
        "inspection": "巡检",
        "repair": "上门维修",
        "callback": "回访",
        "done": "已完成",
        "scheduled": "已预约",
        "due": "待安排",
        "plan": "巡检计划",
        "ok": "正常",
        "not_ok": "异常",
        "value": "实测",
        "on_time": "准时",
        "late": "迟到 25 分钟",
        "under_contract": "维保合同内",
        "expired": "已过保",
    },
    "en": {
        "inspection": "inspection",
        "repair": "repair",
        "callback": "callback",
        "done": "done",
        "scheduled": "scheduled",
        "due": "due",
        "plan": "inspection plan",
        "ok": "OK",
        "not_ok": "not OK",
        "value": "measured",
        "on_time": "on time",
        "late": "late by 25 min",
        "under_contract": "under contract",
        "expired": "expired",
    },
}

# The customer and device of the service report sheet's sample: the same site.
CUSTOMER = ticket_sheet_zh()["customer"]


def _device(w: dict[str, str], state: str) -> dict[str, Any]:
    warranty = {
        "state": state,
        "label": w[state],
        "until": "2026-04-19",
        "contract_until": "2027-12-31" if state == "under_contract" else None,
        "on": "2026-11-23",
    }
    return dict(ticket_sheet_zh()["device"], warranty=warranty)


def visit_record(number: str, kind: str, kind_label: str, **extra: Any) -> dict[str, Any]:
    """A visit as ``services.visits.documents.visit_record`` gives it (the sheet and the
    customer file add their own keys), done by 张伟 unless ``extra`` says otherwise."""
    visit: dict[str, Any] = {
        "number": number,
        "kind": kind,
        "kind_label": kind_label,
        "status": "done",
        "status_label": None,
        "origin": None,
        "origin_label": None,
        "engineer": "张伟",
        "helpers": [],
        "appointment_at": None,
        "due_at": None,
        "arrived_at": None,
        "on_time": None,
        "late_minutes": None,
        "arrival_label": None,
        "finished_at": None,
        "work_done": None,
        "partial": False,
        "left_over": None,
        "outcome": None,
        "outcome_label": None,
        "rating": None,
    }
    visit.update(extra)
    return visit


def _visit(w: dict[str, str], **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "number": "VS2611-0031",
        "kind": "inspection",
        "kind_label": w["inspection"],
        "status_label": w["done"],
        "appointment_at": "2026-11-23 09:00",
        "expected_minutes": 120,
        "follow_up": None,
        "follows": None,
        "signed_by": None,
        "end_reason": None,
    }
    fields.update(extra)
    return visit_record(**fields)


def _check(
    w: dict[str, str], position: int, label: str, result: str, **extra: Any
) -> dict[str, Any]:
    check: dict[str, Any] = {
        "position": position,
        "label": label,
        "unit": None,
        "measured": False,
        "blank": False,
        "result": result,
        "result_label": w[result],
        "value": None,
        "note": None,
        "ticket": None,
    }
    check.update(extra)
    check["measured"] = check["unit"] is not None
    return check


def visit_sheet(lang: str) -> dict[str, Any]:
    """A quarterly inspection under a service contract: eight checklist items, one not OK
    (a ticket opened for it), two measured; on time, rated 5, signed."""
    w = WORDS[lang]
    checks = [
        _check(w, 1, "压缩机运行声音、振动", "ok"),
        _check(w, 2, "排气温度", "value", unit="℃", value="78"),
        _check(w, 3, "冷凝压力", "value", unit="MPa", value="1.45"),
        _check(w, 4, "冷凝器翅片清洁", "not_ok", note="积灰较多，已约清洗", ticket="SH2611-0063"),
        _check(w, 5, "油位、油色", "ok"),
        _check(w, 6, "电气接线紧固、绝缘", "ok"),
        _check(w, 7, "高低压保护动作", "ok"),
        _check(w, 8, "冷库温度记录", "ok", note="−18 ℃ 稳定"),
    ]
    return {
        "lang": lang,
        "printed_at": "2026-11-23 14:30",
        "company": dict(COMPANY_ZH if lang == "zh" else COMPANY_EN),
        "visit": _visit(
            w,
            origin="plan",
            origin_label=w["plan"],
            arrived_at="2026-11-23 08:55",
            on_time=True,
            late_minutes=0,
            arrival_label=w["on_time"],
            finished_at="2026-11-23 11:10",
            work_done="按季度巡检表逐项检查，清洁电控柜滤网，紧固接线端子。",
            signed_by="王建国",
            rating=5,
        ),
        "customer": dict(CUSTOMER),
        "device": _device(w, "under_contract"),
        "ticket": None,
        "checks": checks,
    }


def visit_sheet_repair(lang: str) -> dict[str, Any]:
    """A repair for a ticket by a team of three, 25 min late, done in part: the rest (a part
    on order) is carried by the due follow-up visit VS2611-0040; not rated yet."""
    w = WORDS[lang]
    return {
        "lang": lang,
        "printed_at": "2026-11-23 18:05",
        "company": dict(COMPANY_ZH if lang == "zh" else COMPANY_EN),
        "visit": _visit(
            w,
            number="VS2611-0034",
            kind="repair",
            kind_label=w["repair"],
            engineer="张伟",
            helpers=["李强", "赵磊"],
            appointment_at="2026-11-23 13:00",
            expected_minutes=180,
            arrived_at="2026-11-23 13:40",
            on_time=False,
            late_minutes=25,
            arrival_label=w["late"],
            finished_at="2026-11-23 17:30",
            work_done="拆检冷凝风机，确认电机轴承损坏；清洗冷凝器翅片，临时恢复运行。",
            partial=True,
            left_over="更换冷凝风机电机（配件在途，预计 11 月 25 日到货）。",
            follow_up={
                "number": "VS2611-0040",
                "status": "due",
                "status_label": w["due"],
                "appointment_at": None,
                "due_at": "2026-11-25 18:00",
            },
        ),
        "customer": dict(CUSTOMER),
        "device": _device(w, "expired"),
        "ticket": {
            "number": "SH2611-0042",
            "symptom": "压缩机运行约 10 分钟后高压保护跳闸，排气温度达 105 ℃。",
        },
        "checks": [],
    }


def _stop(w: dict[str, str], index: int, **extra: Any) -> dict[str, Any]:
    stop: dict[str, Any] = {
        "index": index,
        "number": "VS2611-0031",
        "kind": "inspection",
        "kind_label": w["inspection"],
        "status": "scheduled",
        "status_label": w["scheduled"],
        "start": "09:00",
        "end": "11:00",
        "expected_minutes": 120,
        "role": "lead",
        "lead": "张伟",
        "with": [],
        "customer": dict(CUSTOMER, id=None),
        "device": {"brand": "恒冷", "model": "HL-SC75", "serial": "HL2403-00817"},
        "ticket": None,
        "work": None,
        "arrived_at": None,
        "finished_at": None,
    }
    stop["customer"].pop("id")
    stop.update(extra)
    return stop


def route_sheet(lang: str) -> dict[str, Any]:
    """Monday 23 November 2026: 张伟 leads an inspection (done, times known) and a repair
    with 李强 helping; 李强 also has a callback of his own before."""
    w = WORDS[lang]
    repair = {
        "number": "VS2611-0034",
        "kind": "repair",
        "kind_label": w["repair"],
        "start": "13:00",
        "end": "16:00",
        "expected_minutes": 180,
        "customer": {
            "name": "苏州东山冷链物流有限公司",
            "contact": "陈静",
            "phone": "0512-6628 1100",
            "address": "苏州市吴中区东山镇启园路 9 号",
        },
        "device": None,
        "ticket": {"number": "SH2611-0042", "symptom": "高压保护跳闸，排气温度过高"},
        "work": "更换冷凝风机电机",
    }
    zhang = [
        _stop(
            w,
            1,
            status="done",
            status_label=w["done"],
            arrived_at="08:55",
            finished_at="11:10",
        ),
        _stop(w, 2, **repair, **{"with": ["李强"]}),
    ]
    li = [
        _stop(
            w,
            1,
            number="VS2611-0029",
            kind="callback",
            kind_label=w["callback"],
            start="10:30",
            end="11:00",
            expected_minutes=30,
            lead="李强",
            customer={
                "name": "无锡太湖乳业有限公司",
                "contact": None,
                "phone": "0510-8520 0000",
                "address": None,
            },
            device=None,
        ),
        _stop(w, 2, role="helper", **repair, **{"with": ["张伟"]}),
    ]
    return {
        "lang": lang,
        "printed_at": "2026-11-23 07:30",
        "company": dict(COMPANY_ZH if lang == "zh" else COMPANY_EN),
        "day": "2026-11-23",
        "weekday": 1,
        "engineer": None,
        "engineers": [
            {"engineer": "张伟", "visits": zhang, "count": 2},
            {"engineer": "李强", "visits": li, "count": 2},
        ],
        "visits": 3,
    }
