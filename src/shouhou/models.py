"""SQLModel tables: the whole schema in one place (DOMAIN §1–§2).

Times are aware UTC (SQLModel's UTCDateTime). Money is stored as integer cents (``*_cents``)
so both SQLite and PostgreSQL keep exact values; services convert to ``Decimal``.
"""

# No ``from __future__ import annotations`` here: real annotations make the class bodies
# ~30% cheaper to build, and this module is imported by every command.
from datetime import date, datetime

from sqlalchemy import Column, Index, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def schema() -> MetaData:
    """Every table of the schema: importing this module has registered them all."""
    return SQLModel.metadata


class Table(SQLModel):
    """Base of every table: pydantic validation schemas are built on first use, not at import
    (they cost ~0.1 s at startup and the ORM path never needs them)."""

    model_config = {"defer_build": True}


class Customer(Table, table=True):
    """Customer file 客户档案."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=200)
    contact: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, index=True, max_length=50)
    address: str | None = Field(default=None, max_length=300)
    region: str | None = Field(default=None, max_length=100)
    zone: str = Field(default="local", max_length=10)
    key_customer: bool = Field(default=False)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime


class Device(Table, table=True):
    """Factory product file 出厂产品档案: one unit sold."""

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    serial: str = Field(unique=True, max_length=100)
    brand: str | None = Field(default=None, max_length=100)
    model: str = Field(max_length=100)
    product_line: str | None = Field(default=None, max_length=50)
    configuration: str | None = Field(default=None, max_length=300)
    factory_date: date | None = None
    purchase_date: date | None = None
    accepted_on: date | None = None
    warranty_months: int = Field(default=24)
    contract_until: date | None = None
    serial_tampered: bool = Field(default=False)
    replaces_device_id: int | None = Field(default=None, foreign_key="device.id")
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime


class DeviceComponent(Table, table=True):
    """A component with its own warranty term (e.g. motor 120 months)."""

    __table_args__ = (UniqueConstraint("device_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    device_id: int = Field(foreign_key="device.id", index=True)
    name: str = Field(max_length=100)
    months: int


class AuditEntry(Table, table=True):
    """Append-only trail: who changed what, when (DOMAIN §8 traceability)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(max_length=100)
    entity: str = Field(max_length=30)
    entity_id: int
    action: str = Field(max_length=40)
    changes: str | None = Field(default=None, sa_column=Column(Text))


class Setting(Table, table=True):
    """Configuration stored in the database (``shouhou config set``); values are JSON."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(sa_column=Column(Text, nullable=False))


class Ticket(Table, table=True):
    """Service request 报修 / 工单 (DOMAIN §2)."""

    __table_args__ = (
        Index("ix_ticket_status_severity", "status", "severity"),
        Index("ix_ticket_device_received", "device_id", "received_at"),
        Index("ix_ticket_status_next_due", "status", "next_due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=20)
    external_number: str | None = Field(default=None, unique=True, max_length=50)
    status: str = Field(default="new", max_length=20)
    severity: str = Field(max_length=1)
    channel: str = Field(default="phone", max_length=20)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    device_id: int | None = Field(default=None, foreign_key="device.id")
    contact: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=50)
    symptom: str = Field(sa_column=Column(Text, nullable=False))
    request: str | None = Field(default=None, sa_column=Column(Text))
    category: str | None = Field(default=None, max_length=50)
    # The component the fault is attributed to ("unit" or a DeviceComponent name) and the day
    # it occurred: together they decide the warranty verdict (DOMAIN §1).
    component: str | None = Field(default=None, max_length=100)
    fault_date: date | None = None
    mode: str | None = Field(default=None, max_length=10)
    zone: str = Field(default="local", max_length=10)
    received_at: datetime = Field(index=True)
    received_by: str = Field(max_length=100)
    assignee: str | None = Field(default=None, index=True, max_length=100)
    in_warranty: bool | None = None
    warranty_note: str | None = Field(default=None, max_length=200)
    cause: str | None = Field(default=None, max_length=20)
    finding: str | None = Field(default=None, sa_column=Column(Text))
    chargeable: bool | None = None
    action: str | None = Field(default=None, sa_column=Column(Text))
    labor_hours: str | None = Field(default=None, max_length=20)
    labor_rate_cents: int | None = None
    travel_cents: int | None = None
    approved_by: str | None = Field(default=None, max_length=100)
    approved_at: datetime | None = None
    reply_due_at: datetime | None = None
    onsite_due_at: datetime | None = None
    resolve_due_at: datetime | None = None
    replied_at: datetime | None = None
    arrived_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    waiting_since: datetime | None = None
    wait_reason: str | None = Field(default=None, max_length=200)
    missed: str = Field(default="", max_length=40)
    # Stored SLA state (records.refresh, every event): the earliest pending deadline — NULL when
    # finished, nothing pends, or paused before it fell due — and, once a milestone is met or the
    # ticket finished, minutes late (0 on time, rounded up; NULL pending or not applicable).
    next_due_at: datetime | None = None
    reply_late_min: int | None = None
    onsite_late_min: int | None = None
    resolve_late_min: int | None = None
    escalation_level: int = Field(default=0)
    escalated_to: str | None = Field(default=None, max_length=100)
    repeat_of_id: int | None = Field(default=None, foreign_key="ticket.id")
    repair_count: int = Field(default=1)
    cancel_reason: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime


class TicketEvent(Table, table=True):
    """Append-only status log; SLA state is computed from it (pauses, milestones)."""

    __tablename__ = "ticket_event"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    at: datetime
    kind: str = Field(max_length=20)
    status: str | None = Field(default=None, max_length=20)
    actor: str = Field(max_length=100)
    note: str | None = Field(default=None, sa_column=Column(Text))


class ChargeLine(Table, table=True):
    """One line of a repair bill: part, labour, travel or other."""

    __tablename__ = "charge_line"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    kind: str = Field(max_length=10)
    description: str = Field(max_length=200)
    part_id: int | None = Field(default=None, foreign_key="part.id")
    quantity: str = Field(default="1", max_length=20)
    unit_price_cents: int
    amount_cents: int


class Loan(Table, table=True):
    """A spare unit 备用机 lent while a job cannot be fixed in time."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    unit_serial: str = Field(max_length=100)
    lent_at: datetime
    returned_at: datetime | None = None


class ReturnRecord(Table, table=True):
    """Return or exchange 退货/换货 with its slip fields."""

    __tablename__ = "return_record"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    kind: str = Field(max_length=10)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    condition: str = Field(sa_column=Column(Text, nullable=False))
    opinion: str = Field(sa_column=Column(Text, nullable=False))
    faulty_serial: str | None = Field(default=None, max_length=100)
    replacement_serial: str | None = Field(default=None, max_length=100)
    replacement_device_id: int | None = Field(default=None, foreign_key="device.id")
    created_at: datetime
    created_by: str = Field(max_length=100)


class CalendarDay(Table, table=True):
    """A holiday or make-up working day that overrides the statutory calendar package."""

    __tablename__ = "calendar_day"

    day: date = Field(primary_key=True)
    kind: str = Field(max_length=10)
    name: str | None = Field(default=None, max_length=100)


class Counter(Table, table=True):
    """Sequence per prefix for human-friendly numbers (SH2611-0042)."""

    prefix: str = Field(primary_key=True, max_length=20)
    last: int = Field(default=0)


class Supplier(Table, table=True):
    """A supplier on the qualified list 合格供方 (DOMAIN §4): rated on quality, price and
    delivery (1–5 each); ``status`` qualified, warned or removed."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    contact: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=50)
    quality: int | None = None
    price: int | None = None
    delivery: int | None = None
    status: str = Field(default="qualified", max_length=20)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime


class Part(Table, table=True):
    """Spare-part catalogue entry 配件目录 (DOMAIN §4). Stock is never a column here: it is the
    sum of the append-only ledger ``stock_move``. ``core_return``: the replaced part (旧件)
    must go back to the factory."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=50)
    name: str = Field(index=True, max_length=200)
    spec: str | None = Field(default=None, max_length=200)
    unit: str = Field(max_length=20)
    cost_cents: int | None = None
    price_cents: int | None = None
    supplier_id: int | None = Field(default=None, foreign_key="supplier.id", index=True)
    safety_stock: int = Field(default=0)
    min_stock: int = Field(default=0)
    max_stock: int | None = None
    key_part: bool = Field(default=False)
    core_return: bool = Field(default=False)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime


class StockMove(Table, table=True):
    """One movement of the stock ledger 出入库台账 (DOMAIN §4), append-only: ``quantity`` signed
    (+ in, − out). ``kind``: receive (from ``supplier_id`` at ``unit_cost_cents``), issue (to
    ``ticket_id``), return (from a ticket back to stock), scrap (with ``reason``), adjust (a
    stocktake or an opening stock: ``counted`` against ``booked``). On-hand is the sum."""

    __tablename__ = "stock_move"
    __table_args__ = (
        Index("ix_stock_move_part_at", "part_id", "at"),
        Index("ix_stock_move_kind_at", "kind", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    part_id: int = Field(foreign_key="part.id")
    at: datetime
    kind: str = Field(max_length=10)
    quantity: int
    unit_cost_cents: int | None = None
    supplier_id: int | None = Field(default=None, foreign_key="supplier.id")
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    stocktake_id: int | None = Field(default=None, foreign_key="stocktake.id")
    booked: int | None = None
    counted: int | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))
    reference: str | None = Field(default=None, max_length=100)
    approved_by: str | None = Field(default=None, max_length=100)
    actor: str = Field(max_length=100)


class CoreReturn(Table, table=True):
    """An old part 旧件 owed back to the factory: created when a part flagged ``core_return``
    is issued to a ticket; pending until ``returned_at`` (DOMAIN §4: unreturned cores block
    the warranty claim)."""

    __tablename__ = "core_return"

    id: int | None = Field(default=None, primary_key=True)
    part_id: int = Field(foreign_key="part.id")
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    move_id: int = Field(foreign_key="stock_move.id")
    quantity: int
    issued_at: datetime
    returned_at: datetime | None = Field(default=None, index=True)
    returned_by: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, sa_column=Column(Text))


class Stocktake(Table, table=True):
    """A stock count 盘点: open from ``started_at`` until finished (differences booked as
    adjustments) or cancelled."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=20)
    status: str = Field(default="open", max_length=10)
    started_at: datetime
    started_by: str = Field(max_length=100)
    finished_at: datetime | None = None
    finished_by: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, sa_column=Column(Text))


class StocktakeCount(Table, table=True):
    """A part counted in a stocktake: ``counted`` against ``booked`` (on-hand when the count
    was entered); the difference is booked when the stocktake finishes."""

    __tablename__ = "stocktake_count"
    __table_args__ = (UniqueConstraint("stocktake_id", "part_id"),)

    id: int | None = Field(default=None, primary_key=True)
    stocktake_id: int = Field(foreign_key="stocktake.id")
    part_id: int = Field(foreign_key="part.id")
    booked: int
    counted: int
    counted_at: datetime
    counted_by: str = Field(max_length=100)


class User(Table, table=True):
    """A person who works in shouhou, with a role (DOMAIN §1 approvals). ``key`` is the name
    as compared — NFKC-folded, spaces removed, case-folded — so "王工", " 王工 " and "王工 " written
    with full-width characters are one person."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    key: str = Field(unique=True, max_length=100)
    role: str = Field(max_length=20)
    active: bool = Field(default=True)
    created_at: datetime
    updated_at: datetime


class InspectionPlan(Table, table=True):
    """A periodic inspection (or training) plan 巡检计划 for a customer or one device: every
    ``every_months`` calendar months from ``start_on`` until ``until_on`` (or the device's
    service contract end), plus one in the contract's last month (DOMAIN §3, seed 000)."""

    __tablename__ = "inspection_plan"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="inspection", max_length=20)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    device_id: int | None = Field(default=None, foreign_key="device.id")
    every_months: int
    start_on: date
    until_on: date | None = None
    engineer: str | None = Field(default=None, max_length=100)
    active: bool = Field(default=True)
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime
    updated_at: datetime


class Visit(Table, table=True):
    """A site visit 上门服务 (DOMAIN §3): repair, install, inspection, callback or training, for
    a ticket or for a customer (and device). ``on_time``/``late_minutes`` are the arrival KPI,
    stored at arrival (NULL until then): minutes past the earlier of appointment + grace and
    (repair visits) the ticket's on-site deadline, rounded up, 0 on time.

    A visit may be *due* before it is booked — no engineer or appointment yet, ``due_at`` says
    by when: an inspection of a plan, a callback a rule calls for, the rest of a visit done in
    part. ``origin`` says why it exists; ``dedupe_key`` makes each automatic creation happen
    once however often the rule runs."""

    __table_args__ = (
        Index("ix_visit_engineer_appointment", "engineer", "appointment_at"),
        Index("ix_visit_status_appointment", "status", "appointment_at"),
        Index("ix_visit_status_due", "status", "due_at"),
        UniqueConstraint("dedupe_key", name="uq_visit_dedupe_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=20)
    kind: str = Field(max_length=20)
    status: str = Field(default="scheduled", max_length=20)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    device_id: int | None = Field(default=None, foreign_key="device.id")
    engineer: str | None = Field(default=None, max_length=100)
    appointment_at: datetime | None = None
    expected_minutes: int = Field(default=60)
    due_at: datetime | None = None
    origin: str | None = Field(default=None, max_length=30)
    dedupe_key: str | None = Field(default=None, max_length=100)
    plan_id: int | None = Field(default=None, foreign_key="inspection_plan.id", index=True)
    follows_id: int | None = Field(default=None, foreign_key="visit.id")
    arrived_at: datetime | None = None
    finished_at: datetime | None = None
    work_done: str | None = Field(default=None, sa_column=Column(Text))
    partial: bool = Field(default=False)
    left_over: str | None = Field(default=None, sa_column=Column(Text))
    outcome: str | None = Field(default=None, max_length=20)
    signed_by: str | None = Field(default=None, max_length=100)
    rating: int | None = None
    reschedule_count: int = Field(default=0)
    reschedule_reason: str | None = Field(default=None, sa_column=Column(Text))
    end_reason: str | None = Field(default=None, sa_column=Column(Text))
    on_time: bool | None = None
    late_minutes: int | None = None
    created_at: datetime
    updated_at: datetime


class VisitMember(Table, table=True):
    """A helper in a visit's team (the lead engineer is ``visit.engineer``); the clash check
    covers every member."""

    __tablename__ = "visit_member"
    __table_args__ = (UniqueConstraint("visit_id", "engineer"),)

    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id")
    engineer: str = Field(max_length=100, index=True)


class ChecklistItem(Table, table=True):
    """One item of a model's inspection checklist 巡检项目: checked ok / not ok, or measured
    in ``unit`` when a unit is given."""

    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("model", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    model: str = Field(max_length=100, index=True)
    position: int
    label: str = Field(max_length=200)
    unit: str | None = Field(default=None, max_length=20)
    created_at: datetime


class VisitCheck(Table, table=True):
    """A checklist item as filled on a visit: ``result`` ok / not_ok / value (``value`` in
    ``unit``); the label and unit are copied so the record stays as printed if the checklist
    changes. ``ticket_id``: the ticket opened for a "not ok"."""

    __tablename__ = "visit_check"

    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id", index=True)
    position: int
    label: str = Field(max_length=200)
    unit: str | None = Field(default=None, max_length=20)
    result: str = Field(max_length=10)
    value: str | None = Field(default=None, max_length=50)
    note: str | None = Field(default=None, sa_column=Column(Text))
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")


class Complaint(Table, table=True):
    """A complaint 投诉 (DOMAIN §5), received by anyone (首问责任制: ``received_by``), about
    quality / attitude / timeliness / charges / other, graded general / serious / major.
    Deadlines: the first answer within 24 h (``answer_due_at``), the handling opinion within 2
    working days (``opinion_due_at``); minutes late stored when met, like a ticket's. Resolved
    with cause, action and prevention (CAPA); closed with the customer's confirmation or an
    explicit reason. ``recurrence_of_id``: the earlier complaint it repeats."""

    __table_args__ = (Index("ix_complaint_status_received", "status", "received_at"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=20)
    status: str = Field(default="open", max_length=20)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    device_id: int | None = Field(default=None, foreign_key="device.id")
    staff: str | None = Field(default=None, max_length=100)
    about: str = Field(max_length=20)
    grade: str = Field(max_length=10)
    text: str = Field(sa_column=Column(Text, nullable=False))
    channel: str = Field(default="phone", max_length=20)
    received_at: datetime
    received_by: str = Field(max_length=100)
    manager: str | None = Field(default=None, max_length=100)
    answer_due_at: datetime
    opinion_due_at: datetime
    answered_at: datetime | None = None
    answer: str | None = Field(default=None, sa_column=Column(Text))
    resolved_at: datetime | None = None
    cause: str | None = Field(default=None, sa_column=Column(Text))
    action: str | None = Field(default=None, sa_column=Column(Text))
    prevention: str | None = Field(default=None, sa_column=Column(Text))
    closed_at: datetime | None = None
    confirmed: bool | None = None
    close_note: str | None = Field(default=None, sa_column=Column(Text))
    answer_late_min: int | None = None
    opinion_late_min: int | None = None
    recurrence_of_id: int | None = Field(default=None, foreign_key="complaint.id")
    created_at: datetime
    updated_at: datetime


class Survey(Table, table=True):
    """A satisfaction survey (DOMAIN §6). ``kind`` service 《客户满意度调查表》: attitude,
    quality, resolution, timeliness (1–5); or product 《产品使用情况征询意见表》: structure,
    appearance, delivery, price, service (1–5). For a ticket, a visit or a customer."""

    __table_args__ = (Index("ix_survey_taken", "taken_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="service", max_length=10)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    device_id: int | None = Field(default=None, foreign_key="device.id")
    attitude: int | None = None
    quality: int | None = None
    resolution: int | None = None
    timeliness: int | None = None
    structure: int | None = None
    appearance: int | None = None
    delivery: int | None = None
    price: int | None = None
    service: int | None = None
    comment: str | None = Field(default=None, sa_column=Column(Text))
    channel: str = Field(default="phone", max_length=20)
    taken_at: datetime
    taken_by: str = Field(max_length=100)
    created_at: datetime
