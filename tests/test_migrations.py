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
