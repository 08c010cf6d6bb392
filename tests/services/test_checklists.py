"""Inspection checklists per device model (issue 11; DOMAIN §3 "an inspection record is filled
on site"): items checked ok / not ok or measured in a unit, filled when the visit is done, and a
"not ok" item opening a ticket."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import AuditEntry, Ticket, Visit, VisitCheck
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets.sla import load_rules
from shouhou.services.visits import checklists
from shouhou.services.visits.due import create_due

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 12, 3, 15, 0, tzinfo=SH)
STAMP = Stamp("王工", AT)


@pytest.fixture
def shop(session: Session) -> Session:
    """Customer 1 with device S-001 (model KS-200) and S-002 (model XR-9, no checklist); the
    KS-200 checklist: 1 外观, 2 接线端子 (plain), 3 绝缘电阻 [MΩ] (measured)."""
    customer = add_customer(session, STAMP, name="天津控制设备厂", phone="022-1234567")
    for serial, model in (("S-001", "KS-200"), ("S-002", "XR-9")):
        add_device(session, STAMP, customer_id=customer.id or 0, model=model, serial=serial)
    for label, unit in (("外观", None), ("接线端子", None), ("绝缘电阻", "MΩ")):
        checklists.add_item(session, STAMP, model="KS-200", label=label, unit=unit)
    return session


def visit(session: Session, *, kind: str = "inspection", serial: str | None = "S-001") -> Visit:
    from shouhou.services.customers.devices import get_device

    device_id = get_device(session, serial).id if serial else None
    made = create_due(
        session,
        STAMP,
        kind=kind,
        customer_id=1,
        device_id=device_id,
        due_at=AT,
        origin="plan",
        zone=SH,
    )
    assert made is not None
    return made


def refusal(shop: Session, checks: list[str], **options: object) -> UsageError:
    with pytest.raises(UsageError) as refused:
        checklists.record_checks(shop, STAMP, visit(shop, **options), checks)  # type: ignore[arg-type]
    return refused.value


# -- the checklist of a model ----------------------------------------------------------------------


def test_items_in_order_matched_loosely_by_model(shop: Session) -> None:
    items = checklists.items_for_model(shop, " ks-200 ")
    assert [(i.position, i.label, i.unit) for i in items] == [
        (1, "外观", None),
        (2, "接线端子", None),
        (3, "绝缘电阻", "MΩ"),
    ]
    assert checklists.items_for_model(shop, "XR-9") == []
    assert [i.label for i in checklists.items_for_visit(shop, visit(shop))] == [
        "外观",
        "接线端子",
        "绝缘电阻",
    ]
    assert checklists.items_for_visit(shop, visit(shop, serial=None)) == []
    assert checklists.items_for_visit(shop, visit(shop, serial="S-002")) == []


def test_a_new_item_joins_the_models_own_spelling(shop: Session) -> None:
    added = checklists.add_item(shop, STAMP, model="ks-200", label="油位")
    assert (added.model, added.position) == ("KS-200", 4)
    views = list(checklists.iter_item_views(shop))
    assert [(v["model"], v["position"], v["measured"]) for v in views][-1] == ("KS-200", 4, False)
    checklists.add_item(shop, STAMP, model="KS-200", label="Fan speed", unit="rpm")
    with pytest.raises(DomainError) as same:  # labels are compared loosely: width, case
        checklists.add_item(shop, STAMP, model="KS-200", label="ＦＡＮ speed")
    assert same.value.key == "err.check_item_exists"


@pytest.mark.parametrize(
    ("label", "unit", "key"),
    [
        (" 外观 ", None, "err.check_item_exists"),
        ("12", None, "err.check_label"),  # a bare number would read as a position
        ("电压=220", None, "err.check_label"),
        ("电压", "x" * 21, "err.check_unit"),
        ("  ", None, "err.required"),
    ],
)
def test_refused_items(shop: Session, label: str, unit: str | None, key: str) -> None:
    with pytest.raises((UsageError, DomainError)) as refused:
        checklists.add_item(shop, STAMP, model="KS-200", label=label, unit=unit)
    assert refused.value.key == key


def test_removing_an_item_moves_the_next_ones_up_and_filled_visits_keep_it(shop: Session) -> None:
    done = visit(shop)
    checklists.record_checks(shop, STAMP, done, ["外观=ok", "接线端子=ok", "绝缘电阻=550"])
    removed = checklists.remove_item(shop, STAMP, model="KS-200", label="2")
    assert removed.label == "接线端子"
    items = checklists.items_for_model(shop, "KS-200")
    assert [(i.position, i.label) for i in items] == [(1, "外观"), (2, "绝缘电阻")]
    assert done.id is not None
    assert [v["label"] for v in checklists.check_views(shop, done.id)] == [
        "外观",
        "接线端子",
        "绝缘电阻",
    ]
    with pytest.raises(NotFound) as missing:
        checklists.remove_item(shop, STAMP, model="KS-200", label="油位")
    assert missing.value.key == "err.check_unknown"
    with pytest.raises(NotFound) as none:
        checklists.remove_item(shop, STAMP, model="XR-9", label="外观")
    assert none.value.key == "err.checklist_none"


# -- filling it ------------------------------------------------------------------------------------


def test_record_checks_by_label_or_position_in_either_language(shop: Session) -> None:
    """``外观=正常``, ``2=nok:端子松动`` (by position, note after the colon), ``绝缘电阻=550MΩ``
    (the unit may follow the number): three rows, label and unit copied, audited on the visit."""
    inspection = visit(shop)
    rows = checklists.record_checks(
        shop, STAMP, inspection, ["2=nok：端子松动", "外观=正常", "绝缘电阻 = 550MΩ"]
    )
    assert [(r.position, r.label, r.unit, r.result, r.value, r.note) for r in rows] == [
        (1, "外观", None, "ok", None, None),
        (2, "接线端子", None, "not_ok", None, "端子松动"),
        (3, "绝缘电阻", "MΩ", "value", "550", None),
    ]
    assert inspection.id is not None
    views = checklists.check_views(shop, inspection.id)
    assert [v["reading"] for v in views] == [None, None, "550 MΩ"]
    entry = shop.exec(
        select(AuditEntry).where(
            AuditEntry.entity == "visit",
            AuditEntry.entity_id == inspection.id,
            AuditEntry.action == "visit_checks",
        )
    ).one()
    assert "端子松动" in (entry.changes or "")


@pytest.mark.parametrize(
    ("word", "result"),
    [
        ("ok", "ok"),
        ("OK", "ok"),
        ("正常", "ok"),
        ("合格", "ok"),
        ("not-ok", "not_ok"),
        ("not_ok", "not_ok"),
        ("not ok", "not_ok"),
        ("nok", "not_ok"),
        ("异常", "not_ok"),
    ],
)
def test_the_words_for_ok_and_not_ok(shop: Session, word: str, result: str) -> None:
    rows = checklists.record_checks(
        shop, STAMP, visit(shop), [f"外观={word}", "接线端子=ok", "绝缘电阻=1.5"]
    )
    assert rows[0].result == result


def test_unknown_items_are_named_all_at_once_with_the_list(shop: Session) -> None:
    refused = refusal(shop, ["外观=ok", "油位=ok", "9=ok", "接线端子=ok", "绝缘电阻=1"])
    assert refused.key == "err.check_unknown"
    assert str(refused) == (
        "error: no checklist item 油位, 9 — the items are: 1 外观, 2 接线端子, 3 绝缘电阻 [MΩ] "
        "(by name or number)"
    )


def test_an_item_given_twice(shop: Session) -> None:
    refused = refusal(shop, ["外观=ok", "1=not-ok", "接线端子=ok", "绝缘电阻=1"])
    assert (refused.key, refused.fields["label"]) == ("err.check_duplicate", "外观")


def test_missing_items_of_an_inspection_are_named(shop: Session) -> None:
    refused = refusal(shop, ["外观=ok"])
    assert refused.key == "err.check_missing"
    assert refused.fields["items"] == "2 接线端子, 3 绝缘电阻 [MΩ]"
    assert refusal(shop, []).fields["items"] == "1 外观, 2 接线端子, 3 绝缘电阻 [MΩ]"


def test_a_repair_visit_may_fill_some_items_or_none(shop: Session) -> None:
    repair = visit(shop, kind="repair")
    assert checklists.record_checks(shop, STAMP, repair, []) == []
    rows = checklists.record_checks(shop, STAMP, repair, ["绝缘电阻=0.8"])
    assert [(r.label, r.value) for r in rows] == [("绝缘电阻", "0.8")]


def test_a_measured_item_needs_a_number_and_a_plain_one_a_word(shop: Session) -> None:
    refused = refusal(shop, ["外观=ok", "接线端子=ok", "绝缘电阻=ok"])
    assert refused.key == "err.check_number"
    assert str(refused) == (
        "error: '绝缘电阻' is measured — give a number in MΩ (e.g. 绝缘电阻=12.5), not 'ok'"
    )
    refused = refusal(shop, ["外观=12", "接线端子=ok", "绝缘电阻=1"])
    assert refused.key == "err.check_value"
    assert str(refused) == "error: '12' is not a result for '外观' — give ok|not-ok[:note]"
    from shouhou.i18n import translate

    assert translate("zh", refused.key, **refused.fields) == (
        "错误：“12”不是“外观”的有效结果 — 请填写 正常|异常[:说明]"
    )
    assert refusal(shop, ["外观=ok", "接线端子=ok", "绝缘电阻=NaN"]).key == "err.check_number"


def test_an_entry_without_equals(shop: Session) -> None:
    refused = refusal(shop, ["外观 ok"])
    assert refused.key == "err.check_form"


def test_no_checklist_no_checks(shop: Session) -> None:
    assert refusal(shop, ["外观=ok"], serial="S-002").key == "err.check_no_checklist"
    assert refusal(shop, ["外观=ok"], serial=None).key == "err.check_no_device"
    assert checklists.record_checks(shop, STAMP, visit(shop, serial="S-002"), []) == []


def test_a_visit_is_filled_once(shop: Session) -> None:
    inspection = visit(shop)
    checks = ["外观=ok", "接线端子=ok", "绝缘电阻=1"]
    checklists.record_checks(shop, STAMP, inspection, checks)
    with pytest.raises(DomainError) as again:
        checklists.record_checks(shop, STAMP, inspection, checks)
    assert again.value.key == "err.check_recorded"


def test_parse_answer_for_the_prompt() -> None:
    assert checklists.parse_answer("2", " 异常:松动 ") == "2=异常:松动"
    assert checklists.parse_answer("3", "0.5", unit="MΩ") == "3=0.5"
    with pytest.raises(UsageError) as refused:
        checklists.parse_answer("3", "ok", unit="MΩ", label="绝缘电阻")
    assert refused.value.key == "err.check_number"
    with pytest.raises(UsageError):
        checklists.parse_answer("1", "maybe")


# -- a "not ok" opens a ticket ---------------------------------------------------------------------


def test_open_a_ticket_for_a_not_ok_item(shop: Session) -> None:
    """The ticket is the visit's customer and device, symptom = label + note, on site, received
    now by the actor (首问责任制); the check keeps it; a second ticket, or one for an ok item,
    is refused."""
    inspection = visit(shop)
    rows = checklists.record_checks(
        shop, STAMP, inspection, ["外观=ok", "接线端子=not-ok:端子松动", "绝缘电阻=550"]
    )
    rules = load_rules(shop, zone=SH)
    ticket = checklists.open_ticket_for(shop, STAMP, rows[1], inspection, rules)
    assert (ticket.customer_id, ticket.device_id) == (inspection.customer_id, inspection.device_id)
    assert ticket.symptom == "接线端子: 端子松动"
    assert (ticket.channel, ticket.received_by, ticket.severity) == ("onsite", "王工", "3")
    assert ticket.received_at == AT
    assert rows[1].ticket_id == ticket.id
    assert inspection.id is not None
    views = checklists.check_views(shop, inspection.id)
    assert (views[1]["ticket"], views[1]["ticket_id"]) == (ticket.number, ticket.id)
    with pytest.raises(DomainError) as twice:
        checklists.open_ticket_for(shop, STAMP, rows[1], inspection, rules)
    assert twice.value.key == "err.check_has_ticket"
    with pytest.raises(DomainError) as fine:
        checklists.open_ticket_for(shop, STAMP, rows[0], inspection, rules)
    assert fine.value.key == "err.check_not_failed"
    other = visit(shop, kind="repair")
    with pytest.raises(DomainError) as elsewhere:
        checklists.open_ticket_for(shop, STAMP, rows[1], other, rules)
    assert elsewhere.value.key == "err.check_other_visit"
    assert len(shop.exec(select(Ticket)).all()) == 1
    actions = shop.exec(
        select(AuditEntry.action)
        .where(AuditEntry.entity == "visit", AuditEntry.entity_id == inspection.id)
        .order_by(col(AuditEntry.id))
    ).all()
    assert actions[-1] == "visit_check_ticket"
    stored = shop.exec(select(VisitCheck).where(VisitCheck.ticket_id == ticket.id)).one()
    assert stored.label == "接线端子"
