"""``survey stats`` (issue 13 item 3, done-when: "figures checked by hand in a test; both
backends"): the satisfaction rate, the mean of each score and the count, overall and by
engineer, product line and month — every figure below computed by hand.

DOMAIN §6: after every job the customer rates attitude, quality, fault resolution and
timeliness (1–5); target satisfaction ≥ 98 %. Issue 13: satisfaction rate = share of surveys
whose mean of the four is ≥ 4; a survey with only some scores counts the mean of those given.
Times are Asia/Shanghai (UTC+8).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from shouhou.errors import UsageError
from shouhou.i18n import translate
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.feedback import surveys
from shouhou.services.feedback.survey_stats import Satisfaction, satisfaction
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.intake import open_ticket
from shouhou.services.tickets.sla import Rules, load_rules
from shouhou.services.visits import due, lifecycle, schedule

SH = ZoneInfo("Asia/Shanghai")
RECORDED = datetime(2026, 12, 2, 10, 0, tzinfo=SH)  # when the forms were typed in
OCTOBER, NOVEMBER = date(2026, 10, 1), date(2026, 11, 30)


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def scores(a: int | None, q: int | None, r: int | None, t: int | None) -> dict[str, int | None]:
    return {"attitude": a, "quality": q, "resolution": r, "timeliness": t}


@pytest.fixture
def figures(session: Session) -> Rules:
    """S1–S7 in the window 2026-10-01…11-30 (attitude, quality, resolution, timeliness):

    ====  =========================================  ==========  =========  ==============
    #     about                                      taken       scores     mean
    ====  =========================================  ==========  =========  ==============
    S1    ticket A, 王工, S1 compressor              10-05       5 5 5 5    5      ✓
    S2    ticket B, 王工, S1 compressor              10-20       4 4 4 3    15/4 = 3.75
    S3    ticket C, 李工, S2 lighting                11-01 00:30 5 4 – –    9/2 = 4.5   ✓
    S4    ticket D, 李工, S2 lighting                11-10       2 4 4 4    14/4 = 3.5
    S5    install visit E by 张工, S3 compressor     11-15       4 4 4 4    4      ✓ (= 4)
    S6    the customer 明华, no device               11-20       3 5 4 4    16/4 = 4 ✓
    S7    a callback visit (by 小刘), no device      11-21       5 5 4 4    18/4 = 4.5 ✓
    ====  =========================================  ==========  =========  ==============

    Not counted: a product survey (11-25), one taken 09-30 23:59 and one 12-01 00:10 local
    (in the window by their UTC date: 09-30 15:59 and 11-30 16:10 UTC — the span is of local
    days). S3 is 11-01 00:30 local, 10-31 16:30 UTC: a November survey."""
    rules = load_rules(session, zone=SH)
    stamp = Stamp("clerk", at(1, 2, 9))
    tiankong = add_customer(session, stamp, name="天控", key_customer=True).id or 0
    minghua = add_customer(session, stamp, name="明华").id or 0
    devices: dict[str, int] = {}
    for serial, owner, line in (
        ("S1", tiankong, "compressor"),
        ("S2", tiankong, "lighting"),
        ("S3", minghua, "compressor"),
    ):
        device = add_device(
            session,
            stamp,
            customer_id=owner,
            model="GA37",
            serial=serial,
            product_line=line,
            accepted_on=date(2026, 1, 2),
            warranty_months=24,
        )
        devices[serial] = device.id or 0

    def fixed(serial: str, engineer: str, month: int, day: int) -> str:
        received = at(month, day, 9)
        number = open_ticket(
            session,
            Stamp("clerk", received),
            customer_id=tiankong,
            severity="3",
            symptom="x",
            received_at=received,
            rules=rules,
            device_id=devices[serial],
        ).ticket.number
        tickets.assign(session, Stamp("clerk", received), number, engineer, rules)
        tickets.diagnose(session, Stamp(engineer, received), number, cause="quality",
                         finding="f", rules=rules)  # fmt: skip
        tickets.resolve(session, Stamp(engineer, at(month, day, 15)), number, action="修复",
                        rules=rules)  # fmt: skip
        return number

    def take(
        taken: datetime, given: dict[str, int | None], kind: str = "service", **of: str
    ) -> None:
        surveys.record(
            session,
            Stamp("小刘", RECORDED),
            surveys.target_of(session, **of),
            scores=given,
            kind=kind,
            taken_at=taken,
            settings=rules.settings,
            zone=SH,
        )

    take(at(10, 5), scores(5, 5, 5, 5), ticket_ref=fixed("S1", "王工", 10, 1))
    take(at(10, 20), scores(4, 4, 4, 3), ticket_ref=fixed("S1", "王工", 10, 10))
    take(at(11, 1, 0, 30), scores(5, 4, None, None), ticket_ref=fixed("S2", "李工", 10, 28))
    take(at(11, 10), scores(2, 4, 4, 4), ticket_ref=fixed("S2", "李工", 11, 5))
    install, _ = schedule.schedule_visit(
        session, Stamp("clerk", at(11, 13)), kind="install", engineer="张工",
        appointment_at=at(11, 14, 9), zone=SH, customer_ref=str(minghua), device_ref="S3",
    )  # fmt: skip
    lifecycle.start(session, Stamp("张工", at(11, 14, 9)), install.number, rules)
    lifecycle.finish(session, Stamp("张工", at(11, 14, 11)), install.number, work_done="安装",
                     rules=rules, zone=SH)  # fmt: skip
    take(at(11, 15), scores(4, 4, 4, 4), visit_ref=install.number)
    take(at(11, 20), scores(3, 5, 4, 4), customer_ref="明华")
    call = due.create_due(
        session,
        Stamp("clerk", at(11, 20)),
        kind="callback",
        customer_id=tiankong,
        due_at=at(11, 22),
        origin="key-customer",
        zone=SH,
    )
    assert call is not None
    lifecycle.finish(session, Stamp("小刘", at(11, 21, 9)), call.number, work_done="电话回访",
                     rules=rules, zone=SH, result="ok")  # fmt: skip
    take(at(11, 21, 9, 10), scores(5, 5, 4, 4), visit_ref=call.number)
    product = {"structure": 5, "appearance": 4, "delivery": 3, "price": 2, "service": 5}
    take(at(11, 25), product, kind="product", customer_ref="天控", device_ref="S1")
    take(at(9, 30, 23, 59), scores(1, 1, 1, 1), customer_ref="明华")
    take(datetime(2026, 12, 1, 0, 10, tzinfo=SH), scores(1, 1, 1, 1), customer_ref="明华")
    return rules


def stats(session: Session, **more: object) -> Satisfaction:
    return satisfaction(session, first=OCTOBER, last=NOVEMBER, zone=SH, **more)  # type: ignore[arg-type]


def row(view: dict[str, object]) -> tuple[object, ...]:
    return tuple(
        view[k]
        for k in (
            "key",
            "count",
            "satisfied",
            "rate",
            "mean_attitude",
            "mean_quality",
            "mean_resolution",
            "mean_timeliness",
            "mean",
        )
    )


def test_the_figures_of_all_surveys(session: Session, figures: Rules) -> None:
    """Satisfied S1 S3 S5 S6 S7 = 5 of 7 → 71.428…% → 71.4 (below the 98 % target).
    attitude 5+4+5+2+4+3+5 = 28/7 = 4.00; quality 5+4+4+4+4+5+5 = 31/7 = 4.428… → 4.43;
    resolution (S3 gave none) 5+4+4+4+4+4 = 25/6 = 4.166… → 4.17; timeliness 5+3+4+4+4+4 =
    24/6 = 4.00; the mean of the survey means 5+3.75+4.5+3.5+4+4+4.5 = 29.25/7 = 4.178… → 4.18."""
    result = stats(session)
    view = result.view()
    assert row(view["total"]) == (None, 7, 5, "71.4", "4.00", "4.43", "4.17", "4.00", "4.18")
    assert (view["from"], view["to"], view["kind"], view["by"]) == (
        "2026-10-01",
        "2026-11-30",
        "service",
        None,
    )
    assert (view["target"], view["met"], view["groups"]) == (98, False, [])
    assert stats(session, target=70).met is True  # 71.4 ≥ 70


def test_by_engineer(session: Session, figures: Rules) -> None:
    """The ticket's assignee (S1 S2 王工, S3 S4 李工), the visit's engineer (S5 张工); S6 (a
    customer's survey) and S7 (a callback: whoever phoned did no job) have none.
    王工: S1 ✓ S2 ✗ → 1/2 = 50.0; attitude (5+4)/2 = 4.50, quality 4.50, resolution 4.50,
    timeliness (5+3)/2 = 4.00, mean (5+3.75)/2 = 4.375 → 4.38 (half up).
    李工: S3 ✓ S4 ✗ → 50.0; attitude (5+2)/2 = 3.50, quality 4.00, resolution (S4 only) 4.00,
    timeliness 4.00, mean (4.5+3.5)/2 = 4.00. 张工: S5 → 100.0, all 4.00.
    none: S6 ✓ S7 ✓ → 100.0; attitude (3+5)/2 = 4.00, quality 5.00, 4.00, 4.00, mean
    (4+4.5)/2 = 4.25. Names in order (张 < 李 < 王 by code point), none last."""
    view = stats(session, by="engineer").view()
    assert [row(g) for g in view["groups"]] == [
        ("张工", 1, 1, "100.0", "4.00", "4.00", "4.00", "4.00", "4.00"),
        ("李工", 2, 1, "50.0", "3.50", "4.00", "4.00", "4.00", "4.00"),
        ("王工", 2, 1, "50.0", "4.50", "4.50", "4.50", "4.00", "4.38"),
        (None, 2, 2, "100.0", "4.00", "5.00", "4.00", "4.00", "4.25"),
    ]
    assert row(view["total"])[1:4] == (7, 5, "71.4")


def test_by_product_line(session: Session, figures: Rules) -> None:
    """compressor: S1 S2 S5 → 2/3 = 66.666… → 66.7; attitude (5+4+4)/3 = 4.33, quality
    (5+4+4)/3 = 4.33, resolution 4.33, timeliness (5+3+4)/3 = 4.00, mean (5+3.75+4)/3 = 4.25.
    lighting: S3 S4 → 50.0. No device: S6 S7 → 100.0."""
    view = stats(session, by="product").view()
    assert [row(g) for g in view["groups"]] == [
        ("compressor", 3, 2, "66.7", "4.33", "4.33", "4.33", "4.00", "4.25"),
        ("lighting", 2, 1, "50.0", "3.50", "4.00", "4.00", "4.00", "4.00"),
        (None, 2, 2, "100.0", "4.00", "5.00", "4.00", "4.00", "4.25"),
    ]


def test_by_month_in_the_firms_zone(session: Session, figures: Rules) -> None:
    """2026-10: S1 S2 → 50.0, mean (5+3.75)/2 = 4.38. 2026-11 (S3 at 00:30 local on 11-01
    included): S3–S7 → 4/5 = 80.0; attitude (5+2+4+3+5)/5 = 3.80, quality (4+4+4+5+5)/5 = 4.40,
    resolution (4+4+4+4)/4 = 4.00, timeliness 4.00, mean (4.5+3.5+4+4+4.5)/5 = 4.10."""
    view = stats(session, by="month").view()
    assert [row(g) for g in view["groups"]] == [
        ("2026-10", 2, 1, "50.0", "4.50", "4.50", "4.50", "4.00", "4.38"),
        ("2026-11", 5, 4, "80.0", "3.80", "4.40", "4.00", "4.00", "4.10"),
    ]


def test_product_surveys_count_apart(session: Session, figures: Rules) -> None:
    """The one product survey: (5+4+3+2+5)/5 = 3.8 < 4 → 0 of 1; its price 2 called for no
    callback (only service surveys do)."""
    view = stats(session, kind="product").view()
    assert view["total"] == {
        "key": None,
        "count": 1,
        "satisfied": 0,
        "rate": "0.0",
        "mean_structure": "5.00",
        "mean_appearance": "4.00",
        "mean_delivery": "3.00",
        "mean_price": "2.00",
        "mean_service": "5.00",
        "mean": "3.80",
    }


def test_the_98_percent_target(session: Session) -> None:
    """DOMAIN §6 target ≥ 98 %: 49 satisfied of 50 → 98.0 % met; one more unsatisfied →
    49/51 = 96.07… → 96.1 % below. No surveys: no rate, the target neither met nor missed."""
    rules = load_rules(session, zone=SH)
    customer = add_customer(session, Stamp("clerk", at(1, 2)), name="天控")
    empty = stats(session)
    assert (empty.total.count, empty.view()["total"]["rate"], empty.met) == (0, None, None)

    def take(given: dict[str, int | None], n: int) -> None:
        surveys.record(
            session,
            Stamp("小刘", RECORDED),
            surveys.Target(customer.id or 0),
            scores=given,
            taken_at=at(11, 1) + timedelta(minutes=n),
            settings=rules.settings,
            zone=SH,
        )

    for n in range(49):
        take(scores(4, 4, 4, 4), n)
    take(scores(3, 4, 4, 4), 49)
    result = stats(session)
    assert (result.total.count, result.total.satisfied, str(result.total.rate)) == (50, 49, "98.0")
    assert result.met is True
    take(scores(4, 4, 3, 4), 50)
    result = stats(session)
    assert (str(result.total.rate), result.met) == ("96.1", False)


def test_bad_spans_and_groupings(session: Session) -> None:
    def message(**more: object) -> str:
        with pytest.raises(UsageError) as info:
            satisfaction(session, zone=SH, **more)  # type: ignore[arg-type]
        return translate("en", info.value.key, **info.value.fields)

    assert message(first=NOVEMBER, last=OCTOBER) == (
        "error: --to 2026-10-01 is before --from 2026-11-30 — give a span that ends after it starts"
    )
    assert message(first=OCTOBER, last=NOVEMBER, by="region") == (
        "error: by 'region' is not allowed — accepted: engineer|product|month"
    )
