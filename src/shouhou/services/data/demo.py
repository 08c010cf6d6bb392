"""The demo data set behind ``shouhou init --demo``.

Customers and devices come from ``examples/demo/*.csv``; the department's users and roles are
fixed here (clerks, engineers, a supervisor, a manager, a general manager); tickets are
generated (seeded, so every run is the same relative to "now") over the last 14 months through
the real services, in every state, with symptoms typical of each product line.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING

from shouhou.errors import DomainError
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Device
    from shouhou.services.data.demo_parts import DemoStock
    from shouhou.services.tickets.sla import Rules

SYMPTOMS: dict[str, list[tuple[str, str]]] = {
    "compressor": [
        ("排气温度过高，自动停机", "overheat"),
        ("启动后跳闸", "electrical"),
        ("运行噪音大，振动明显", "noise"),
        ("压力上不去，产气量不足", "pressure"),
        ("油气分离器漏油", "leak"),
        ("Unit trips on high discharge temperature", "overheat"),
    ],
    "lighting": [
        ("整排灯具不亮", "power"),
        ("灯具频闪", "driver"),
        ("驱动电源烧坏", "driver"),
        ("Several fittings flicker at night", "driver"),
        ("亮度明显下降", "led"),
    ],
    "solar-heater": [
        ("水箱漏水", "leak"),
        ("集热管破裂", "tube"),
        ("热水温度不够", "heating"),
        ("控制仪表显示异常", "controller"),
        ("No hot water after cloudy days", "heating"),
    ],
    "control-system": [
        ("PLC 通讯中断，画面无数据", "communication"),
        ("系统宕机超过10分钟", "outage"),
        ("历史数据丢失", "data"),
        ("报警无法复位", "alarm"),
        ("HMI freezes during shift change", "software"),
    ],
    "precast": [
        ("叠合板表面裂缝", "crack"),
        ("楼梯板尺寸偏差", "dimension"),
        ("预埋件位置不对", "embedded"),
        ("Surface honeycombing on delivered panels", "surface"),
    ],
}
FINDINGS = {
    "quality": ("零部件制造缺陷", "quality"),
    "wear": ("部件正常磨损老化", "wear"),
    "misuse": ("操作不当导致故障", "misuse"),
    "installation": ("安装不规范", "installation"),
    "supplier-part": ("外购件质量问题", "supplier-part"),
    "force-majeure": ("雷击/停电造成损坏", "force-majeure"),
}
ENGINEERS = ["王工", "李工", "张工", "Chen Wei"]
CLERKS = ["小刘", "小赵"]
SUPERVISOR = "周主管"
MANAGER = "李经理"
GENERAL_MANAGER = "赵总"
DEMO_TICKETS = 320


@dataclass
class _Plan:
    device: Device
    received_at: datetime
    severity: str
    symptom: str
    category: str


def _read(name: str) -> list[dict[str, str]]:
    from shouhou.resources import resource_dir

    path = resource_dir("examples") / "demo" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_demo(session: Session, stamp: Stamp, *, zone: tzinfo) -> dict[str, int] | None:
    """Load the demo set into an empty database; returns counts, or None when it is there."""
    from sqlmodel import func, select

    from shouhou.models import Customer, Device
    from shouhou.services import config
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.customers.devices import add_device, parse_component
    from shouhou.services.data.demo_complaints import add_demo_complaints
    from shouhou.services.data.demo_parts import add_demo_parts
    from shouhou.services.data.demo_surveys import add_demo_surveys
    from shouhou.services.data.demo_visits import add_demo_visits
    from shouhou.services.tickets.sla import load_rules
    from shouhou.timeutil import day_start, parse_date

    device_rows = _read("devices.csv")
    if session.exec(select(Device.id).where(Device.serial == device_rows[0]["serial"])).first():
        return None
    if session.exec(select(func.count()).select_from(Customer)).one():
        raise DomainError("err.demo_not_empty")
    _add_users(session, stamp)
    if not config.load(session)["company.name"]:
        config.set_value(session, stamp, "company.name", "天津天控科技有限公司 售后服务部")
        config.set_value(session, stamp, "company.phone", "400-800-1234")
        config.set_value(session, stamp, "company.address", "天津市滨海新区黄海路 88 号")
    ids: dict[str, int] = {}
    for row in _read("customers.csv"):
        customer = add_customer(
            session,
            stamp,
            name=row["name"],
            contact=row["contact"] or None,
            phone=row["phone"] or None,
            address=row["address"] or None,
            region=row["region"] or None,
            zone=row["zone"],
            key_customer=row["key"] == "yes",
        )
        assert customer.id is not None
        ids[row["name"]] = customer.id
    devices = []
    for row in device_rows:
        components = [parse_component(c) for c in row["components"].split(";") if c]
        devices.append(
            add_device(
                session,
                stamp,
                customer_id=ids[row["customer"]],
                model=row["model"],
                serial=row["serial"],
                brand=row["brand"] or None,
                product_line=row["product_line"],
                factory_date=parse_date(row["factory_date"]) if row["factory_date"] else None,
                purchase_date=parse_date(row["purchase_date"]) if row["purchase_date"] else None,
                accepted_on=parse_date(row["accepted_on"]) if row["accepted_on"] else None,
                warranty_months=int(row["warranty_months"]),
                components=components,
                contract_until=parse_date(row["contract_until"]) if row["contract_until"] else None,
            )
        )
    rules = load_rules(session, zone=zone)
    plans = _plans(devices, stamp.at, zone)
    # The parts and their opening stock come before the first ticket (DOMAIN §4 ledger).
    opening = day_start((plans[0].received_at - timedelta(days=7)).astimezone(zone).date(), zone)
    stock = add_demo_parts(
        session, stamp, start=opening + timedelta(hours=9), zone=zone, rules=rules
    )
    for index, plan in enumerate(plans):
        _play(session, plan, rules, stamp.at, random.Random(index), stock)
    stock.finish(session, stamp.at)
    visits = add_demo_visits(
        session, stamp, rules=rules, zone=zone, devices={d.serial: d.id or 0 for d in devices}
    )
    surveys = add_demo_surveys(session, stamp, rules=rules, zone=zone)
    complaints = add_demo_complaints(session, stamp, rules=rules, zone=zone)
    return {
        "customers": len(ids),
        "devices": len(devices),
        "tickets": len(plans),
        "visits": visits,
        "surveys": surveys,
        "complaints": complaints,
    }


def _add_users(session: Session, stamp: Stamp) -> None:
    """The department's people with their roles (DOMAIN §8), so ``--as 王工`` and the
    approvals work on the demo; someone already added before the demo is left as they are."""
    from shouhou.enums import Role
    from shouhou.services import users

    staff = [
        *((name, Role.clerk) for name in CLERKS),
        *((name, Role.engineer) for name in ENGINEERS),
        (SUPERVISOR, Role.supervisor),
        (MANAGER, Role.manager),
        (GENERAL_MANAGER, Role.general_manager),
    ]
    for name, role in staff:
        if users.find_user(session, name) is None:
            users.add_user(session, stamp, name=name, role=role)


def _plans(devices: list[Device], now: datetime, zone: tzinfo) -> list[_Plan]:
    rng = random.Random(2026)
    start = now - timedelta(days=425)
    plans = []
    # A few devices are troublemakers: repeat faults drive the 三包 and repeat reports.
    troublemakers = devices[:: max(1, len(devices) // 6)]
    for index in range(DEMO_TICKETS):
        device = rng.choice(troublemakers) if index % 9 == 0 else rng.choice(devices)
        # Demand peaks in Q1 (DOMAIN §7); squeeze more tickets into Jan–Mar.
        offset = rng.random() ** 0.8 * (now - start).total_seconds()
        received = start + timedelta(seconds=offset)
        local = received.astimezone(zone)
        if rng.random() < 0.85:
            local = datetime.combine(
                local.date(), time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=zone
            )
        received = min(local, now - timedelta(minutes=5))
        line = device.product_line or "compressor"
        symptom, category = rng.choice(SYMPTOMS.get(line, SYMPTOMS["compressor"]))
        if index % 9 == 0:
            symptom, category = SYMPTOMS.get(line, SYMPTOMS["compressor"])[0]
        severity = rng.choices(["1", "2", "3"], weights=[1, 3, 6])[0]
        plans.append(_Plan(device, received, severity, symptom, category))
    plans.sort(key=lambda p: p.received_at)
    return plans


def _play(
    session: Session,
    plan: _Plan,
    rules: Rules,
    now: datetime,
    rng: random.Random,
    stock: DemoStock,
) -> None:
    """Walk one ticket as far as its age allows, through the real services; its parts come
    from the catalogue of its device's product line and leave the stock (``demo_parts``)."""
    from shouhou.services.data.demo_surveys import close_scores
    from shouhou.services.feedback.surveys import close_ticket
    from shouhou.services.tickets import charges, intake, records, returns
    from shouhou.services.tickets import lifecycle as tickets
    from shouhou.services.visits import callbacks

    assert plan.device.id is not None
    at = plan.received_at
    clerk = rng.choice(CLERKS)
    result = intake.open_ticket(
        session,
        Stamp(clerk, at),
        customer_id=plan.device.customer_id,
        severity=plan.severity,
        symptom=plan.symptom,
        received_at=at,
        rules=rules,
        device_id=plan.device.id,
        channel=rng.choices(["phone", "email", "web", "walk-in"], weights=[7, 1, 1, 1])[0],
        category=plan.category,
        received_by=clerk,
    )
    number = result.ticket.number
    age = now - at
    fast = plan.severity == "1"

    def step(minutes: float) -> datetime:
        nonlocal at
        at = min(at + timedelta(minutes=minutes * rng.uniform(0.3, 1.8)), now)
        return at

    # A few recent tickets nobody picked up: what `ticket overdue` is there to catch.
    forgotten = rng.random() < 0.03 and age < timedelta(days=30)
    if age < timedelta(hours=1) or forgotten:
        return
    if rng.random() < 0.04:
        tickets.cancel(
            session, Stamp(clerk, step(30)), number, reason="客户误报，已电话指导", rules=rules
        )
        return
    engineer = rng.choice(ENGINEERS)
    tickets.assign(session, Stamp(clerk, step(10 if fast else 25)), number, engineer, rules)
    if age < timedelta(days=1) and rng.random() < 0.5:
        return
    tickets.respond(session, Stamp(engineer, step(5 if fast else 40)), number, rules, None)
    onsite = rng.random() < 0.6
    tickets.set_mode(
        session,
        Stamp(engineer, step(5)),
        number,
        "onsite" if onsite else rng.choice(["phone", "remote", "depot"]),
        rules,
    )
    if onsite and age > timedelta(days=1):
        _visit_on_site(session, number, engineer, rules, step(90 if fast else 600), rng)
    if age < timedelta(days=3) and rng.random() < 0.6:
        if rng.random() < 0.4:
            tickets.wait(session, Stamp(engineer, step(30)), number, reason="等待配件", rules=rules)
        return
    cause = rng.choices(list(FINDINGS), weights=[6, 3, 2, 1, 1, 1])[0]
    finding, _ = FINDINGS[cause]
    tickets.diagnose(
        session, Stamp(engineer, step(60)), number, cause=cause, finding=finding, rules=rules
    )
    if rng.random() < 0.15:
        tickets.wait(session, Stamp(engineer, step(30)), number, reason="等待配件到货", rules=rules)
        # Parts from the factory take days to weeks: some tickets are still waiting.
        if age < timedelta(days=rng.choice((5, 14, 30))):
            return
        tickets.resume(session, Stamp(engineer, step(1440)), number, rules)
    ticket = records.get_ticket(session, number)
    line = plan.device.product_line or "compressor"
    if ticket.chargeable:
        factor = rng.randint(1, 3)
        rng.choice([80, 150, 320, 680])  # once the price of a part: the draws stay the same
        stock.charge(
            session,
            Stamp(engineer, step(20)),
            ticket,
            rules=rules,
            line=line,
            category=plan.category,
            factor=factor,
            labor_hours=Decimal(rng.choice([1, 2, 3, 4])),
            travel=Decimal(rng.choice([0, 100, 300])),
        )
        if charges.approval_needed(session, ticket, rules):
            charges.approve(session, Stamp(MANAGER, step(120)), number, rules)
    elif stock.charge(
        session,
        Stamp(engineer, at + timedelta(minutes=10)),
        ticket,
        rules=rules,
        line=line,
        category=plan.category,
    ):  # a 三包 repair: the parts are free, their cost the firm's
        at += timedelta(minutes=40)
        if charges.approval_needed(session, ticket, rules):
            charges.approve(session, Stamp(MANAGER, at), number, rules)
    if plan.severity == "1" and rng.random() < 0.3:
        returns.lend(
            session,
            Stamp(engineer, step(30)),
            number,
            unit_serial=f"SPARE-{rng.randint(1, 40):02d}-{number[-4:]}",
        )
    if age < timedelta(days=8) and rng.random() < 0.5:
        return
    fixed = Stamp(engineer, step(240 if fast else 1440))
    callbacks.resolve_ticket(
        session, fixed, number, action="更换故障部件，试机运行正常", rules=rules,
        uncertain=rng.random() < 0.08,
    )  # fmt: skip
    _finish_visit(session, fixed, ticket.id or 0, rules)
    loans = returns.open_loans(session, ticket.id or 0)
    if loans:
        returns.take_back(session, Stamp(engineer, step(60)), number)
    # Closing waits for the customer's sign-off and the callback (回访).
    if age < timedelta(days=14) and rng.random() < 0.5:
        return
    # The customer's scores become a survey; a low one calls for a follow-up callback.
    close_ticket(session, Stamp(clerk, step(2880)), number, rules, **close_scores(rng))
    if rng.random() < 0.05:
        tickets.reopen(
            session, Stamp(clerk, step(4320)), number, reason="回访发现故障复现", rules=rules
        )
        if now - at > timedelta(days=3):
            callbacks.resolve_ticket(
                session,
                Stamp(engineer, step(1440)),
                number,
                action="再次检修，更换整套组件",
                rules=rules,
            )
            tickets.close(session, Stamp(clerk, step(2880)), number, rules)


def _visit_on_site(
    session: Session,
    number: str,
    engineer: str,
    rules: Rules,
    arrival: datetime,
    rng: random.Random,
) -> None:
    """A repair visit booked for the engineer's arrival (a little before or after it), and the
    arrival recorded through the visit: one event for the ticket and the visit."""
    from shouhou.services.visits import lifecycle, schedule

    appointment = arrival - timedelta(minutes=rng.choice((-20, 0, 5, 10, 30)))
    schedule.schedule_visit(
        session,
        Stamp(engineer, min(arrival, appointment) - timedelta(minutes=30)),
        kind="repair",
        engineer=engineer,
        appointment_at=appointment,
        zone=rules.zone,
        ticket_ref=number,
        force=True,
    )
    lifecycle.arrive(session, Stamp(engineer, arrival), number, rules)


def _finish_visit(session: Session, stamp: Stamp, ticket_id: int, rules: Rules) -> None:
    """The ticket's repair visit under way ends when the ticket is resolved."""
    from sqlmodel import select

    from shouhou.models import Visit
    from shouhou.services.visits import lifecycle

    visit = session.exec(
        select(Visit).where(Visit.ticket_id == ticket_id, Visit.status == "in_progress")
    ).first()
    if visit is not None:
        lifecycle.finish(
            session,
            stamp,
            visit.number,
            work_done="更换故障部件，试机运行正常",
            rules=rules,
            zone=rules.zone,
            signed_by="设备主管",
            rating=5,
        )
