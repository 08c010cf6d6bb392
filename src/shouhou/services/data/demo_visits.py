"""The visits of the demo (issue 11): inspection plans with their checklists, a year of
inspections done, callbacks made, and a plausible day — bookings earlier today (done, one in
part, one under way, one nobody arrived at), later today and tomorrow, yesterday's missed and
cancelled ones. Everything goes through the visit services, so the demo exercises the rules;
times are relative to "now", so ``shouhou today`` on a fresh demo always has a morning's work.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Visit
    from shouhou.services.tickets.sla import Rules

# A checklist per model (DOMAIN §3 inspection record): items checked ok / not ok, or measured.
CHECKLISTS: dict[str, list[tuple[str, str | None]]] = {
    "GA37": [
        ("排气压力", "MPa"),
        ("排气温度", "°C"),
        ("油位及油质", None),
        ("空滤、油滤压差", None),
        ("电机绝缘电阻", "MΩ"),
    ],
    "TYY-18": [("集热管完好", None), ("水箱及管路无渗漏", None), ("出水温度", "°C")],
    "S7-1200": [("控制柜温度", "°C"), ("通讯状态", None), ("备份程序已更新", None)],
}
# Typical readings, (low, high), of the measured items.
READINGS = {"MPa": (0.65, 0.8), "°C": (45.0, 85.0), "MΩ": (50.0, 200.0)}
ENGINEERS = ("王工", "李工", "张工", "Chen Wei")


def add_demo_visits(
    session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo, devices: dict[str, int]
) -> int:
    """Plans, a year of visits and today's bookings; ``devices`` maps serial → id. Returns the
    number of visits."""
    from sqlmodel import func, select

    from shouhou.models import Visit
    from shouhou.services.visits import checklists, upkeep

    rng = random.Random(11)
    today = stamp.at.astimezone(zone).date()
    for model, items in CHECKLISTS.items():
        for label, unit in items:
            checklists.add_item(session, stamp, model=model, label=label, unit=unit)
    _add_plans(session, stamp, today=today, zone=zone, devices=devices)
    upkeep.refresh(session, stamp, today=today, zone=zone)
    _catch_up(session, stamp, rules=rules, zone=zone, rng=rng)
    _today(session, stamp, rules=rules, zone=zone, today=today)
    return int(session.exec(select(func.count()).select_from(Visit)).one())


def _add_plans(
    session: Session, stamp: Stamp, *, today: date, zone: tzinfo, devices: dict[str, int]
) -> None:
    """Quarterly inspections of the compressors, solar heaters and control systems under
    contract or of key customers; a monthly one for the hospital; training every six months."""
    from sqlmodel import col, select

    from shouhou.models import Customer, Device
    from shouhou.services.visits.plans import add_plan

    start = today - timedelta(days=340)
    rows = session.exec(
        select(Device, Customer)
        .join(Customer, col(Customer.id) == col(Device.customer_id))
        .where(col(Device.model).in_(list(CHECKLISTS)), col(Device.id).in_(devices.values()))
        .order_by(col(Device.id))
    ).all()
    for index, (device, customer) in enumerate(rows):
        if not (device.contract_until or customer.key_customer or index % 3 == 0):
            continue
        add_plan(
            session,
            stamp,
            customer_ref=None,
            device_ref=device.serial,
            every_months=3,
            start_on=max(start, (device.accepted_on or start)) + timedelta(days=index % 20),
            engineer=ENGINEERS[index % len(ENGINEERS)],
            zone=zone,
        )
    hospital = session.exec(select(Customer).where(col(Customer.name).contains("医院"))).first()
    if hospital is not None:
        add_plan(
            session,
            stamp,
            customer_ref=str(hospital.id),
            device_ref=None,
            every_months=1,
            start_on=start + timedelta(days=4),
            engineer="李工",
            zone=zone,
        )
        add_plan(
            session,
            stamp,
            customer_ref=str(hospital.id),
            device_ref=None,
            kind="training",
            every_months=6,
            start_on=start + timedelta(days=130),
            engineer="Chen Wei",
            zone=zone,
        )


def _checks(session: Session, visit: Visit, rng: random.Random) -> list[str]:
    """Readings for the visit's checklist: mostly fine, now and then an item not ok."""
    from shouhou.services.visits.checklists import items_for_visit

    answers = []
    for position, item in enumerate(items_for_visit(session, visit), 1):
        if item.unit is not None:
            low, high = READINGS.get(item.unit, (1.0, 10.0))
            answers.append(f"{position}={rng.uniform(low, high):.2f}")
        elif rng.random() < 0.06:
            answers.append(f"{position}=not-ok:需跟进处理")
        else:
            answers.append(f"{position}=ok")
    return answers


def _catch_up(
    session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo, rng: random.Random
) -> None:
    """The past done: every due visit more than two days old was booked, visited and
    finished shortly before it fell due (inspections with their checklist), every callback
    older than a day made by phone — except a few left overdue for ``today`` to show."""
    from sqlmodel import col, select

    from shouhou.models import Visit
    from shouhou.services.visits import lifecycle, schedule

    old = session.exec(
        select(Visit)
        .where(Visit.status == "due", col(Visit.due_at) < stamp.at - timedelta(days=1))
        .order_by(col(Visit.due_at), col(Visit.id))
    ).all()
    for index, visit in enumerate(old):
        assert visit.due_at is not None
        if index % 17 == 5 and visit.due_at > stamp.at - timedelta(days=20):
            continue  # left overdue
        if visit.kind == "callback":
            made = visit.due_at - timedelta(hours=rng.randint(1, 40))
            lifecycle.finish(
                session,
                Stamp(visit.engineer or ENGINEERS[index % 4], max(made, visit.created_at)),
                visit.number,
                work_done="电话回访，客户反映设备运行正常",
                rules=rules,
                zone=zone,
                result="ok",
            )
            continue
        appointment = datetime.combine(
            (visit.due_at - timedelta(days=rng.randint(2, 6))).astimezone(zone).date(),
            time(rng.choice((9, 10, 14))),
            tzinfo=zone,
        )
        engineer = visit.engineer or ENGINEERS[index % 4]
        schedule.book(
            session,
            Stamp("小刘", appointment - timedelta(days=3)),
            visit.number,
            appointment_at=appointment,
            zone=zone,
            engineer=engineer,
            force=True,
        )
        arrived = appointment + timedelta(minutes=rng.choice((-10, 0, 5, 10, 25)))
        lifecycle.start(session, Stamp(engineer, arrived), visit.number, rules)
        lifecycle.finish(
            session,
            Stamp(engineer, arrived + timedelta(minutes=rng.randint(50, 150))),
            visit.number,
            work_done="按计划巡检，设备运行正常" if visit.kind == "inspection" else "操作培训",
            rules=rules,
            zone=zone,
            signed_by="设备主管",
            rating=rng.choice((5, 5, 4)),
            checks=_checks(session, visit, rng),
        )


def _today(session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo, today: date) -> None:
    """Today's bookings around "now", and yesterday's: an installation done in part (the rest
    due tomorrow), an inspection under way, a repair nobody arrived at yet, training and a
    callback later today, a missed visit re-booked for tomorrow, a cancelled one."""
    from sqlmodel import col, select

    from shouhou.models import Device, Ticket
    from shouhou.services.visits import lifecycle, schedule

    now = stamp.at
    devices = session.exec(select(Device).order_by(col(Device.id))).all()

    def book(kind: str, at: datetime, engineer: str, index: int, **more: object) -> Visit:
        device = devices[index % len(devices)]
        visit, _ = schedule.schedule_visit(
            session,
            Stamp("小刘", min(now, at) - timedelta(days=1)),
            kind=kind,
            engineer=engineer,
            appointment_at=at,
            zone=zone,
            expected_minutes=90,
            customer_ref=str(device.customer_id),
            device_ref=device.serial,
            force=True,
            **more,  # type: ignore[arg-type]
        )
        return visit

    install = book("install", now - timedelta(minutes=150), "王工", 5, helpers=["张工"])
    lifecycle.start(session, Stamp("王工", now - timedelta(minutes=140)), install.number, rules)
    lifecycle.finish(
        session,
        Stamp("王工", now - timedelta(minutes=30)),
        install.number,
        work_done="设备就位，管路连接完成",
        rules=rules,
        zone=zone,
        signed_by="现场负责人",
        partial=True,
        partial_left="电气接线及调试（等配电柜到货）",
    )
    under_way = book("training", now - timedelta(minutes=50), "李工", 11)
    lifecycle.start(session, Stamp("李工", now - timedelta(minutes=45)), under_way.number, rules)
    waiting = session.exec(
        select(Ticket)
        .where(col(Ticket.status).in_(("assigned", "responded")), Ticket.mode == "onsite")
        .where(col(Ticket.arrived_at).is_(None))
        .order_by(col(Ticket.id).desc())
    ).first()
    if waiting is not None and waiting.assignee:
        schedule.schedule_visit(
            session,
            Stamp("小刘", now - timedelta(hours=3)),
            kind="repair",
            engineer=waiting.assignee,
            appointment_at=now - timedelta(minutes=40),
            zone=zone,
            ticket_ref=waiting.number,
            force=True,
        )
    book("training", now + timedelta(hours=1), "Chen Wei", 17)
    book("callback", now + timedelta(hours=2), "王工", 23)
    tomorrow = datetime.combine(today + timedelta(days=1), time(9, 30), tzinfo=zone)
    book("inspection", tomorrow, "张工", 29)
    yesterday = datetime.combine(today - timedelta(days=1), time(15), tzinfo=zone)
    missed = book("repair", yesterday, "张工", 31)
    lifecycle.missed(session, Stamp("张工", yesterday + timedelta(hours=1)), missed.number,
                     reason="客户现场无人")  # fmt: skip
    schedule.reschedule(
        session,
        Stamp("小刘", yesterday + timedelta(hours=2)),
        missed.number,
        appointment_at=tomorrow + timedelta(hours=4, minutes=30),
        reason="已与客户重新约定时间",
        zone=zone,
        force=True,
    )
    absent = book("callback", yesterday - timedelta(hours=2), "Chen Wei", 41)
    lifecycle.missed(session, Stamp("Chen Wei", yesterday), absent.number,
                     reason="客户电话无人接听，待再约")  # fmt: skip
    cancelled = book("inspection", yesterday - timedelta(hours=5), "李工", 37)
    lifecycle.cancel(session, Stamp("小刘", yesterday - timedelta(days=1)), cancelled.number,
                     reason="客户停产检修，改下月")  # fmt: skip
