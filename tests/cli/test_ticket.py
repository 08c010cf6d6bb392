"""``shouhou ticket``: a phone call from intake to close, errors and exit codes, deadlines on the
working calendar, the overdue list, repeats, charges, loans, returns and the printed documents.

Every test drives the CLI in-process (CliRunner, no TTY) and checks the database afterwards.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from shouhou import db
from shouhou.models import (
    AuditEntry,
    ChargeLine,
    Customer,
    Device,
    Loan,
    Survey,
    Ticket,
    TicketEvent,
)
from tests.conftest import CliRun

TIANKONG = "天津天控科技有限公司"

CLI_MD_TICKET_KEYS = (
    "id, number, status, severity, channel, customer_id, device_id, symptom, category, cause, "
    "received_at, received_by, assignee, in_warranty, chargeable, reply_due_at, onsite_due_at, "
    "resolve_due_at, replied_at, arrived_at, resolved_at, closed_at, overdue, escalation_level, "
    "charges"
).split(", ")


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def at(cli: CliRun, now: str, *args: str, who: str | None = None) -> Any:
    """Run a command with the clock pinned at ``now`` (Shanghai) and maybe another user."""
    env = {"SHOUHOU_NOW": now}
    if who is not None:
        env["SHOUHOU_USER"] = who
    return cli(*args, env=env)


def show(cli: CliRun, number: str, now: str = "2026-11-23 10:00") -> dict[str, Any]:
    return json.loads(ok(at(cli, now, "ticket", "show", number, "--format", "json")))


def counts(db_url: str) -> dict[str, int]:
    with db.session(db_url) as s:
        return {
            model.__name__: s.exec(select(func.count()).select_from(model)).one()
            for model in (Ticket, TicketEvent, AuditEntry, ChargeLine, Customer, Device, Loan)
        }


def ticket_row(db_url: str, number: str) -> Ticket:
    with db.session(db_url) as s:
        found = s.exec(select(Ticket).where(Ticket.number == number)).one()
        s.expunge(found)
        return found


@pytest.fixture
def _tk_office(cli: CliRun) -> CliRun:
    """天控 (#1) with S1 (accepted 2024-11-20, 24 months → covered until 2026-11-19; motor 120
    months) and S2 (accepted 2026-03-01); Beta (#2, remote zone) with B1 (out of warranty)."""
    ok(
        at(
            cli,
            "2024-11-20 09:00",
            "customer",
            "add",
            TIANKONG,
            "--phone",
            "022-12345678",
            "--contact",
            "王工",
        )
    )
    ok(
        at(
            cli,
            "2024-11-20 09:00",
            "device",
            "add",
            "--customer",
            "1",
            "--model",
            "KS-200",
            "--serial",
            "S1",
            "--accepted",
            "2024-11-20",
            "--component",
            "motor:120",
        )
    )
    ok(
        at(
            cli,
            "2026-03-01 09:00",
            "device",
            "add",
            "--customer",
            "1",
            "--model",
            "KS-100",
            "--serial",
            "S2",
            "--accepted",
            "2026-03-01",
        )
    )
    ok(at(cli, "2020-01-01 09:00", "customer", "add", "Beta", "--zone", "remote"))
    ok(
        at(
            cli,
            "2020-01-01 09:00",
            "device",
            "add",
            "--customer",
            "2",
            "--model",
            "KS-1",
            "--serial",
            "B1",
            "--accepted",
            "2020-01-01",
        )
    )
    return cli


def new(cli: CliRun, now: str, *args: str) -> str:
    """``ticket new`` received at ``now``; returns the ticket number."""
    result = at(cli, now, "ticket", "new", "--format", "json", *args)
    return str(json.loads(ok(result))["number"])


def staff(cli: CliRun) -> None:
    """The people of these tests as users with roles: an approval needs a user whose role
    entitles them (DOMAIN §1), and once there are users every --as names one of them."""
    for name, role in (
        ("tester", "clerk"),
        ("王工", "engineer"),
        ("李经理", "manager"),
        ("总经理", "general-manager"),
    ):
        ok(cli("user", "add", name, "--role", role))


# --- the done-when: a phone call from new to close --------------------------------------------


def test_phone_call_session_new_to_close(_tk_office: CliRun, db_url: str) -> None:
    """Issue "Tickets", done-when: a scripted phone-call session (no TTY, all flags)."""
    cli = _tk_office
    staff(cli)
    # Paper form entered Monday for a call of Thursday 16:00: the warranty is judged on the fault
    # date (S1 covered until 2026-11-19 inclusive), deadlines count from the call.
    result = at(
        cli,
        "2026-11-19 16:02",
        "ticket",
        "new",
        "--customer",
        "天控",
        "--device",
        "S1",
        "--severity",
        "2",
        "--symptom",
        "不制冷，压力上不去",
        "--category",
        "cooling",
        "--channel",
        "phone",
        "--received-by",
        "小刘",
        "--request",
        "尽快上门",
        "--at",
        "2026-11-19 16:00",
    )
    assert ok(result) == (
        "Ticket SH2611-0001 received — 2 major, by phone\n"
        f"Customer: {TIANKONG} (#1)\n"
        "Device: S1\n"
        "  Warranty verdict — whole unit (24 months), fault date 2026-11-19: "
        "in warranty until 2026-11-19 — free for a manufacturing fault\n"
        "  Warranty whole unit (24 months): in warranty until 2026-11-19\n"
        "  Warranty motor (120 months): in warranty until 2034-11-19\n"
        "Reply due: 2026-11-19 16:30\n"
        "On-site due (if a visit is needed): 2026-11-23 10:00\n"
        "Resolve due: 2026-11-24 13:00\n"
    )
    assert result.stderr == ""
    n = "SH2611-0001"
    steps = [
        (
            "2026-11-19 16:05",
            ("ticket", "assign", n, "王工"),
            "SH2611-0001 assigned to 王工 (assigned)",
        ),
        (
            "2026-11-19 16:10",
            ("ticket", "respond", n, "--note", "已电话指导"),
            "SH2611-0001: reply recorded (responded)",
        ),
        ("2026-11-19 16:12", ("ticket", "mode", n, "onsite"), "SH2611-0001: support mode on site"),
        (
            "2026-11-20 09:40",
            ("ticket", "arrive", n, "--at", "2026-11-20 09:30"),
            "SH2611-0001: arrived on site at 2026-11-20 09:30",
        ),
        (
            "2026-11-20 10:30",
            ("ticket", "diagnose", n, "--cause", "misuse", "--finding", "进水导致主板短路"),
            "SH2611-0001: cause misuse — chargeable repair",
        ),
    ]
    for now, args, expected in steps:
        assert ok(at(cli, now, *args, who="王工")) == expected + "\n"
    result = at(
        cli,
        "2026-11-20 11:00",
        "ticket",
        "charge",
        n,
        "--labor-hours",
        "3",
        "--travel",
        "200",
        "--part",
        "主板:1:680.50",
        "--part",
        "阀片:2:120",
        who="王工",
    )
    assert ok(result) == (
        "SH2611-0001: parts 920.50 + labour 450.00 + travel 200.00 = 1570.50 CNY"
        "; customer pays 1570.50\n"
    )
    assert result.stderr == (
        "note: SH2611-0001 needs approval before it can be resolved (total 1570.50 > 1000.00)\n"
    )
    before = counts(db_url)
    refused = at(cli, "2026-11-20 14:00", "ticket", "resolve", n, "--action", "换主板", who="王工")
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        "error: ticket SH2611-0001 needs approval first (total 1570.50 > 1000.00) — a manager "
        "runs `shouhou --as NAME ticket approve SH2611-0001`\n"
    )
    self_approval = at(cli, "2026-11-20 14:01", "--as", "王工", "ticket", "approve", n)
    assert self_approval.exit_code == 1
    assert self_approval.stderr == (
        "error: 王工 is the engineer on ticket SH2611-0001 and cannot approve it "
        "— another person must approve (--as NAME)\n"
    )
    assert counts(db_url) == before  # refused commands change nothing
    assert ticket_row(db_url, n).status == "in_progress"
    assert ok(at(cli, "2026-11-20 14:30", "--as", "李经理", "ticket", "approve", n)) == (
        "SH2611-0001: approved by 李经理 (total 1570.50 > 1000.00)\n"
    )
    assert (
        ok(
            at(
                cli,
                "2026-11-20 15:00",
                "ticket",
                "resolve",
                n,
                "--action",
                "更换主板，试机正常",
                who="王工",
            )
        )
        # 1570.50 > 1000.00: a major repair, callback within 7 days (DOMAIN §3, issue 11)
        == "SH2611-0001: resolved\n"
        "Callback VS2611-0001 due by 2026-11-27 15:00 (after a major repair)\n"
    )
    assert (
        ok(at(cli, "2026-11-23 10:00", "ticket", "close", n, "--quality", "5", "--attitude", "4"))
        # the scores become survey 1: mean (5 + 4) / 2 = 4.50 ≥ 4 (issue 13)
        == "SH2611-0001: closed\nSurvey 1 of SH2611-0001 recorded: mean 4.50, satisfied\n"
    )

    view = show(cli, n)
    for key in [*CLI_MD_TICKET_KEYS, "timeline"]:
        assert key in view, key
    assert {k: view[k] for k in CLI_MD_TICKET_KEYS} == {
        "id": 1,
        "number": n,
        "status": "closed",
        "severity": "2",
        "channel": "phone",
        "customer_id": 1,
        "device_id": 1,
        "symptom": "不制冷，压力上不去",
        "category": "cooling",
        "cause": "misuse",
        "received_at": "2026-11-19T08:00:00+00:00",
        "received_by": "小刘",
        "assignee": "王工",
        "in_warranty": True,
        "chargeable": True,
        "reply_due_at": "2026-11-19T08:30:00+00:00",
        "onsite_due_at": "2026-11-23T02:00:00+00:00",
        "resolve_due_at": "2026-11-24T05:00:00+00:00",
        "replied_at": "2026-11-19T08:10:00+00:00",
        "arrived_at": "2026-11-20T01:30:00+00:00",
        "resolved_at": "2026-11-20T07:00:00+00:00",
        "closed_at": "2026-11-23T02:00:00+00:00",
        "overdue": [],
        "escalation_level": 0,
        "charges": {
            "parts": "920.50",
            "labor": "450.00",
            "travel": "200.00",
            "total": "1570.50",
            "payable": "1570.50",
        },
    }
    assert view["approved_by"] == "李经理"
    timeline = [(e["actor"], e["action"], e["at"]) for e in view["timeline"]]
    assert timeline == [
        ("tester", "create", "2026-11-19T08:00:00+00:00"),
        ("王工", "assign", "2026-11-19T08:05:00+00:00"),
        ("王工", "respond", "2026-11-19T08:10:00+00:00"),
        ("王工", "mode", "2026-11-19T08:12:00+00:00"),
        ("王工", "arrive", "2026-11-20T01:30:00+00:00"),
        ("王工", "diagnose", "2026-11-20T02:30:00+00:00"),
        ("王工", "charge", "2026-11-20T03:00:00+00:00"),
        ("李经理", "approve", "2026-11-20T06:30:00+00:00"),
        ("王工", "resolve", "2026-11-20T07:00:00+00:00"),
        ("tester", "close", "2026-11-23T02:00:00+00:00"),
    ]
    statuses = [e["changes"].get("status") for e in view["timeline"] if "status" in e["changes"]]
    assert statuses == [
        ["new", "assigned"],
        ["assigned", "responded"],
        ["responded", "in_progress"],
        ["in_progress", "resolved"],
        ["resolved", "closed"],
    ]
    # the database afterwards
    row = ticket_row(db_url, n)
    assert (row.status, row.approved_by) == ("closed", "李经理")
    with db.session(db_url) as s:
        survey = s.exec(select(Survey).where(Survey.ticket_id == row.id)).one()
    assert (survey.quality, survey.attitude) == (5, 4)
    with db.session(db_url) as s:
        log = s.exec(
            select(TicketEvent.status)
            .where(TicketEvent.ticket_id == row.id)
            .order_by(col(TicketEvent.id))
        ).all()
        lines = s.exec(
            select(ChargeLine.kind, ChargeLine.amount_cents).order_by(col(ChargeLine.id))
        ).all()
    assert log == [
        "new",
        "assigned",
        "responded",
        "responded",
        "in_progress",
        "in_progress",
        "resolved",
        "closed",
    ]
    assert lines == [("part", 68050), ("part", 24000), ("labor", 45000), ("travel", 20000)]


def test_show_table_explains_urgency(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(
        cli,
        "2026-11-23 09:00",
        "--customer",
        "1",
        "--device",
        "S2",
        "--severity",
        "2",
        "--symptom",
        "噪音",
    )
    out = ok(at(cli, "2026-11-23 10:00", "ticket", "show", n))
    assert "== Urgency ==\n" in out
    assert (
        "Factor                 Points  Detail\n"
        "severity               200     2\n"
        "time to next deadline  202     reply -0.5h\n"
        "escalation             60      1\n"
        "age                    0       0d\n"
    ) in out
    assert "Urgency score          462\n" in out
    assert "== Deadlines ==\n" in out
    assert (
        "Deadline  Due               Done  Missed\n"
        "reply     2026-11-23 09:30        yes\n"
        "on site                           no\n"
        "resolve   2026-11-25 15:00        no\n"
    ) in out
    urgency = show(cli, n)["urgency_parts"]
    assert [(p["factor"], p["points"]) for p in urgency] == [
        ("severity", 200),
        ("deadline", 202),
        ("escalation", 60),
        ("age", 0),
    ]


# --- errors and exit codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--severity", "2", "--symptom", "x"), "customer"),
        (("--customer", "天控", "--symptom", "x"), "severity"),
        (("--device", "S1", "--severity", "2"), "symptom"),
    ],
)
def test_new_missing_field_without_tty(
    _tk_office: CliRun, db_url: str, args: tuple[str, ...], field: str
) -> None:
    before = counts(db_url)
    result = _tk_office("ticket", "new", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: {field} is required — give --{field} (no terminal to ask)\n")
    assert counts(db_url) == before


def test_new_usage_errors(_tk_office: CliRun, db_url: str) -> None:
    cli = _tk_office
    before = counts(db_url)
    base = ("ticket", "new", "--customer", "天控", "--symptom", "x")
    future = cli(*base, "--severity", "2", "--at", "2026-11-23 10:01")
    assert future.exit_code == 2
    assert future.stderr == (
        "error: at '2026-11-23 10:01' is in the future — intake time must be now or earlier\n"
    )
    relative = cli(*base, "--severity", "2", "--at", "+1h")
    assert relative.exit_code == 2 and "is in the future" in relative.stderr
    bad_time = cli(*base, "--severity", "2", "--at", "soon-ish")
    assert bad_time.exit_code == 2
    assert bad_time.stderr.startswith("error: at 'soon-ish' is not a time")
    severity = cli(*base, "--severity", "5")
    assert severity.exit_code == 2
    assert severity.stderr == (
        "error: severity '5' is not allowed — accepted: 1|2|3|critical|major|minor\n"
    )
    channel = cli(*base, "--severity", "2", "--channel", "pigeon")
    assert channel.exit_code == 2 and "'--channel'" in channel.stderr
    assert counts(db_url) == before


def test_new_domain_errors(_tk_office: CliRun, db_url: str) -> None:
    cli = _tk_office
    before = counts(db_url)
    unknown = cli("ticket", "new", "--customer", "nobody", "--severity", "2", "--symptom", "x")
    assert unknown.exit_code == 1
    assert unknown.stderr == "error: no customer 'nobody' — check `shouhou customer list`\n"
    no_device = cli("ticket", "new", "--device", "S9", "--severity", "2", "--symptom", "x")
    assert no_device.exit_code == 1
    assert no_device.stderr == ("error: no device 'S9' — give a device id or serial number\n")
    mismatch = cli(
        "ticket", "new", "--customer", "Beta", "--device", "S1", "--severity", "2", "--symptom", "x"
    )
    assert mismatch.exit_code == 1
    assert mismatch.stderr == (
        "error: device S1 belongs to another customer than Beta — check --device / --customer\n"
    )
    assert counts(db_url) == before


def test_new_creates_customer_when_asked(_tk_office: CliRun, db_url: str) -> None:
    result = _tk_office(
        "ticket",
        "new",
        "--customer",
        "新客户有限公司",
        "--create-customer",
        "--severity",
        "3",
        "--symptom",
        "灯不亮",
        "--phone",
        "13800000000",
    )
    assert ok(result).startswith(
        "Created customer 3: 新客户有限公司\n"
        "Ticket SH2611-0001 received — 3 minor, by phone\n"
        "Customer: 新客户有限公司 (#3)\n"
        "Warranty: no device given — check it when the serial is known\n"
    )
    with db.session(db_url) as s:
        customer = s.get(Customer, 3)
        assert customer is not None and customer.phone == "13800000000"


def test_invalid_transitions_list_allowed_next(_tk_office: CliRun, db_url: str) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    before = counts(db_url)
    close = cli("ticket", "close", n)
    assert close.exit_code == 1
    assert close.stderr == (
        "error: ticket SH2611-0001 is new and cannot become closed — "
        "allowed next: assigned, responded, in progress, cancelled\n"
    )
    zh = cli("--lang", "zh", "ticket", "close", n)
    assert zh.stderr == (
        "错误：工单 SH2611-0001 当前为新建，不能变为已关闭 — "
        "可转为：已派工、已答复、处理中、已取消\n"
    )
    resolve = cli("ticket", "resolve", n, "--action", "a")
    assert resolve.exit_code == 1
    assert "is new and cannot become resolved — allowed next:" in resolve.stderr
    reopen = cli("ticket", "reopen", n, "--reason", "r")
    assert reopen.exit_code == 1
    assert reopen.stderr == (
        "error: ticket SH2611-0001 is new and cannot become reopened — "
        "allowed next: assigned, responded, in progress, cancelled\n"
    )
    assert counts(db_url) == before
    ok(cli("ticket", "cancel", n, "--reason", "误报"))
    again = cli("ticket", "assign", n, "王工")
    assert again.exit_code == 1
    assert again.stderr == (
        "error: ticket SH2611-0001 is cancelled — reopen it first (`shouhou ticket reopen`)\n"
    )
    twice = cli("ticket", "cancel", n, "--reason", "again")
    assert twice.exit_code == 1
    assert twice.stderr == (
        "error: ticket SH2611-0001 is cancelled and cannot become cancelled — allowed next: -\n"
    )


def test_unknown_ticket(_tk_office: CliRun) -> None:
    for args in (
        ("show", "SH2611-0099"),
        ("assign", "SH2611-0099", "王工"),
        ("close", "42"),
        ("sheet", "nope"),
    ):
        result = _tk_office("ticket", *args)
        assert result.exit_code == 1, args
        ref = args[1]
        assert result.stderr == (
            f"error: no ticket '{ref}' — give a number like SH2611-0042 or an id\n"
        )


def test_bad_cause_and_rating(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    cause = cli("ticket", "diagnose", n, "--cause", "gremlins", "--finding", "x")
    assert cause.exit_code == 2
    assert cause.stderr.startswith("error: cause 'gremlins' is not allowed — accepted: design|")
    missing = cli("ticket", "diagnose", n, "--cause", "quality")
    assert missing.exit_code == 2 and "--finding" in missing.stderr
    rating = cli("ticket", "close", n, "--quality", "9")
    assert rating.exit_code == 2 and "'--quality'" in rating.stderr
    bad_mode = cli("ticket", "mode", n, "teleport")
    assert bad_mode.exit_code == 2
    bad_money = cli("ticket", "charge", n, "--travel", "12.345")
    assert bad_money.exit_code == 2
    assert bad_money.stderr == (
        "error: travel '12.345' is not an amount — use a number with at most 2 decimals, "
        "e.g. 120.50\n"
    )
    bad_part = cli("ticket", "charge", n, "--part", "阀片:two")
    assert bad_part.exit_code == 2
    assert bad_part.stderr == (
        "error: part '阀片:two' is not PART_NUMBER:QTY or NAME:QTY:UNIT_PRICE "
        "— e.g. KS-F020:2 or 阀片:2:120.00\n"
    )
    bad_hours = cli("ticket", "charge", n, "--labor-hours", "lots")
    assert bad_hours.exit_code == 2
    assert ticket_row_status(cli, n) == "new"


def ticket_row_status(cli: CliRun, number: str) -> str:
    return str(show(cli, number)["status"])


def test_list_usage_errors(_tk_office: CliRun) -> None:
    bad = _tk_office("ticket", "list", "--status", "open")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "error: status 'open' is not allowed — accepted: new|assigned|responded|in_progress|"
        "resolved|closed|cancelled|all\n"
    )
    sort = _tk_office("ticket", "list", "--sort", "random")
    assert sort.exit_code == 2
    assert sort.stderr == (
        "error: sort 'random' is not allowed — accepted: urgency|number|received|newest\n"
    )


def test_read_commands_need_a_database(tmp_path: Any) -> None:
    from tests.conftest import make_cli

    missing = tmp_path / "none.db"
    run = make_cli(str(missing))
    for args in (("ticket", "list"), ("ticket", "show", "1"), ("ticket", "overdue")):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr == f"error: no database at {missing} — run `shouhou init`\n"
    assert not missing.exists()


# --- deadlines on the working calendar ----------------------------------------------------------


def test_minor_ticket_before_national_day(_tk_office: CliRun) -> None:
    """Thu 2026-09-24 16:00, minor: Fri 25th is Mid-Autumn; 3 working days end Wed 30th 16:00;
    48 working hours would run over the National Day holiday into the make-up Saturday 10-10,
    but the on-site deadline is never after the resolve deadline (DOMAIN §2)."""
    result = at(
        _tk_office,
        "2026-09-24 16:30",
        "ticket",
        "new",
        "--device",
        "S2",
        "--severity",
        "3",
        "--symptom",
        "灯不亮",
        "--at",
        "2026-09-24 16:00",
    )
    lines = ok(result).splitlines()
    assert lines[0] == "Ticket SH2609-0001 received — 3 minor, by phone"
    assert lines[-3:] == [
        "Reply due: 2026-09-24 17:00",
        "On-site due (if a visit is needed): 2026-09-30 16:00",
        "Resolve due: 2026-09-30 16:00",
    ]


def test_major_ticket_in_a_remote_zone(_tk_office: CliRun) -> None:
    result = at(
        _tk_office,
        "2026-11-23 10:00",
        "ticket",
        "new",
        "--device",
        "B1",
        "--severity",
        "2",
        "--symptom",
        "x",
        "--at",
        "2026-11-23 09:30",
    )
    assert ok(result).splitlines()[-2:] == [
        "On-site due (if a visit is needed): 2026-11-25 09:30",  # other provinces: 48 clock h
        "Resolve due: 2026-11-25 15:30",
    ]


def due(cli: CliRun, number: str, milestone: str = "resolve") -> str:
    moment = show(cli, number)[f"{milestone}_due_at"]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return (
        datetime.fromisoformat(moment)
        .astimezone(ZoneInfo("Asia/Shanghai"))
        .strftime("%Y-%m-%d %H:%M")
    )


def test_wait_over_a_weekend_adds_nothing(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-20 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    assert due(cli, n) == "2026-11-25 09:00"
    assert ok(at(cli, "2026-11-20 17:40", "ticket", "wait", n, "--reason", "等客户")) == (
        "SH2611-0001: waiting (等客户) — deadlines paused\n"
    )
    assert ok(at(cli, "2026-11-23 08:20", "ticket", "resume", n)) == (
        "SH2611-0001: resumed — deadlines running again\n"
    )
    assert due(cli, n) == "2026-11-25 09:00"


def test_wait_on_working_time_adds_exactly_the_pause(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-16 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    assert due(cli, n) == "2026-11-19 09:00"
    ok(at(cli, "2026-11-16 10:00", "ticket", "wait", n, "--reason", "等配件"))
    listed = json.loads(
        ok(at(cli, "2026-11-16 11:00", "ticket", "list", "--waiting", "-f", "json"))
    )
    assert [v["number"] for v in listed] == [n]
    assert listed[0]["waiting"] is True and listed[0]["wait_reason"] == "等配件"
    table = ok(at(cli, "2026-11-16 11:00", "ticket", "list", "--waiting"))
    assert "paused" in table.splitlines()[1]
    ok(at(cli, "2026-11-16 12:15", "ticket", "resume", n))
    assert due(cli, n) == "2026-11-19 11:15"  # + 2 h 15 min
    # a second pause counts too: 17:00 Mon → 09:30 Tue is 30 + 60 working minutes
    ok(at(cli, "2026-11-16 17:00", "ticket", "wait", n, "--reason", "等配件"))
    ok(at(cli, "2026-11-17 09:30", "ticket", "resume", n))
    assert due(cli, n) == "2026-11-19 12:45"
    assert (
        json.loads(ok(at(cli, "2026-11-17 10:00", "ticket", "list", "--waiting", "-f", "json")))
        == []
    )


def test_wait_and_resume_with_at(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-16 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    ok(
        at(
            cli,
            "2026-11-16 12:00",
            "ticket",
            "wait",
            n,
            "--reason",
            "r",
            "--at",
            "2026-11-16 10:00",
        )
    )
    early = at(cli, "2026-11-16 12:00", "ticket", "resume", n, "--at", "2026-11-16 09:30")
    assert early.exit_code == 2
    assert early.stderr == (
        "error: at is before ticket SH2611-0001 started waiting — give a later --at\n"
    )
    ok(at(cli, "2026-11-16 12:00", "ticket", "resume", n, "--at", "2026-11-16 11:00"))
    assert due(cli, n) == "2026-11-19 10:00"
    twice = at(cli, "2026-11-16 12:00", "ticket", "resume", n)
    assert twice.exit_code == 1
    assert twice.stderr == "error: ticket SH2611-0001 is not waiting — nothing to resume\n"


def test_deadline_missed_before_pause_stays_missed(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-16 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    ok(at(cli, "2026-11-16 11:00", "ticket", "wait", n, "--reason", "r"))  # reply due 10:00
    ok(at(cli, "2026-11-16 15:00", "ticket", "resume", n))
    ok(at(cli, "2026-11-16 15:05", "ticket", "respond", n))
    view = show(cli, n, now="2026-11-16 15:10")
    assert view["overdue"] == ["reply"]
    assert view["reply_due_at"] == "2026-11-16T02:00:00+00:00"
    assert [m["missed"] for m in view["milestones"]] == [True, False, False]


def test_overdue_list_and_check(_tk_office: CliRun) -> None:
    cli = _tk_office
    empty = cli("ticket", "overdue", "--check")
    assert empty.exit_code == 0
    assert empty.stdout == "Ticket  Sev.  Customer  Engineer  Late by  Escalation\n"
    critical = new(
        cli, "2026-11-23 05:00", "--device", "S2", "--severity", "1", "--symptom", "宕机"
    )
    major = new(cli, "2026-11-23 09:00", "--device", "B1", "--severity", "2", "--symptom", "x")
    ok(cli("ticket", "assign", major, "李工"))
    fine = new(cli, "2026-11-23 09:45", "--device", "S1", "--severity", "3", "--symptom", "y")
    result = cli("ticket", "overdue")
    assert ok(result) == (
        "Ticket       Sev.        Customer              Engineer  Late by                  "
        "Escalation\n"
        f"{critical}  1 critical  {TIANKONG}            4h 50m (reply, resolve)  manager\n"
        f"{major}  2 major     Beta                  李工      30m (reply)              "
        "supervisor\n"
    )
    check = cli("ticket", "overdue", "--check")
    assert check.exit_code == 3
    assert check.stdout == result.stdout
    rows = json.loads(ok(cli("ticket", "overdue", "--format", "json")))
    assert [(r["number"], r["late_minutes"], r["late_milestones"]) for r in rows] == [
        (critical, 290, ["reply", "resolve"]),
        (major, 30, ["reply"]),
    ]
    assert fine not in {r["number"] for r in rows}
    # Bug: the table's display text ("4h 50m (reply, resolve)", in the user's language) leaked
    # into the JSON and CSV shapes as "_late".
    assert not [key for row in rows for key in row if key.startswith("_")]
    header = ok(cli("--lang", "zh", "ticket", "overdue", "--format", "csv")).splitlines()[0]
    assert "_late" not in header.split(",") and "late_minutes" in header.split(",")
    earlier = at(cli, "2026-11-23 05:05", "ticket", "overdue", "--check")
    assert earlier.exit_code == 0


def test_list_filters_and_default_urgency_order(_tk_office: CliRun) -> None:
    cli = _tk_office
    minor = new(cli, "2026-11-23 09:45", "--device", "S2", "--severity", "3", "--symptom", "m")
    major = new(cli, "2026-11-23 09:20", "--device", "B1", "--severity", "2", "--symptom", "j")
    critical = new(cli, "2026-11-23 09:40", "--device", "S2", "--severity", "1", "--symptom", "c")
    closed = new(
        cli,
        "2026-11-20 09:00",
        "--device",
        "S1",
        "--severity",
        "3",
        "--symptom",
        "d",
        "--category",
        "cooling",
    )
    for args in (
        ("diagnose", closed, "--cause", "quality", "--finding", "f"),
        # S1's warranty ended the day before: a paid repair (free would need approval)
        ("charge", closed, "--labor-hours", "1"),
        ("resolve", closed, "--action", "a"),
        ("close", closed),
    ):
        ok(at(cli, "2026-11-20 10:00", "ticket", *args))
    repeat = new(  # a day after the repair of the same fault: a repeat (DOMAIN §1)
        cli,
        "2026-11-21 09:00",
        "--device",
        "S1",
        "--severity",
        "3",
        "--symptom",
        "e",
        "--category",
        "cooling",
    )
    ok(at(cli, "2026-11-23 09:00", "ticket", "respond", repeat))
    ok(cli("ticket", "wait", repeat, "--reason", "等配件"))

    def numbers(*args: str) -> list[str]:
        return [v["number"] for v in json.loads(ok(cli("ticket", "list", *args, "-f", "json")))]

    # critical (reply 10 min, late by 10 min) first, then major late, then minor in time
    assert numbers() == [critical, major, minor, repeat]
    assert numbers("--overdue") == [critical, major]
    assert numbers("--due-today") == [critical, major, minor]
    assert numbers("--waiting") == [repeat]
    assert numbers("--in-warranty") == [critical, minor]
    assert numbers("--out-of-warranty") == [major, repeat]
    assert numbers("--repeat") == [repeat]
    assert numbers("--status", "all", "--sort", "number") == [
        minor,
        major,
        critical,
        closed,
        repeat,
    ]
    assert numbers("--status", "closed") == [closed]
    assert numbers("--severity", "1") == [critical]
    assert numbers("--customer", "2") == [major]
    assert numbers("--since", "2026-11-23", "--sort", "newest") == [minor, critical, major]
    assert numbers("--until", "2026-11-23") == [repeat]
    assert numbers("--limit", "2") == [critical, major]
    table = ok(cli("ticket", "list")).splitlines()
    assert table[0].split() == [
        "Ticket",
        "Sev.",
        "Status",
        "Customer",
        "Device",
        "Engineer",
        "Due",
        "Symptom",
    ]
    assert table[1].startswith(f"{critical}  1 critical  new")
    assert "reply LATE 10m" in table[1]
    assert "reply in 45m" in table[3]


# --- repeats and three strikes ------------------------------------------------------------------


def _repaired(cli: CliRun, number: str, when: str, cause: str = "quality") -> None:
    for args in (
        ("diagnose", number, "--cause", cause, "--finding", "f"),
        ("resolve", number, "--action", "a"),
    ):
        ok(at(cli, when, "ticket", *args))


def test_repeat_repairs_and_three_strikes(_tk_office: CliRun) -> None:
    """DOMAIN §1: repairs of the same fault on S2 resolved 09-01, 10-08, 11-20; the 2nd report
    37 days after a repair is a repeat, the 3rd repair warns, the 4th report replaces."""
    cli = _tk_office
    args = ("ticket", "new", "--device", "S2", "--severity", "3", "--category", "cooling")
    first = at(cli, "2026-09-01 10:00", *args, "--symptom", "不制冷")
    assert ok(first) and first.stderr == ""
    _repaired(cli, "SH2609-0001", "2026-09-01 15:00")
    second = at(cli, "2026-10-08 10:00", *args, "--symptom", "又不制冷")
    assert ok(second)
    assert second.stderr == (
        "warning: repeat repair — same fault as SH2609-0001, resolved 2026-09-01 "
        "(day 37 of the 90-day window)\n"
    )
    _repaired(cli, "SH2610-0001", "2026-10-08 15:00")
    other = at(
        cli,
        "2026-10-09 10:00",
        "ticket",
        "new",
        "--device",
        "S2",
        "--severity",
        "3",
        "--category",
        "noise",
        "--symptom",
        "响",
    )
    assert other.stderr == ""
    third = at(cli, "2026-11-20 10:00", *args, "--symptom", "第三次")
    assert ok(third)
    assert third.stderr == (
        "warning: repeat repair — same fault as SH2610-0001, resolved 2026-10-08 "
        "(day 43 of the 90-day window)\n"
        "warning: 3rd repair of this fault on this device — next failure: replacement (三包)\n"
    )
    _repaired(cli, "SH2611-0001", "2026-11-20 15:00")
    summary = json.loads(ok(at(cli, "2026-11-21 11:00", *args, "--symptom", "四", "-f", "json")))
    assert summary["repeat"] == {
        "previous": "SH2611-0001",
        "previous_resolved_on": "2026-11-20",
        "days_since": 1,
        "window_days": 90,
        "within_window": True,
        "repair_count": 4,
        "replacement_warning": False,
        "replacement_due": True,
    }
    listed = json.loads(
        ok(cli("ticket", "list", "--repeat", "--status", "all", "--sort", "number", "-f", "json"))
    )
    assert [(v["number"], v["repair_count"]) for v in listed] == [
        ("SH2610-0001", 2),
        ("SH2611-0001", 3),
        ("SH2611-0002", 4),
    ]


def test_repeat_in_chinese(_tk_office: CliRun) -> None:
    cli = _tk_office
    args = (
        "--lang",
        "zh",
        "ticket",
        "new",
        "--device",
        "S2",
        "--severity",
        "3",
        "--category",
        "c",
        "--symptom",
        "x",
    )
    for number, day in (("SH2611-0001", "2026-11-02"), ("SH2611-0002", "2026-11-09")):
        ok(at(cli, f"{day} 10:00", *args))
        _repaired(cli, number, f"{day} 15:00")
    third = at(cli, "2026-11-16 10:00", *args)
    assert third.stderr.splitlines() == [
        "警告：重复维修 — 与 SH2611-0002 故障相同，该单于 2026-11-09 解决（相隔 7 天，期限 90 天）",
        "警告：本设备同一故障第 3 次维修 — 再次故障即予更换（三包）",
    ]


def test_diagnose_category_warns_repeat(_tk_office: CliRun) -> None:
    cli = _tk_office
    first = new(
        cli,
        "2026-11-02 10:00",
        "--device",
        "S2",
        "--severity",
        "3",
        "--symptom",
        "x",
        "--category",
        "cooling",
    )
    _repaired(cli, first, "2026-11-02 15:00")
    n = new(cli, "2026-11-20 10:00", "--device", "S2", "--severity", "3", "--symptom", "y")
    result = cli(
        "ticket", "diagnose", n, "--cause", "quality", "--finding", "f", "--category", "cooling"
    )
    assert ok(result) == "SH2611-0002: cause manufacturing/quality — free of charge\n"
    assert result.stderr == (
        "warning: repeat repair — same fault as SH2611-0001, resolved 2026-11-02 "
        "(day 18 of the 90-day window)\n"
    )


# --- money --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device", "cause", "verdict", "pays"),
    [
        ("S2", "quality", "free of charge", "0.00"),
        ("S2", "misuse", "chargeable repair", "350.00"),
        ("B1", "quality", "chargeable repair", "350.00"),
    ],
)
def test_who_pays(_tk_office: CliRun, device: str, cause: str, verdict: str, pays: str) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", device, "--severity", "3", "--symptom", "x")
    assert ok(cli("ticket", "diagnose", n, "--cause", cause, "--finding", "f")).endswith(
        f" — {verdict}\n"
    )
    result = cli("ticket", "charge", n, "--labor-hours", "1", "--travel", "200")
    assert ok(result) == (
        f"{n}: parts 0.00 + labour 150.00 + travel 200.00 = 350.00 CNY; customer pays {pays}\n"
    )
    assert result.stderr == ""
    assert show(cli, n)["charges"]["payable"] == pays


def test_waive_out_of_warranty_needs_approval(_tk_office: CliRun) -> None:
    cli = _tk_office
    staff(cli)
    n = new(cli, "2026-11-23 09:00", "--device", "B1", "--severity", "3", "--symptom", "x")
    ok(cli("ticket", "assign", n, "王工"))
    ok(cli("ticket", "diagnose", n, "--cause", "quality", "--finding", "f"))
    result = cli("ticket", "charge", n, "--travel", "300", "--waive")
    assert ok(result) == (
        f"{n}: parts 0.00 + labour 0.00 + travel 300.00 = 300.00 CNY; customer pays 0.00\n"
    )
    assert result.stderr == (
        f"note: {n} needs approval before it can be resolved (free repair out of warranty)\n"
    )
    refused = cli("ticket", "resolve", n, "--action", "a")
    assert refused.exit_code == 1
    assert "needs approval first (free repair out of warranty)" in refused.stderr
    ok(cli("--as", "总经理", "ticket", "approve", n))
    assert ok(cli("ticket", "resolve", n, "--action", "a")) == f"{n}: resolved\n"


def test_recharge_after_approval_clears_it(_tk_office: CliRun, db_url: str) -> None:
    cli = _tk_office
    staff(cli)
    n = new(cli, "2026-11-23 09:00", "--device", "B1", "--severity", "3", "--symptom", "x")
    ok(cli("ticket", "charge", n, "--part", "压缩机:1:1200"))
    not_needed = new(cli, "2026-11-23 09:00", "--device", "B1", "--severity", "3", "--symptom", "y")
    # out of warranty with no charge at all it would be a free repair: charge under the threshold
    ok(cli("ticket", "charge", not_needed, "--travel", "100"))
    refused = cli("--as", "李经理", "ticket", "approve", not_needed)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: ticket SH2611-0002 needs no approval — the amount is under the threshold "
        "(config approval.threshold)\n"
    )
    ok(cli("--as", "李经理", "ticket", "approve", n))
    assert ticket_row(db_url, n).approved_by == "李经理"
    result = cli("ticket", "charge", n, "--part", "压缩机:1:1300")
    assert result.stderr == (
        f"note: {n} needs approval before it can be resolved (total 1300.00 > 1000.00)\n"
    )
    assert ticket_row(db_url, n).approved_by is None
    assert cli("ticket", "resolve", n, "--action", "a").exit_code == 1
    charge = show(cli, n)["timeline"][-1]
    assert charge["action"] == "charge"
    assert charge["changes"] == {"total": ["1200.00", "1300.00"], "approval_cleared": "李经理"}


def test_custom_rate_and_threshold(_tk_office: CliRun) -> None:
    cli = _tk_office
    ok(cli("config", "set", "approval.threshold", "100"))
    n = new(cli, "2026-11-23 09:00", "--device", "B1", "--severity", "3", "--symptom", "x")
    result = cli("ticket", "charge", n, "--labor-hours", "1.5", "--rate", "99.99")
    assert ok(result) == (
        f"{n}: parts 0.00 + labour 149.99 + travel 0.00 = 149.99 CNY; customer pays 149.99\n"
    )
    assert "(total 149.99 > 100.00)" in result.stderr


# --- loans, returns, documents ------------------------------------------------------------------


def test_loan_listed_while_out(_tk_office: CliRun, db_url: str) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", "S1", "--severity", "1", "--symptom", "宕机")
    assert ok(cli("ticket", "loan", n, "--unit", "SPARE-07")) == f"{n}: spare unit SPARE-07 lent\n"
    busy = cli("ticket", "loan", n, "--unit", "SPARE-07")
    assert busy.exit_code == 1
    assert busy.stderr == "error: spare unit SPARE-07 is already out on loan — return it first\n"
    view = show(cli, n)
    assert [(x["ticket"], x["unit_serial"], x["returned_at"]) for x in view["loans"]] == [
        (n, "SPARE-07", None)
    ]
    table = ok(cli("ticket", "show", n))
    assert "== Spare units out ==\nTicket       Serial    Lent              Returned\n" in table
    assert f"{n}  SPARE-07  2026-11-23 10:00\n" in table
    customer = json.loads(ok(cli("customer", "show", "1", "--format", "json")))
    assert [(x["ticket"], x["unit_serial"]) for x in customer["loans_out"]] == [(n, "SPARE-07")]
    assert "SPARE-07" in ok(cli("customer", "show", "1"))
    back = at(cli, "2026-11-24 09:00", "ticket", "loan-return", n)
    assert ok(back) == f"{n}: spare unit(s) back: SPARE-07\n"
    assert json.loads(ok(cli("customer", "show", "1", "-f", "json")))["loans_out"] == []
    assert show(cli, n)["loans"][0]["returned_at"] == "2026-11-24T01:00:00+00:00"
    none_out = cli("ticket", "loan-return", n)
    assert none_out.exit_code == 1
    assert none_out.stderr == f"error: ticket {n} has no spare unit out — nothing to return\n"
    with db.session(db_url) as s:
        assert s.exec(select(func.count()).select_from(Loan)).one() == 1


def test_exchange_registers_replacement(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-19 16:00", "--device", "S1", "--severity", "2", "--symptom", "x")
    ok(cli("ticket", "diagnose", n, "--cause", "quality", "--finding", "主机故障"))
    result = cli(
        "ticket",
        "return",
        n,
        "--kind",
        "exchange",
        "--reason",
        "三包",
        "--condition",
        "完好",
        "--opinion",
        "同意换货",
        "--replacement",
        "S1-R",
    )
    assert ok(result) == f"{n}: exchange recorded — faulty S1, replacement S1-R\n"
    old = json.loads(ok(cli("device", "show", "S1", "--format", "json")))
    replacement = json.loads(ok(cli("device", "show", "S1-R", "--format", "json")))
    assert replacement["customer_id"] == old["customer_id"] == 1
    assert replacement["model"] == "KS-200"
    assert replacement["accepted_on"] == old["accepted_on"] == "2024-11-20"
    assert [(w["component"], w["until"]) for w in replacement["warranty"]] == [
        ("unit", "2026-11-19"),
        ("motor", "2034-11-19"),
    ]
    assert show(cli, n)["returns"] == [
        {
            "kind": "exchange",
            "reason": "三包",
            "condition": "完好",
            "opinion": "同意换货",
            "faulty_serial": "S1",
            "replacement_serial": "S1-R",
            "created_at": "2026-11-23T02:00:00+00:00",
            "created_by": "tester",
        }
    ]


def test_return_refused_for_misuse(_tk_office: CliRun, db_url: str) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    ok(cli("ticket", "diagnose", n, "--cause", "misuse", "--finding", "摔坏"))
    before = counts(db_url)
    result = cli(
        "ticket",
        "return",
        n,
        "--kind",
        "exchange",
        "--reason",
        "r",
        "--condition",
        "c",
        "--opinion",
        "o",
        "--replacement",
        "S2-R",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: ticket {n} was caused by misuse — human damage is excluded from returns and "
        "exchanges\n"
    )
    assert counts(db_url) == before
    slip = cli("ticket", "slip", n)
    assert slip.exit_code == 1
    assert slip.stderr == (
        f"error: ticket {n} has no return or exchange — record one with `shouhou ticket return`\n"
    )


@pytest.fixture
def _tk_documented(_tk_office: CliRun) -> tuple[CliRun, str]:
    """A closed, charged ticket with an exchange: both documents have something to print."""
    cli = _tk_office
    n = new(
        cli,
        "2026-11-19 16:00",
        "--device",
        "S1",
        "--severity",
        "2",
        "--symptom",
        "<script>alert(1)</script> 不制冷",
        "--category",
        "cooling",
    )
    for args in (
        ("assign", n, "王工"),
        ("arrive", n),
        ("diagnose", n, "--cause", "quality", "--finding", "阀片断裂"),
        ("charge", n, "--labor-hours", "2", "--part", "阀片:2:120"),
        (
            "return",
            n,
            "--kind",
            "exchange",
            "--reason",
            "三包",
            "--condition",
            "完好",
            "--opinion",
            "同意换货",
            "--replacement",
            "S1-R",
        ),
        ("resolve", n, "--action", "更换整机"),
        ("close", n, "--quality", "5", "--attitude", "5"),
    ):
        ok(at(cli, "2026-11-20 10:00", "ticket", *args))
    return cli, n


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
@pytest.mark.parametrize("document", ["sheet", "slip"])
def test_documents_render(
    _tk_documented: tuple[CliRun, str], document: str, fmt: str, lang: str
) -> None:
    cli, n = _tk_documented
    result = cli("--lang", lang, "ticket", document, n, "--format", fmt)
    out = ok(result)
    assert n in out
    assert "S1-R" in out if document == "slip" else "阀片" in out
    if fmt == "json":
        data = json.loads(out)
        assert data["lang"] == lang
        if document == "sheet":
            assert data["charges"]["total"] == "540.00"
            assert data["ticket"]["cause_label"] == (
                "manufacturing/quality" if lang == "en" else "制造质量"
            )
        else:
            assert data["record"]["kind_label"] == ("exchange" if lang == "en" else "换货")
    if fmt == "html":
        assert "<script>alert(1)</script>" not in out
        if document == "sheet":
            assert "&lt;script&gt;" in out
    if lang == "zh" and fmt != "json":
        assert ("售后服务报告单" if document == "sheet" else "换货单") in out


def test_document_to_file(_tk_documented: tuple[CliRun, str], tmp_path: Any) -> None:
    cli, n = _tk_documented
    target = tmp_path / "sheet.html"
    result = cli("ticket", "sheet", n, "--format", "html", "--output", str(target))
    assert ok(result) == f"Written: {target}\n"
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    pdf = cli("ticket", "sheet", n, "--format", "pdf")
    assert pdf.exit_code == 2
    assert pdf.stderr == "error: --format pdf writes a binary file — give --output FILE\n"


def test_escalate(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    assert ok(cli("ticket", "escalate", n)) == f"{n}: escalated to supervisor (supervisor)\n"
    assert ok(cli("ticket", "escalate", n, "--to", "李经理")) == (
        f"{n}: escalated to 李经理 (manager)\n"
    )
    third = cli("ticket", "escalate", n)
    assert third.exit_code == 1
    assert third.stderr == (
        f"error: ticket {n} is already escalated to the manager — the highest level\n"
    )
    view = show(cli, n)
    assert (view["escalation_level"], view["escalated_to"]) == (2, "李经理")


def test_reopen_after_callback(_tk_office: CliRun) -> None:
    cli = _tk_office
    n = new(cli, "2026-11-16 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    ok(at(cli, "2026-11-16 09:30", "ticket", "respond", n))
    ok(at(cli, "2026-11-16 10:00", "ticket", "diagnose", n, "--cause", "quality", "--finding", "f"))
    ok(at(cli, "2026-11-20 10:00", "ticket", "resolve", n, "--action", "a"))  # 3 wd: late
    ok(at(cli, "2026-11-21 10:00", "ticket", "close", n))
    assert ok(
        at(cli, "2026-11-23 09:00", "ticket", "reopen", n, "--reason", "回访发现故障复现")
    ) == (f"{n}: reopened (in progress)\n")
    view = show(cli, n)
    assert (view["status"], view["resolved_at"], view["closed_at"]) == ("in_progress", None, None)
    assert view["overdue"] == ["resolve"]  # the miss stays a miss


def test_chinese_messages(_tk_office: CliRun) -> None:
    cli = _tk_office
    result = cli(
        "--lang", "zh", "ticket", "new", "--device", "S2", "--severity", "2", "--symptom", "x"
    )
    assert ok(result).splitlines()[0] == "已受理工单 SH2611-0001 — 2 主要，来源：电话"
    bad = cli("--lang", "zh", "ticket", "close", "SH2611-0001")
    assert bad.exit_code == 1
    assert bad.stderr == (
        "错误：工单 SH2611-0001 当前为新建，不能变为已关闭 — "
        "可转为：已派工、已答复、处理中、已取消\n"
    )


def test_customer_lookup_and_paper_form_number(_tk_office: CliRun) -> None:
    cli = _tk_office
    ok(cli("customer", "add", "天控二厂"))
    ambiguous = cli("ticket", "new", "--customer", "天控", "--severity", "3", "--symptom", "x")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr == (
        "error: '天控' matches several customers (1 天津天控科技有限公司 (022-12345678); "
        "3 天控二厂) — give the id or the phone\n"
    )
    by_phone = new(
        cli,
        "2026-11-23 09:00",
        "--phone",
        "022-12345678",
        "--severity",
        "3",
        "--symptom",
        "x",
        "--external",
        "P-2026-117",
    )
    assert show(cli, "P-2026-117")["number"] == by_phone
    assert show(cli, "1")["number"] == by_phone
    assert show(cli, by_phone.lower())["customer_id"] == 1
    again = cli(
        "ticket",
        "new",
        "--customer",
        "1",
        "--severity",
        "3",
        "--symptom",
        "x",
        "--external",
        "P-2026-117",
    )
    assert again.exit_code == 1
    assert again.stderr == (
        "error: paper form P-2026-117 is already entered — see `shouhou ticket show P-2026-117`\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("respond", "SH2611-0001"),
        ("arrive", "SH2611-0001"),
        ("wait", "SH2611-0001", "--reason", "r"),
        ("resolve", "SH2611-0001", "--action", "a"),
    ],
)
def test_events_in_the_future_are_refused(
    _tk_office: CliRun, db_url: str, args: tuple[str, ...]
) -> None:
    """Bug: only ``ticket new --at`` refused a future time; ``arrive --at +2h`` recorded an
    arrival that had not happened and stopped the on-site clock early."""
    cli = _tk_office
    n = new(cli, "2026-11-23 09:00", "--device", "S2", "--severity", "3", "--symptom", "x")
    ok(cli("ticket", "diagnose", n, "--cause", "quality", "--finding", "f"))
    before = counts(db_url)
    result = cli("ticket", *args, "--at", "+2h")
    assert result.exit_code == 2
    assert result.stderr == ("error: at '+2h' is in the future — record it once it has happened\n")
    assert counts(db_url) == before
