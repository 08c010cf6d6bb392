"""Sample contexts for the printed documents, shaped as the CLI builds them (plain dicts,
local display times, money as strings). Each function returns a fresh dict."""

from __future__ import annotations

from typing import Any

COMPANY_ZH = {
    "name": "苏州恒冷压缩机设备有限公司",
    "address": "江苏省苏州市吴中区木渎镇金枫路 188 号",
    "phone": "0512-6655 8800",
}
COMPANY_EN = {
    "name": "Suzhou Hengleng Compressor Equipment Co., Ltd.",
    "address": "188 Jinfeng Road, Mudu, Wuzhong District, Suzhou, Jiangsu",
    "phone": "+86 512 6655 8800",
}


def ticket_sheet_zh() -> dict[str, Any]:
    """An out-of-warranty compressor repair with eight charge lines (the fit-one-page case)."""
    return {
        "lang": "zh",
        "printed_at": "2026-11-23 14:30",
        "company": dict(COMPANY_ZH),
        "ticket": {
            "number": "SH2611-0042",
            "status": "resolved",
            "status_label": "已解决",
            "severity": "2",
            "severity_label": "2 主要",
            "channel_label": "电话",
            "received_at": "2026-11-21 08:47",
            "received_by": "李晓梅",
            "assignee": "张伟",
            "mode_label": "上门服务",
            "symptom": "压缩机运行约 10 分钟后高压保护跳闸，排气温度达 105 ℃；"
            "冷库温度降不下来（设定 −18 ℃，实际 −9 ℃），库内有约 20 吨冻品。",
            "request": "尽快派人到现场，周日前恢复制冷。",
            "category": "制冷系统",
            "cause_label": "正常磨损",
            "finding": "冷凝器翅片积灰严重，冷凝风机电机轴承磨损、转速偏低，导致冷凝压力过高，"
            "高压开关动作正常。压缩机本体油位、绝缘电阻检测正常，干燥过滤器前后温差大，有轻微堵塞。",
            "action": "更换冷凝风机电机一台及轴承，清洗冷凝器翅片，更换干燥过滤器，"
            "抽真空后补充冷媒 R404A 3 kg。试机 2 小时：排气温度 78 ℃，冷库降至 −18 ℃，运行正常。"
            "\n建议每季度清洗一次冷凝器。",
            "replied_at": "2026-11-21 08:55",
            "arrived_at": "2026-11-21 13:20",
            "resolved_at": "2026-11-21 17:45",
            "closed_at": None,
            "in_warranty": False,
            "warranty_note": "整机保修至 2026-04-20",
            "chargeable": True,
            "labor_hours": "4.5",
            "approved_by": "陈志强",
            "escalation_level": 0,
        },
        "customer": {
            "id": 17,
            "name": "无锡华润食品冷链有限公司",
            "contact": "王建国",
            "phone": "139 1234 5678",
            "address": "江苏省无锡市新吴区长江路 21 号 3 号冷库",
        },
        "device": {
            "serial": "HL2403-00817",
            "brand": "恒冷",
            "model": "HL-SC75 螺杆压缩冷凝机组",
            "purchase_date": "2024-04-02",
            "accepted_on": "2024-04-20",
            "factory_date": "2024-03-15",
        },
        "charges": {
            "currency": "CNY",
            "lines": [
                _line("part", "配件", "冷凝风机电机 YWF4E-450", "1", "1280.00", "1280.00"),
                _line("part", "配件", "深沟球轴承 6204-2RS", "2", "35.00", "70.00"),
                _line("part", "配件", "干燥过滤器 DML 164", "1", "185.00", "185.00"),
                _line("part", "配件", "冷媒 R404A（公斤）", "3", "95.00", "285.00"),
                _line("part", "配件", "高压开关密封垫", "2", "8.50", "17.00"),
                _line("other", "其他", "翅片清洗剂", "1", "60.00", "60.00"),
                _line("labor", "人工", "维修工时", "4.5", "120.00", "540.00"),
                _line("travel", "差旅", "苏州—无锡往返", "1", "260.00", "260.00"),
            ],
            "parts": "1837.00",
            "labor": "540.00",
            "travel": "260.00",
            "other": "60.00",
            "total": "2697.00",
        },
        "loans": [],
        "ratings": {"quality": 5, "attitude": 4},
    }


def ticket_sheet_en() -> dict[str, Any]:
    """A critical in-warranty repair with a spare unit on loan; not rated yet."""
    return {
        "lang": "en",
        "printed_at": "2026-11-23 14:30",
        "company": dict(COMPANY_EN),
        "ticket": {
            "number": "SH2611-0057",
            "status": "resolved",
            "status_label": "resolved",
            "severity": "1",
            "severity_label": "1 critical",
            "channel_label": "phone",
            "received_at": "2026-11-22 06:10",
            "received_by": "Li Xiaomei",
            "assignee": "Zhang Wei",
            "mode_label": "on site",
            "symptom": "Condensing unit for the milk cooling tank stopped with a loud knock and "
            "will not restart; tank temperature rising (now 9 °C, must stay below 4 °C). "
            "Morning collection of 6,000 litres at risk.",
            "request": "Engineer on site before the 10:00 collection; lend a unit if needed.",
            "category": "compressor",
            "cause_label": "manufacturing / quality",
            "finding": "Discharge valve plate of cylinder 2 cracked; fragments scored the valve "
            "seat. Oil clean, windings and insulation fine. Defect in the valve plate batch "
            "(supplier notice 2026-07).",
            "action": "Connected spare unit HL-SPARE-03 to keep the tank cold, then replaced the "
            "valve plate kit and gaskets, evacuated and recharged R134a. Ran 90 minutes: "
            "pressures normal, tank at 3.5 °C.",
            "replied_at": "2026-11-22 06:14",
            "arrived_at": "2026-11-22 08:05",
            "resolved_at": "2026-11-22 12:40",
            "closed_at": None,
            "in_warranty": True,
            "warranty_note": "whole unit until 2027-05-31",
            "chargeable": False,
            "labor_hours": "3",
            "approved_by": None,
            "escalation_level": 1,
        },
        "customer": {
            "id": 42,
            "name": "Riverside Dairy Co-operative",
            "contact": "Margaret O'Neill",
            "phone": "+86 138 0000 4321",
            "address": "Farm Road 7, Taicang, Jiangsu",
        },
        "device": {
            "serial": "HL2505-01233",
            "brand": "Hengleng",
            "model": "HL-RC22 reciprocating condensing unit",
            "purchase_date": "2025-05-20",
            "accepted_on": "2025-05-31",
            "factory_date": "2025-05-06",
        },
        "charges": {
            "currency": "CNY",
            "lines": [
                _line(
                    "part", "part", "Valve plate kit VP-22 (with gaskets)", "1", "420.00", "420.00"
                ),
                _line("part", "part", "Refrigerant R134a (kg)", "2", "80.00", "160.00"),
                _line("labor", "labour", "Repair labour", "3", "120.00", "360.00"),
                _line("travel", "travel", "Suzhou – Taicang and back", "1", "150.00", "150.00"),
            ],
            "parts": "580.00",
            "labor": "360.00",
            "travel": "150.00",
            "total": "1090.00",
        },
        "loans": [
            {"unit_serial": "HL-SPARE-03", "lent_at": "2026-11-22 08:30", "returned_at": None}
        ],
        "ratings": None,
    }


def ticket_sheet_minimal(lang: str = "zh") -> dict[str, Any]:
    """A ticket just received: every optional value missing."""
    return {
        "lang": lang,
        "printed_at": "2026-11-23 09:00",
        "company": {"name": "", "address": "", "phone": ""},
        "ticket": {
            "number": "SH2611-0060",
            "status": "new",
            "status_label": "新建" if lang == "zh" else "new",
            "severity": "3",
            "severity_label": "3 次要" if lang == "zh" else "3 minor",
            "channel_label": "来访" if lang == "zh" else "walk-in",
            "received_at": "2026-11-23 08:58",
            "received_by": "李晓梅",
            "assignee": None,
            "mode_label": None,
            "symptom": "异响" if lang == "zh" else "Noise",
            "request": None,
            "category": None,
            "cause_label": None,
            "finding": None,
            "action": None,
            "replied_at": None,
            "arrived_at": None,
            "resolved_at": None,
            "closed_at": None,
            "in_warranty": None,
            "warranty_note": None,
            "chargeable": None,
            "labor_hours": None,
            "approved_by": None,
            "escalation_level": 0,
        },
        "customer": {
            "id": 3,
            "name": "周记冷饮店",
            "contact": None,
            "phone": None,
            "address": None,
        },
        "device": None,
        "charges": {
            "currency": "CNY",
            "lines": [],
            "parts": "0.00",
            "labor": "0.00",
            "travel": "0.00",
            "total": "0.00",
        },
        "loans": [],
        "ratings": None,
    }


def return_slip_zh() -> dict[str, Any]:
    """An exchange of a unit with a quality defect (换货)."""
    return {
        "lang": "zh",
        "printed_at": "2026-11-23 14:30",
        "company": dict(COMPANY_ZH),
        "customer": {
            "id": 21,
            "name": "常州美家便利店连锁有限公司",
            "contact": "刘芳",
            "phone": "0519-8888 1234",
            "address": "江苏省常州市天宁区延陵西路 99 号",
        },
        "device": {
            "serial": "HL2609-00311",
            "brand": "恒冷",
            "model": "HL-MC05 小型风冷冷凝机组",
            "purchase_date": "2026-10-28",
            "accepted_on": "2026-11-02",
            "factory_date": "2026-09-18",
        },
        "ticket": {
            "number": "SH2611-0048",
            "symptom": "新机安装两周内压缩机三次过载保护停机，噪音明显偏大。",
            "received_at": "2026-11-16 10:12",
            "cause_label": "制造质量",
        },
        "record": {
            "kind": "exchange",
            "kind_label": "换货",
            "reason": "购机不足一个月，同一故障维修一次后仍反复出现，客户要求换新机。",
            "condition": "外观完好，配件齐全（遥控器、说明书、安装支架），已安装使用，"
            "铭牌与出厂编号完整无涂改。",
            "opinion": "经检验压缩机内部阀片装配缺陷，属制造质量问题，非人为损坏，"
            "同意换同型号新机。",
            "faulty_serial": "HL2609-00311",
            "replacement_serial": "HL2611-00502",
            "created_at": "2026-11-23 10:05",
            "created_by": "张伟",
        },
    }


def return_slip_en() -> dict[str, Any]:
    """A return of an unopened unit."""
    return {
        "lang": "en",
        "printed_at": "2026-11-23 14:30",
        "company": dict(COMPANY_EN),
        "customer": {
            "id": 42,
            "name": "Riverside Dairy Co-operative",
            "contact": "Margaret O'Neill",
            "phone": "+86 138 0000 4321",
            "address": "Farm Road 7, Taicang, Jiangsu",
        },
        "device": {
            "serial": "HL2610-00077",
            "brand": "Hengleng",
            "model": "HL-MC05 air-cooled condensing unit",
            "purchase_date": "2026-11-10",
            "accepted_on": None,
            "factory_date": "2026-10-02",
        },
        "ticket": {
            "number": "SH2611-0051",
            "symptom": "Ordered the wrong capacity; unit not installed.",
            "received_at": "2026-11-18 15:40",
            "cause_label": None,
        },
        "record": {
            "kind": "return",
            "kind_label": "return",
            "reason": "Capacity too small for the new cold room (customer's ordering error).",
            "condition": "Unopened, original packaging sealed, accessories complete.",
            "opinion": "Inspected: packaging intact, serial label intact. Return accepted "
            "subject to a 5% restocking fee.",
            "faulty_serial": None,
            "replacement_serial": None,
            "created_at": "2026-11-23 11:20",
            "created_by": "Zhang Wei",
        },
    }


def return_slip_minimal(lang: str = "zh") -> dict[str, Any]:
    """A return slip with every optional value missing (no device on file)."""
    slip = return_slip_en() if lang == "en" else return_slip_zh()
    slip["company"] = {"name": "", "address": "", "phone": ""}
    slip["customer"] = {
        "id": 3,
        "name": "周记冷饮店",
        "contact": None,
        "phone": None,
        "address": None,
    }
    slip["device"] = None
    slip["ticket"]["cause_label"] = None
    slip["record"].update(kind="exchange", faulty_serial=None, replacement_serial=None)
    return slip


def _line(
    kind: str, kind_label: str, description: str, quantity: str, unit_price: str, amount: str
) -> dict[str, str]:
    return {
        "kind": kind,
        "kind_label": kind_label,
        "description": description,
        "quantity": quantity,
        "unit_price": unit_price,
        "amount": amount,
    }
