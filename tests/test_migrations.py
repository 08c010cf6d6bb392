"""Migrations (STYLE "Sessions and transactions"): head matches the models exactly, the first
revision with data in it upgrades without losing a row, and the hot-path head constant is right."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlmodel import SQLModel

import shouhou.models  # noqa: F401  (registers the tables)
from shouhou import db
from shouhou.migrations.head import HEAD_REVISION

MIGRATIONS = Path(db.__file__).parent / "migrations"


def script_directory():  # type: ignore[no-untyped-def]
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_head_constant_matches_alembic() -> None:
    assert script_directory().get_heads() == [HEAD_REVISION]


def test_revisions_form_one_line_from_the_first() -> None:
    revisions = list(script_directory().walk_revisions())
    assert revisions[-1].revision == "0001_foundation"
    assert revisions[-1].down_revision is None
    assert all(len(r._all_down_revisions) <= 1 for r in revisions)  # no merges, no branches


def test_blank_database_migrated_to_head_matches_the_models(blank_db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db.upgrade(blank_db_url)
    with db.engine_for(blank_db_url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, SQLModel.metadata)
    assert diffs == []


def test_head_has_every_model_table(blank_db_url: str) -> None:
    db.upgrade(blank_db_url)
    names = set(inspect(db.engine_for(blank_db_url)).get_table_names())
    assert set(SQLModel.metadata.tables) <= names
    assert "alembic_version" in names


AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_first_revision_with_rows_upgrades_without_losing_any(blank_db_url: str) -> None:
    db.upgrade(blank_db_url, "0001_foundation")
    assert db.head_of(blank_db_url) == "0001_foundation"
    engine = db.engine_for(blank_db_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (id, name, phone, zone, key_customer, created_at, updated_at)"
                " VALUES (1, '天津天控科技有限公司', '022-12345678', 'nearby', :t, :at, :at),"
                " (2, '=cmd()', NULL, 'local', :f, :at, :at)"
            ),
            {"at": AT, "t": True, "f": False},
        )
        conn.execute(
            text(
                "INSERT INTO device (id, customer_id, serial, model, accepted_on, warranty_months,"
                " serial_tampered, created_at, updated_at)"
                " VALUES (1, 1, 'S1', 'KS-200', :d, 24, :f, :at, :at)"
            ),
            {"at": AT, "d": date(2025, 3, 1), "f": False},
        )
        conn.execute(
            text(
                "INSERT INTO devicecomponent (id, device_id, name, months)"
                " VALUES (1, 1, 'motor', 120)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO audit_entry (id, at, actor, entity, entity_id, action, changes)"
                " VALUES (1, :at, 'tester', 'customer', 1, 'create', '{\"name\": \"天控\"}'),"
                " (2, :at, '王五', 'device', 1, 'create', NULL)"
            ),
            {"at": AT},
        )
        conn.execute(text("INSERT INTO setting (key, value) VALUES ('currency', '\"CNY\"')"))
    if engine.dialect.name == "postgresql":  # explicit ids leave the sequences behind
        with engine.begin() as conn:
            for table in ("customer", "device", "devicecomponent", "audit_entry"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT max(id) FROM {table}))"
                    )
                )
    db.dispose_all()

    db.ensure_schema(blank_db_url, create=False)  # what any command does on open
    assert db.head_of(blank_db_url) == HEAD_REVISION

    from shouhou.models import AuditEntry, Customer, Device, DeviceComponent, Setting
    from shouhou.services.customers.files import device_file

    with db.session(blank_db_url) as s:
        counts = {
            model.__name__: s.exec(select(func.count()).select_from(model)).one()[0]  # type: ignore[call-overload]
            for model in (Customer, Device, DeviceComponent, AuditEntry, Setting)
        }
        assert counts == {
            "Customer": 2,
            "Device": 1,
            "DeviceComponent": 1,
            "AuditEntry": 2,
            "Setting": 1,
        }
        customer = s.get(Customer, 1)
        assert customer is not None
        assert customer.name == "天津天控科技有限公司"
        assert customer.key_customer is True
        assert customer.created_at == AT
        record = device_file(s, "S1", on=date(2026, 11, 23))
        assert record["warranty"][1] == {
            "component": "motor",
            "months": 120,
            "until": "2035-02-28",
            "in_warranty": True,
        }
        assert [e["actor"] for e in record["timeline"]] == ["王五"]

    # ... and the upgraded database takes new rows.
    from shouhou.services.audit import Stamp
    from shouhou.services.customers.customers import add_customer

    with db.session(blank_db_url, write=True) as s:
        assert add_customer(s, Stamp("tester", AT), name="新客户").id == 3


def test_upgrade_is_idempotent(blank_db_url: str) -> None:
    db.upgrade(blank_db_url)
    db.upgrade(blank_db_url)
    db.ensure_schema(blank_db_url, create=False)
    assert db.head_of(blank_db_url) == HEAD_REVISION


def test_every_revision_imports_sqlmodel_types() -> None:
    """STYLE: ``import sqlmodel.sql.sqltypes`` in each revision (autogenerate emits AutoString)."""
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "from __future__ import annotations" in source, path.name
        if "sqlmodel.sql.sqltypes." in source:
            assert "import sqlmodel.sql.sqltypes" in source, path.name


def test_template_for_new_revisions_imports_sqlmodel_types() -> None:
    assert "import sqlmodel.sql.sqltypes" in (MIGRATIONS / "script.py.mako").read_text()


def _sla_rows() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Tickets in every state, as a 0004 database holds them (cached deadlines left empty:
    the upgrade recomputes them). Times are Shanghai (UTC+8) written in UTC."""

    def utc(text: str) -> datetime:  # Shanghai wall time → UTC
        from zoneinfo import ZoneInfo

        return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Shanghai"))

    base = {
        "channel": "phone",
        "customer_id": 1,
        "device_id": 1,
        "symptom": "x",
        "zone": "local",
        "received_by": "clerk",
        "missed": "",
        "escalation_level": 0,
        "repair_count": 1,
        "mode": None,
        "replied_at": None,
        "arrived_at": None,
        "resolved_at": None,
        "closed_at": None,
        "waiting_since": None,
        "wait_reason": None,
    }
    specs: list[dict[str, object]] = [
        {"status": "new", "severity": "1", "received_at": utc("2026-11-23 09:00")},
        {
            "status": "responded",
            "severity": "2",
            "received_at": utc("2026-11-23 09:00"),
            "replied_at": utc("2026-11-23 09:45"),
            "missed": "reply",
        },
        {
            "status": "in_progress",
            "severity": "1",
            "mode": "onsite",
            "received_at": utc("2026-11-23 09:00"),
            "replied_at": utc("2026-11-23 09:05"),
            "arrived_at": utc("2026-11-23 10:30"),
        },
        {  # waiting before any deadline passed
            "status": "responded",
            "severity": "3",
            "received_at": utc("2026-11-20 09:00"),
            "replied_at": utc("2026-11-20 09:10"),
            "waiting_since": utc("2026-11-20 09:30"),
            "wait_reason": "parts",
        },
        {  # waiting since after its reply deadline passed
            "status": "assigned",
            "severity": "2",
            "received_at": utc("2026-11-23 09:00"),
            "waiting_since": utc("2026-11-23 10:00"),
            "wait_reason": "customer",
        },
        {
            "status": "resolved",
            "severity": "1",
            "received_at": utc("2026-11-23 09:00"),
            "replied_at": utc("2026-11-23 09:05"),
            "resolved_at": utc("2026-11-23 13:30"),
            "missed": "resolve",
        },
        {
            "status": "closed",
            "severity": "3",
            "received_at": utc("2026-11-02 09:00"),
            "replied_at": utc("2026-11-02 09:10"),
            "resolved_at": utc("2026-11-02 11:00"),
            "closed_at": utc("2026-11-03 11:00"),
        },
        {
            "status": "cancelled",
            "severity": "2",
            "received_at": utc("2026-11-23 09:00"),
            "updated_at": utc("2026-11-23 09:50"),
        },
        {  # reopened after a late fix, with a pause in its past
            "status": "in_progress",
            "severity": "2",
            "received_at": utc("2026-11-19 09:00"),
            "replied_at": utc("2026-11-19 09:10"),
            "missed": "resolve",
        },
        {
            "status": "in_progress",
            "severity": "3",
            "mode": "depot",
            "received_at": utc("2026-11-16 09:00"),
            "replied_at": utc("2026-11-16 09:20"),
        },
    ]
    tickets: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    for index, spec in enumerate(specs, start=1):
        received = spec["received_at"]
        row = {**base, "updated_at": received, **spec, "id": index}
        row["number"] = f"SH2611-{index:04d}"
        row["created_at"] = received
        tickets.append(row)
        events.append({"ticket_id": index, "at": received, "kind": "status", "status": "new"})
        if row["waiting_since"] is not None:
            events.append({"ticket_id": index, "at": row["waiting_since"], "kind": "wait"})
    events.append({"ticket_id": 9, "at": datetime(2026, 11, 19, 3, 0, tzinfo=UTC), "kind": "wait"})
    events.append(
        {"ticket_id": 9, "at": datetime(2026, 11, 19, 6, 0, tzinfo=UTC), "kind": "resume"}
    )
    for event in events:
        event.setdefault("status", None)
        event["actor"] = "tester"
    return tickets, events


def test_0004_tickets_upgrade_with_their_sla_state_stored(blank_db_url: str) -> None:
    """Issue 9: revision 0005 adds the stored SLA state and fills it for existing rows from
    each ticket's log, as the events would have; no ticket or event is lost."""
    from zoneinfo import ZoneInfo

    import sqlalchemy as sa
    import sqlmodel.sql.sqltypes

    from shouhou.models import Ticket, TicketEvent
    from shouhou.services.tickets import records
    from shouhou.services.tickets.queries import OPEN_STATES, list_views
    from shouhou.services.tickets.sla import load_rules, pauses_from, sla_of, stored_sla

    db.upgrade(blank_db_url, "0004_users_component")
    engine = db.engine_for(blank_db_url)
    tickets, events = _sla_rows()

    def table(name: str, rows: list[dict[str, object]]) -> sa.TableClause:
        """Typed where it matters: times go in as every revision writes them."""
        return sa.table(
            name,
            *(
                sa.column(key, sqlmodel.sql.sqltypes.UTCDateTime())
                if key == "at" or key.endswith(("_at", "_since"))
                else sa.column(key)
                for key in rows[0]
            ),
        )

    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (id, name, zone, key_customer, created_at, updated_at)"
                " VALUES (1, 'ACME', 'local', :f, :at, :at)"
            ),
            {"at": AT, "f": False},
        )
        conn.execute(
            text(
                "INSERT INTO device (id, customer_id, serial, model, warranty_months,"
                " serial_tampered, created_at, updated_at)"
                " VALUES (1, 1, 'S1', 'M', 24, :f, :at, :at)"
            ),
            {"at": AT, "f": False},
        )
        conn.execute(sa.insert(table("ticket", tickets)), tickets)
        conn.execute(sa.insert(table("ticket_event", events)), events)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for name in ("customer", "device", "ticket", "ticket_event"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
                        f" (SELECT max(id) FROM {name}))"
                    )
                )
    db.dispose_all()

    db.ensure_schema(blank_db_url, create=False)
    assert db.head_of(blank_db_url) == HEAD_REVISION
    now = datetime.now(UTC)
    moving = ("reply_due_at", "onsite_due_at", "resolve_due_at")
    stored_fields = (*moving, "next_due_at", "reply_late_min", "onsite_late_min")
    stored_fields += ("resolve_late_min",)
    with db.session(blank_db_url) as s:
        assert s.exec(select(func.count()).select_from(Ticket)).one()[0] == len(tickets)  # type: ignore[call-overload]
        assert s.exec(select(func.count()).select_from(TicketEvent)).one()[0] == len(events)  # type: ignore[call-overload]
        rules = load_rules(s, zone=ZoneInfo("Asia/Shanghai"))
        for ticket in s.exec(select(Ticket).order_by(Ticket.id)).scalars():  # type: ignore[call-overload]
            pauses = pauses_from(records.events_of(s, ticket.id))
            expected = stored_sla(ticket, sla_of(ticket, pauses, rules, now), pauses)
            for name in stored_fields:
                if ticket.waiting_since is not None and name in moving:
                    continue  # a waiting ticket's deadlines move with the clock
                assert getattr(ticket, name) == getattr(expected, name), (ticket.number, name)
        by_number = {t.number: t for t in s.exec(select(Ticket)).scalars()}  # type: ignore[call-overload]
        # hand-checked: critical 09:00 → reply due 09:10; major replied 09:45 (due 09:30): 15
        # min late; the fixed critical resolved 13:30 (due 13:00): 30 min; waiting before its
        # deadlines: none runs; waiting after its reply deadline (09:30): it stays.
        assert by_number["SH2611-0001"].next_due_at == datetime(2026, 11, 23, 1, 10, tzinfo=UTC)
        assert by_number["SH2611-0002"].reply_late_min == 15
        assert by_number["SH2611-0006"].resolve_late_min == 30
        assert by_number["SH2611-0006"].next_due_at is None
        assert by_number["SH2611-0004"].next_due_at is None
        assert by_number["SH2611-0005"].next_due_at == datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
        listed = list_views(s, rules, now, statuses=OPEN_STATES, sort="number")
        assert [v["number"] for v in listed] == [
            f"SH2611-{i:04d}" for i in (1, 2, 3, 4, 5, 6, 9, 10)
        ]


def test_0008_ratings_become_surveys(blank_db_url: str) -> None:
    """Issue 13: the two ratings ``ticket close --quality --attitude`` stored on a 0008 ticket
    become one service survey of that ticket at 0009 — taken when it was closed (else when it
    last changed), by whoever closed it last (else ``shouhou``) — and the columns go.

    SH2611-0001 closed 11-20 10:00, rated 5/4, closed by 小赵 then (reopened and) by 小刘;
    SH2611-0002 resolved, rated quality 2 only, last changed 11-21 09:00; SH2611-0003 closed
    without a rating: no survey. Afterwards the figures read them: 0001 mean (5+4)/2 = 4.5 ✓,
    0002 mean 2 ✗ → 1 of 2 = 50.0 %; 0003 is still to be asked (``survey pending``)."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    import sqlalchemy as sa
    import sqlmodel.sql.sqltypes

    from shouhou.models import Survey, Ticket
    from shouhou.services.feedback.survey_stats import pending, satisfaction

    sh = ZoneInfo("Asia/Shanghai")
    db.upgrade(blank_db_url, "0008_parts_stock")
    engine = db.engine_for(blank_db_url)
    closed_at = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    changed_at = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
    base: dict[str, object] = {
        "channel": "phone",
        "customer_id": 1,
        "device_id": 1,
        "severity": "3",
        "symptom": "x",
        "zone": "local",
        "received_by": "clerk",
        "missed": "",
        "escalation_level": 0,
        "repair_count": 1,
        "received_at": AT - timedelta(days=5),
        "created_at": AT - timedelta(days=5),
        "resolved_at": AT - timedelta(days=4),
        "closed_at": None,
        "quality_rating": None,
        "attitude_rating": None,
    }
    rows: list[dict[str, object]] = [
        {**base, "id": 1, "number": "SH2611-0001", "status": "closed", "closed_at": closed_at,
         "updated_at": closed_at, "quality_rating": 5, "attitude_rating": 4},
        {**base, "id": 2, "number": "SH2611-0002", "status": "resolved", "updated_at": changed_at,
         "quality_rating": 2},
        {**base, "id": 3, "number": "SH2611-0003", "status": "closed", "closed_at": closed_at,
         "updated_at": closed_at},
    ]  # fmt: skip
    ticket = sa.table(
        "ticket",
        *(
            sa.column(key, sqlmodel.sql.sqltypes.UTCDateTime())
            if key.endswith("_at")
            else sa.column(key)
            for key in rows[0]
        ),
    )
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customer (id, name, zone, key_customer, created_at, updated_at)"
                " VALUES (1, 'ACME', 'local', :f, :at, :at)"
            ),
            {"at": AT, "f": False},
        )
        conn.execute(
            text(
                "INSERT INTO device (id, customer_id, serial, model, product_line,"
                " warranty_months, serial_tampered, created_at, updated_at)"
                " VALUES (1, 1, 'S1', 'M', 'compressor', 24, :f, :at, :at)"
            ),
            {"at": AT, "f": False},
        )
        conn.execute(sa.insert(ticket), rows)
        conn.execute(
            text(
                "INSERT INTO audit_entry (id, at, actor, entity, entity_id, action, changes)"
                " VALUES (1, :at, '小赵', 'ticket', 1, 'close', NULL),"
                " (2, :at, '小刘', 'ticket', 1, 'close', NULL),"
                " (3, :at, '小赵', 'ticket', 3, 'close', NULL)"
            ),
            {"at": closed_at},
        )
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for name in ("customer", "device", "ticket", "audit_entry"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
                        f" (SELECT max(id) FROM {name}))"
                    )
                )
    db.dispose_all()

    db.ensure_schema(blank_db_url, create=False)
    assert db.head_of(blank_db_url) == HEAD_REVISION
    columns = {c["name"] for c in inspect(db.engine_for(blank_db_url)).get_columns("ticket")}
    assert not {"quality_rating", "attitude_rating"} & columns
    with db.session(blank_db_url) as s:
        assert s.exec(select(func.count()).select_from(Ticket)).one()[0] == 3  # type: ignore[call-overload]
        found = [
            (v.ticket_id, v.kind, v.quality, v.attitude, v.resolution, v.taken_at, v.taken_by)
            for v in s.exec(select(Survey).order_by(Survey.ticket_id)).scalars()  # type: ignore[call-overload, arg-type]
        ]
        assert found == [
            (1, "service", 5, 4, None, closed_at, "小刘"),
            (2, "service", 2, None, None, changed_at, "shouhou"),
        ]
        figures = satisfaction(
            s, first=AT.date() - timedelta(days=30), last=AT.date(), zone=sh
        ).view()["total"]
        assert (figures["count"], figures["satisfied"], figures["rate"]) == (2, 1, "50.0")
        assert [r["number"] for r in pending(s, now=AT)] == ["SH2611-0003"]
