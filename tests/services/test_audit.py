"""The audit trail (DOMAIN §8 traceability): who changed what, when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from shouhou.models import AuditEntry
from shouhou.services import audit
from shouhou.services.audit import Stamp


def test_diff_lists_changed_fields_only() -> None:
    before = {"a": 1, "b": "x", "c": None}
    after = {"a": 1, "b": "y", "c": date(2026, 1, 2)}
    assert audit.diff(before, after) == {"b": ["x", "y"], "c": [None, "2026-01-02"]}
    assert audit.diff(before, dict(before)) == {}


def test_diff_makes_values_json_plain() -> None:
    moment = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    changes = audit.diff({"m": None, "t": None}, {"m": Decimal("12.50"), "t": moment})
    assert changes == {"m": [None, "12.50"], "t": [None, "2026-11-23T02:00:00+00:00"]}


def test_record_and_trail_round_trip(session: Session, stamp: Stamp) -> None:
    audit.record(session, stamp, entity="customer", entity_id=5, action="create", changes=None)
    later = Stamp("王五", stamp.at + timedelta(minutes=5))
    audit.record(
        session,
        later,
        entity="customer",
        entity_id=5,
        action="update",
        changes={"phone": ["1", "2"], "when": date(2026, 1, 1), "名称": "中文"},
    )
    audit.record(session, stamp, entity="device", entity_id=5, action="create")
    session.flush()
    entries = audit.trail(session, entity="customer", entity_id=5)
    assert [(e.action, e.actor) for e in entries] == [("create", "tester"), ("update", "王五")]
    assert audit.changes_of(entries[0]) == {}
    assert audit.changes_of(entries[1]) == {
        "phone": ["1", "2"],
        "when": "2026-01-01",
        "名称": "中文",
    }
    assert "中文" in (entries[1].changes or "")  # stored readable, not \u-escaped


def test_times_are_stored_as_utc_instants(session: Session, stamp: Stamp) -> None:
    audit.record(session, stamp, entity="customer", entity_id=1, action="create")
    session.flush()
    session.expire_all()
    (entry,) = session.exec(select(AuditEntry)).all()
    assert entry.at == stamp.at
    assert entry.at.utcoffset() == timedelta(0)
    assert entry.at.astimezone(UTC) == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_trail_orders_by_time_then_id(session: Session, stamp: Stamp) -> None:
    late = Stamp("b", stamp.at + timedelta(hours=1))
    audit.record(session, late, entity="x", entity_id=1, action="second")
    audit.record(session, stamp, entity="x", entity_id=1, action="first")
    audit.record(session, late, entity="x", entity_id=1, action="third")
    session.flush()
    assert [e.action for e in audit.trail(session, entity="x", entity_id=1)] == [
        "first",
        "second",
        "third",
    ]
