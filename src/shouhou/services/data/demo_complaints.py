"""The complaints of the demo (issue 13 item 6): sixteen complaints relative to "now", in every
state — open, answered, handling opinion given, closed with and without the customer's
confirmation, reopened — some overdue, a serious and a major one on the manager's desk, an
attitude complaint for staff review, a pair on the same device and a pair with the same cause
at two customers (recurrences). Everything goes through the complaint services, so the demo
exercises the deadlines and the recurrence rule; ``shouhou today`` on a fresh demo shows the
complaints to chase.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Device
    from shouhou.services.tickets.sla import Rules

MANAGER = "李经理"
# When the office answers: a step that would fall at night is done at the next opening.
OFFICE = (time(8, 45), time(17, 30))
CLERKS = ("小刘", "小赵")


@dataclass(frozen=True)
class _Case:
    """One complaint and how far it has gone. ``days``: received that many days ago at
    ``clock`` (local), or ``minutes`` ago when given; each later step ``+hours`` after the one
    before (capped at now)."""

    device: int  # index into the demo's devices
    about: str
    grade: str
    text: str
    days: int
    clock: time = time(10, 0)
    minutes: int | None = None
    staff: str | None = None
    channel: str = "phone"
    with_ticket: bool = False
    answer: float | None = None  # hours after receipt
    cause: str | None = None
    action: str = "派工程师上门处理，客户现场验收"
    prevention: str | None = None
    opinion: float | None = None  # hours after the answer
    close: float | None = None  # hours after the opinion
    confirmed: bool = True
    reopen: float | None = None  # hours after closing


SEAL = "密封圈批次不良（供应商 2026 年第 3 批）"
FIRMWARE = "控制器固件 V2.1 缺陷：断电重启后参数丢失"

CASES = (
    # Closed, confirmed, on time: the ordinary case.
    _Case(0, "quality", "general", "空压机用了两个月就出现异响，希望尽快解决。", days=60,
          with_ticket=True, answer=2, cause="电机轴承装配间隙过大",
          prevention="装配工序增加轴承间隙检测", opinion=20, close=96),
    # About an engineer's attitude: staff review.
    _Case(1, "attitude", "general", "上门的工程师态度很差，说我们操作不当，不听解释。", days=45,
          staff="张工", answer=3, cause="工程师沟通方式不当，未先听取客户说明",
          action="经理致电道歉，改派王工回访", prevention="全员服务礼仪培训，纳入季度考核",
          opinion=24, close=72),
    # Closed without the customer's confirmation.
    _Case(2, "charges", "general", "保修期内还收了 300 元差旅费，不合理。", days=40,
          answer=5, cause="差旅费按保外标准误收", action="退还差旅费 300 元",
          prevention="开票前核对保修状态", opinion=30, close=120, confirmed=False),
    # The same device twice: a recurrence (and the same cause).
    _Case(3, "quality", "serious", "刚修好的设备又漏油了，车间停产半天。", days=30,
          with_ticket=True, answer=1, cause=SEAL, action="免费更换密封圈并补偿一次保养",
          prevention="该批次密封圈全部召回，入厂检验加严", opinion=16, close=48),
    _Case(3, "quality", "general", "还是漏油，三个月里第二次了！", days=10, answer=4, cause=SEAL,
          action="更换为新批次密封圈，工程师驻场观察一天", opinion=20),
    # Answered late, opinion late, closed.
    _Case(4, "timeliness", "general", "报修三天了还没人来。", days=25, clock=time(16, 30),
          answer=30, cause="派工遗漏", action="当天派工上门", prevention="派工看板每日两次核对",
          opinion=40, close=24),
    # Handling opinion given, waiting for the customer's confirmation.
    _Case(5, "quality", "general", "断电后再开机，设置的参数全没了。", days=6, answer=2,
          cause=FIRMWARE, action="升级固件到 V2.2", prevention="固件发布前增加断电测试",
          opinion=18),
    # The same cause at another customer: linked when its opinion is given.
    _Case(6, "quality", "general", "控制器断电后参数丢失，只能重新设置。", days=4,
          clock=time(14, 0), answer=3, cause="控制器固件v2.1缺陷:断电重启后参数丢失",
          action="远程升级固件", opinion=8),
    # Major: safety. Answered, the handling opinion still to come.
    _Case(7, "quality", "major", "控制柜冒烟，险些起火，要求书面说明原因！", days=1,
          clock=time(9, 15), answer=1),
    # Serious, received yesterday afternoon, not answered yet.
    _Case(8, "timeliness", "serious", "备用机一周了还没送到，影响生产。", days=1,
          clock=time(15, 40)),
    # Overdue: nobody answered for three days.
    _Case(9, "other", "general", "发票一直没有寄到。", days=3, channel="email"),
    # Overdue: answered, but no handling opinion after six days.
    _Case(10, "quality", "general", "集热管又破了两根。", days=6, answer=6),
    # Closed, then reopened: the customer was not satisfied after all.
    _Case(11, "quality", "general", "灯具频闪，换了驱动还是闪。", days=7, answer=2,
          cause="驱动电源选型偏小", action="更换大一号驱动电源", opinion=24, close=48,
          reopen=72),
    # Just in: received an hour ago.
    _Case(12, "attitude", "general", "客服电话一直占线，打了十几次。", days=0, minutes=60),
    # An old one, walked in, closed on time.
    _Case(14, "other", "general", "说明书只有英文版，希望提供中文说明书。", days=80,
          channel="walk-in", answer=1, cause="出口机型说明书误发", action="寄送中文说明书",
          prevention="发货清单核对说明书语种", opinion=4, close=72),
    # Answered today, opinion due later.
    _Case(13, "charges", "general", "配件价格比上次贵了一倍。", days=0, minutes=240, answer=1,
          channel="web"),
)  # fmt: skip


def add_demo_complaints(session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo) -> int:
    """The complaints of :data:`CASES` against the demo's devices (and their customers),
    received, answered, resolved, closed and reopened as far as each case goes and "now"
    (``stamp.at``) allows. Returns how many complaints were added."""
    from sqlmodel import col, select

    from shouhou.models import Device

    devices = list(session.exec(select(Device).order_by(col(Device.id))))
    if not devices:
        return 0
    picked = _spread(devices, len({case.device for case in CASES}))
    # In receipt order, so the numbers run with the dates.
    cases = sorted(CASES, key=lambda case: _received(case, stamp.at, zone))
    for index, case in enumerate(cases):
        device = picked[case.device % len(picked)]
        _play(session, stamp, case, device, index, _received(case, stamp.at, zone), rules)
    return len(CASES)


def _received(case: _Case, now: datetime, zone: tzinfo) -> datetime:
    if case.minutes is not None:
        return now - timedelta(minutes=case.minutes)
    day = now.astimezone(zone).date() - timedelta(days=case.days)
    return min(datetime.combine(day, case.clock, tzinfo=zone), now - timedelta(hours=1))


def _spread(devices: list[Device], count: int) -> list[Device]:
    """``count`` devices of different customers where possible, spread over the list."""
    seen: set[int] = set()
    chosen: list[Device] = []
    step = max(1, len(devices) // max(1, count))
    for device in devices[::step] + devices:
        if len(chosen) == count:
            break
        if device.customer_id not in seen:
            seen.add(device.customer_id)
            chosen.append(device)
    for device in devices:  # fewer customers than cases: reuse devices
        if len(chosen) == count:
            break
        chosen.append(device)
    return chosen


def _latest_ticket(session: Session, device_id: int, before: datetime) -> str | None:
    from sqlmodel import col, select

    from shouhou.models import Ticket

    return session.exec(
        select(Ticket.number)
        .where(Ticket.device_id == device_id, col(Ticket.received_at) < before)
        .order_by(col(Ticket.received_at).desc())
    ).first()


def _play(
    session: Session,
    stamp: Stamp,
    case: _Case,
    device: Device,
    index: int,
    received: datetime,
    rules: Rules,
) -> None:
    from shouhou.services.feedback import complaint_intake, complaints

    now = stamp.at
    clerk = CLERKS[index % len(CLERKS)]
    assert device.id is not None
    receipt = complaint_intake.receive_complaint(
        session,
        Stamp(clerk, received),
        customer_ref=device.customer_id,
        about=case.about,
        grade=case.grade,
        text=case.text,
        received_at=received,
        rules=rules,
        ticket_ref=_latest_ticket(session, device.id, received) if case.with_ticket else None,
        device_ref=device.id,
        staff=case.staff,
        channel=case.channel,
    )
    number = receipt.complaint.number
    at = received

    def later(hours: float | None) -> datetime | None:
        """``hours`` after the last step, moved into office hours; None when not yet."""
        nonlocal at
        if hours is None:
            return None
        moment = (at + timedelta(hours=hours)).astimezone(rules.zone)
        if moment.time() > OFFICE[1]:
            moment = datetime.combine(moment.date() + timedelta(days=1), OFFICE[0], moment.tzinfo)
        elif moment.time() < OFFICE[0]:
            moment = datetime.combine(moment.date(), OFFICE[0], moment.tzinfo)
        if moment > now:
            return None
        at = moment
        return at

    handler = MANAGER if case.grade != "general" else clerk
    answered = later(case.answer)
    if answered is None:
        return
    complaints.respond(
        session, Stamp(handler, answered), number, note="已致电客户致歉并说明处理安排"
    )
    resolved = later(case.opinion) if case.cause else None
    if resolved is None or case.cause is None:
        return
    complaints.resolve(
        session,
        Stamp(MANAGER, resolved),
        number,
        cause=case.cause,
        action=case.action,
        prevention=case.prevention,
        rules=rules,
    )
    closed = later(case.close)
    if closed is None:
        return
    complaints.close(
        session,
        Stamp(clerk, closed),
        number,
        confirmed=case.confirmed,
        by="设备主管" if case.confirmed else None,
        reason=None if case.confirmed else "客户多次联系不上，按处理意见结案",
    )
    reopened = later(case.reopen)
    if reopened is not None:
        complaints.reopen(
            session, Stamp(clerk, reopened), number, reason="客户反映问题复现", rules=rules
        )
