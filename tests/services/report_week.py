"""A small synthetic week for the weekly report: ISO week 2026-W47 (Mon 11-16 to Sun 11-22,
Asia/Shanghai), built through the ticket services so the SLA state on every row is the one the
services store. The report is made at ``NOW`` (Mon 2026-11-23 10:00, tests/conftest.py).

Default rules (DOMAIN §2): critical 24×7 — reply 10 min, on site 2 h, resolve 4 h; major —
reply 30 min, on site 12 h, resolve 24 working hours; minor — reply 1 h, on site 48 h, resolve
3 working days; working hours 08:30–17:30 Mon–Fri; zone "local" travel 2 h.

====  ==================  ===  =======  ========  ======  =================================
#     received (local)    sev  channel  taken by  eng.    what happened → deadlines
====  ==================  ===  =======  ========  ======  =================================
T0    Mon 11-16 00:05     1    phone    小刘      王工    reply 00:12 (due 00:15 met), phone,
                                                          resolved 01:00 (due 04:05 met)
T1    Mon 11-16 09:00     1    phone    小刘      王工    reply 09:05 met, on site: arrived
                                                          10:30 (due 11:00 met), resolved
                                                          12:00 (due 13:00 met), closed Tue
T2    Mon 11-16 14:00     2    email    小刘      李工    reply 14:20 (due 14:30 met), phone,
                                                          resolved 15:00 (met)
T3    Tue 11-17 20:00     1    phone    小王      王工    reply 20:25 (due 20:10: 15 min
                                                          late), remote, resolved 23:00 (due
                                                          24:00 met)
T4    Wed 11-18 09:30     3    web      小刘      —       untouched: reply due Wed 10:30 and
                                                          resolve due Mon 11-23 09:30 (27
                                                          working hours) both overdue at NOW
T5    Thu 11-19 16:00     2    phone    小刘      李工    reply 16:10 met, waiting for parts
                                                          since 16:30: resolve pending
T6    Sat 11-21 11:00     1    walk-in  小刘      张工    reply 11:08 met, on site: arrived
                                                          13:40 (due 13:00: 40 min late),
                                                          resolved 16:30 (due 15:00: 90 late)
T7    Sun 11-22 23:30     3    phone    小刘      —       cancelled 23:50 (misreport): every
                                                          deadline ended before it was due
====  ==================  ===  =======  ========  ======  =================================

Outside the week (must not be counted): Sun 11-15 23:50 (W46) and Mon 11-23 08:00 (W48).
T0 is Sunday 16:05 in UTC: only the firm's zone puts it in W47.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")
WEEK = "2026-W47"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


def build_week(session: Session) -> dict[str, Any]:
    """The tickets above; returns their numbers T0…T7 and the two outside the week."""
    rules = load_rules(session, zone=SH)
    start = by("小刘", "2026-01-01 09:00")
    acme = add_customer(session, start, name="华光机械有限公司", zone="local")
    beta = add_customer(session, start, name="Beta Trading Ltd", zone="local")
    assert acme.id is not None and beta.id is not None
    a1 = add_device(
        session,
        start,
        customer_id=acme.id,
        model="KS-200",
        serial="SN-A1",
        accepted_on=date(2026, 1, 1),
    )
    b1 = add_device(
        session,
        start,
        customer_id=beta.id,
        model="KS-300",
        serial="SN-B1",
        accepted_on=date(2026, 1, 1),
    )

    def new(
        when: str, severity: str, device: Any, channel: str, symptom: str, taker: str = "小刘"
    ) -> str:
        return intake.open_ticket(
            session,
            by(taker, when),
            customer_id=device.customer_id,
            device_id=device.id,
            severity=severity,
            channel=channel,
            symptom=symptom,
            received_at=at(when),
            received_by=taker,
            rules=rules,
        ).ticket.number

    outside_before = new("2026-11-15 23:50", "3", a1, "phone", "上周的报修")
    t0 = new("2026-11-16 00:05", "1", a1, "phone", "停机报警 E07")
    tickets.assign(session, by("小刘", "2026-11-16 00:06"), t0, "王工", rules)
    tickets.respond(session, by("王工", "2026-11-16 00:12"), t0, rules, "电话指导复位")
    tickets.set_mode(session, by("王工", "2026-11-16 00:13"), t0, "phone", rules)
    tickets.resolve(session, by("王工", "2026-11-16 01:00"), t0, action="复位后恢复", rules=rules)

    t1 = new("2026-11-16 09:00", "1", a1, "phone", "主机不制冷")
    tickets.assign(session, by("小刘", "2026-11-16 09:02"), t1, "王工", rules)
    tickets.respond(session, by("王工", "2026-11-16 09:05"), t1, rules, None)
    tickets.set_mode(session, by("王工", "2026-11-16 09:06"), t1, "onsite", rules)
    tickets.arrive(session, by("王工", "2026-11-16 10:30"), t1, rules)
    tickets.resolve(session, by("王工", "2026-11-16 12:00"), t1, action="更换压缩机", rules=rules)
    tickets.close(session, by("小刘", "2026-11-17 10:00"), t1, rules)

    t2 = new("2026-11-16 14:00", "2", b1, "email", "Noise when starting")
    tickets.assign(session, by("小刘", "2026-11-16 14:05"), t2, "李工", rules)
    tickets.respond(session, by("李工", "2026-11-16 14:20"), t2, rules, None)
    tickets.set_mode(session, by("李工", "2026-11-16 14:21"), t2, "phone", rules)
    tickets.resolve(session, by("李工", "2026-11-16 15:00"), t2, action="调整参数", rules=rules)

    t3 = new("2026-11-17 20:00", "1", a1, "phone", "控制屏黑屏", taker="小王")
    tickets.assign(session, by("小王", "2026-11-17 20:05"), t3, "王工", rules)
    tickets.respond(session, by("王工", "2026-11-17 20:25"), t3, rules, None)
    tickets.set_mode(session, by("王工", "2026-11-17 20:30"), t3, "remote", rules)
    tickets.resolve(session, by("王工", "2026-11-17 23:00"), t3, action="远程升级", rules=rules)

    t4 = new("2026-11-18 09:30", "3", b1, "web", "Manual request")

    t5 = new("2026-11-19 16:00", "2", a1, "phone", "漏水")
    tickets.assign(session, by("小刘", "2026-11-19 16:02"), t5, "李工", rules)
    tickets.respond(session, by("李工", "2026-11-19 16:10"), t5, rules, None)
    tickets.wait(session, by("李工", "2026-11-19 16:30"), t5, reason="等待配件", rules=rules)

    t6 = new("2026-11-21 11:00", "1", b1, "walk-in", "Unit will not start")
    tickets.assign(session, by("小刘", "2026-11-21 11:03"), t6, "张工", rules)
    tickets.respond(session, by("张工", "2026-11-21 11:08"), t6, rules, None)
    tickets.set_mode(session, by("张工", "2026-11-21 11:10"), t6, "onsite", rules)
    tickets.arrive(session, by("张工", "2026-11-21 13:40"), t6, rules)
    tickets.resolve(session, by("张工", "2026-11-21 16:30"), t6, action="更换继电器", rules=rules)

    t7 = new("2026-11-22 23:30", "3", a1, "phone", "误报：以为报警")
    tickets.cancel(session, by("小刘", "2026-11-22 23:50"), t7, reason="客户误报", rules=rules)

    outside_after = new("2026-11-23 08:00", "2", b1, "phone", "下周的报修")
    session.flush()
    return {
        "T": [t0, t1, t2, t3, t4, t5, t6, t7],
        "outside": [outside_before, outside_after],
    }
