"""The independent audit's scenarios (issue 9), through the CLI: per-component warranty at the
fault date, tampered serials, three strikes 三包 and repeats, the on-site and return-to-factory
deadlines (DOMAIN §1–§2). Every expectation is computed by hand in the docstring.

Calendar: working hours 08:30–17:30 (9 h); 2026 statutory holidays (Mid-Autumn 09-25..27,
National Day 10-01..10-07, make-up working Saturday 10-10); firm zone Asia/Shanghai (no DST).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CliRun


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def at(cli: CliRun, now: str, *args: str) -> Any:
    """``shouhou *args`` with the clock pinned at ``now`` (Shanghai wall time)."""
    return cli(*args, env={"SHOUHOU_NOW": now})


def new(cli: CliRun, now: str, device: str, *args: str, severity: str = "3") -> dict[str, Any]:
    """``ticket new`` at ``now``; the intake summary (JSON)."""
    result = at(
        cli,
        now,
        "ticket",
        "new",
        "--device",
        device,
        "--severity",
        severity,
        "--symptom",
        "故障",
        "--format",
        "json",
        *args,
    )
    summary: dict[str, Any] = json.loads(ok(result))
    return summary


def report(cli: CliRun, now: str, device: str = "R1", *args: str) -> tuple[str, str]:
    """``ticket new`` at ``now`` as the clerk sees it (category cooling): number and warnings."""
    result = at(
        cli,
        now,
        *args,
        "ticket",
        "new",
        "--device",
        device,
        "--severity",
        "3",
        "--symptom",
        "故障",
        "--category",
        "cooling",
    )
    first = ok(result).splitlines()[0]  # "Ticket SH2611-0004 received — …" / "已受理工单 …"
    number = next(word for word in first.split() if word.startswith("SH"))
    return number, str(result.stderr)


def show(cli: CliRun, number: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(cli("ticket", "show", number, "--format", "json")))
    return data


def repaired(cli: CliRun, day: str, device: str = "R1", cause: str = "quality") -> str:
    """Reported at ``day`` 10:00 (fault category cooling), diagnosed, resolved at 15:00."""
    number = str(new(cli, f"{day} 10:00", device, "--category", "cooling")["number"])
    ok(at(cli, f"{day} 15:00", "ticket", "diagnose", number, "--cause", cause, "--finding", "f"))
    ok(at(cli, f"{day} 15:00", "ticket", "resolve", number, "--action", "修复"))
    return number


def local(moment: str) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return (
        datetime.fromisoformat(moment)
        .astimezone(ZoneInfo("Asia/Shanghai"))
        .strftime("%Y-%m-%d %H:%M")
    )


@pytest.fixture
def office(cli: CliRun) -> CliRun:
    """天控 (#1, local) with M1 (accepted 2024-06-01: unit 24 months → 2026-05-31, motor 120 →
    2034-05-31, piping 12 → 2025-05-31), P9 (accepted 2026-01-20: unit → 2028-01-19, piping 9
    months → 2026-10-19), S1 (accepted 2024-11-20: unit → 2026-11-19) and R1 (accepted
    2026-01-01, unit → 2027-12-31); Beta (#2, remote zone) with B1 (accepted 2026-01-01)."""
    ok(at(cli, "2024-01-01 09:00", "customer", "add", "天控", "--phone", "022-1"))
    ok(at(cli, "2024-01-01 09:00", "customer", "add", "Beta", "--zone", "remote"))
    for customer, serial, accepted, components in (
        ("1", "M1", "2024-06-01", ("motor:120", "piping:12")),
        ("1", "P9", "2026-01-20", ("piping:9",)),
        ("1", "S1", "2024-11-20", ()),
        ("1", "R1", "2026-01-01", ()),
        ("2", "B1", "2026-01-01", ()),
    ):
        extra = [arg for c in components for arg in ("--component", c)]
        ok(
            at(
                cli,
                "2024-01-01 09:00",
                "device",
                "add",
                "--customer",
                customer,
                "--model",
                "KS-200",
                "--serial",
                serial,
                "--accepted",
                accepted,
                *extra,
            )
        )
    return cli


# --- 1. per-component warranty at the fault date --------------------------------------------


def test_motor_at_month_30_is_free(office: CliRun) -> None:
    """DOMAIN §1: M1 accepted 2024-06-01; 2026-11-23 is in month 30. The unit's 24 months ended
    2026-05-31, the motor's 120 months run to 2034-05-31 → a motor fault is repaired free."""
    result = at(
        office,
        "2026-11-23 10:00",
        "ticket",
        "new",
        "--device",
        "M1",
        "--severity",
        "3",
        "--symptom",
        "电机异响",
        "--component",
        "motor",
    )
    lines = ok(result).splitlines()
    assert lines[3] == (
        "  Warranty verdict — motor (120 months), fault date 2026-11-23: "
        "in warranty until 2034-05-31 — free for a manufacturing fault"
    )
    assert "  Warranty whole unit (24 months): expired on 2026-05-31" in lines
    diagnosed = at(
        office,
        "2026-11-23 11:00",
        "ticket",
        "diagnose",
        "SH2611-0001",
        "--cause",
        "quality",
        "--finding",
        "轴承损坏",
    )
    assert ok(diagnosed) == (
        "SH2611-0001: cause manufacturing/quality — free of charge\n"
        "  Warranty (motor): in warranty\n"
    )
    view = show(office, "SH2611-0001")
    assert (view["component"], view["fault_date"], view["in_warranty"], view["chargeable"]) == (
        "motor",
        "2026-11-23",
        True,
        False,
    )
    table = ok(office("ticket", "show", "SH2611-0001")).splitlines()
    assert "Faulty component       motor" in table
    assert "Fault date             2026-11-23" in table
    unit = new(office, "2026-11-23 10:30", "M1")  # the same day, the whole unit: expired
    assert (unit["component"], unit["in_warranty"], unit["warranty_state"]) == (
        "unit",
        False,
        "expired",
    )


def test_piping_at_month_10_is_charged_though_the_unit_is_in_warranty(office: CliRun) -> None:
    """DOMAIN §1: P9 accepted 2026-01-20, piping term 9 months → last day 2026-10-19; a piping
    fault on 2026-11-10 (month 10) is charged while the unit runs to 2028-01-19. Likewise M1's
    piping (12 months, ended 2025-05-31) at 2025-07-01, month 14 of the unit's 24."""
    summary = new(office, "2026-11-10 10:00", "P9", "--component", "piping")
    assert summary["verdict"] == {
        "start": "2026-01-20",
        "component": "piping",
        "months": 9,
        "until": "2026-10-19",
        "on": "2026-11-10",
        "state": "expired",
        "covered": False,
        "contract_until": None,
    }
    assert summary["in_warranty"] is False
    assert [line["in_warranty"] for line in summary["warranty"]] == [True, False]
    diagnosed = at(
        office,
        "2026-11-10 11:00",
        "ticket",
        "diagnose",
        summary["number"],
        "--cause",
        "quality",
        "--finding",
        "管路渗漏",
    )
    assert ok(diagnosed).splitlines() == [
        f"{summary['number']}: cause manufacturing/quality — chargeable repair",
        "  Warranty (piping): expired",
    ]
    sheet = ok(office("ticket", "sheet", summary["number"], "--format", "md"))
    assert "Out of warranty · piping" in sheet
    text = ok(
        at(
            office,
            "2025-07-01 10:00",
            "ticket",
            "new",
            "--device",
            "M1",
            "--severity",
            "3",
            "--symptom",
            "漏水",
            "--component",
            "piping",
        )
    )
    assert (
        "  Warranty verdict — piping (12 months), fault date 2025-07-01: "
        "warranty ended 2025-05-31 — chargeable"
    ) in text.splitlines()
    assert "  Warranty whole unit (24 months): in warranty until 2026-05-31" in text.splitlines()


def test_fault_date_before_intake_crossing_the_warranty_end(office: CliRun) -> None:
    """DOMAIN §1: S1's last covered day is 2026-11-19. Taken 2026-11-23 10:00 for a fault of
    11-18 → in warranty; without --fault-date (fault = intake day 11-23) → expired. Deadlines
    count from the intake: minor reply 1 h → 11:00 either way."""
    before = new(office, "2026-11-23 10:00", "S1", "--fault-date", "2026-11-18")
    assert (before["fault_date"], before["in_warranty"], before["warranty_state"]) == (
        "2026-11-18",
        True,
        "in_warranty",
    )
    assert local(before["reply_due_at"]) == "2026-11-23 11:00"
    today = new(office, "2026-11-23 10:00", "S1")
    assert (today["fault_date"], today["in_warranty"]) == ("2026-11-23", False)
    assert local(today["reply_due_at"]) == "2026-11-23 11:00"
    view = show(office, before["number"])
    assert (view["fault_date"], view["in_warranty"]) == ("2026-11-18", True)


def test_bad_component_and_fault_date_are_refused_writing_nothing(office: CliRun) -> None:
    """Exit 2 with one line naming the field and what is accepted; no ticket is created."""
    args = ("ticket", "new", "--device", "M1", "--severity", "3", "--symptom", "x")
    pump = at(office, "2026-11-23 10:00", *args, "--component", "pump")
    assert pump.exit_code == 2
    assert pump.stderr == "error: component 'pump' is not allowed — accepted: unit|motor|piping\n"
    future = at(office, "2026-11-23 10:00", *args, "--fault-date", "2026-11-24")
    assert future.exit_code == 2
    assert future.stderr == (
        "error: fault-date 2026-11-24 is after the request came in (2026-11-23) — give the day "
        "the fault occurred, at the latest the intake day\n"
    )
    garbled = at(office, "2026-11-23 10:00", *args, "--fault-date", "soon")
    assert garbled.exit_code == 2
    assert garbled.stderr == "error: fault-date 'soon' is not a date — use YYYY-MM-DD\n"
    assert json.loads(ok(office("ticket", "list", "--status", "all", "-f", "json"))) == []


# --- 5. tampered serial and the excluded causes ---------------------------------------------


def test_tampered_serial_voids_warranty(office: CliRun) -> None:
    """DOMAIN §1: R1 is in warranty to 2027-12-31; recorded as tampered, its verdict is void
    and says why; an open ticket judged again at diagnosis becomes chargeable."""
    opened = new(office, "2026-11-23 09:00", "R1")
    assert opened["in_warranty"] is True
    edited = at(office, "2026-11-23 09:30", "device", "edit", "R1", "--serial-tampered", "yes")
    assert ok(edited) == (
        "Device R1 updated\nDevice R1: serial number recorded as tampered/removed — warranty void\n"
    )
    device = json.loads(ok(office("device", "show", "R1", "--format", "json")))
    assert (device["serial_tampered"], device["warranty_state"]) == (True, "void")
    text = ok(
        at(
            office,
            "2026-11-23 10:00",
            "ticket",
            "new",
            "--device",
            "R1",
            "--severity",
            "3",
            "--symptom",
            "x",
        )
    )
    assert (
        "  Warranty verdict — whole unit (24 months), fault date 2026-11-23: "
        "warranty void — the serial number was tampered with or removed; chargeable"
    ) in text.splitlines()
    assert "  Warranty whole unit (24 months): void: serial number tampered" in text.splitlines()
    diagnosed = at(
        office,
        "2026-11-23 11:00",
        "ticket",
        "diagnose",
        opened["number"],
        "--cause",
        "quality",
        "--finding",
        "f",
    )
    assert ok(diagnosed).splitlines() == [
        f"{opened['number']}: cause manufacturing/quality — chargeable repair",
        "  Warranty (whole unit): warranty void — the serial number was tampered with or "
        "removed; chargeable",
    ]
    assert show(office, opened["number"])["warranty_state"] == "void"
    bad = at(office, "2026-11-23 12:00", "device", "edit", "R1", "--serial-tampered", "maybe")
    assert bad.exit_code == 2
    assert bad.stderr == "error: serial-tampered 'maybe' is not allowed — accepted: yes|no\n"


@pytest.mark.parametrize(
    ("cause", "english", "chinese"),
    [
        ("unauthorised-repair", "unauthorised repair or disassembly", "私自拆修"),
        ("site-not-to-spec", "site environment not to spec", "现场环境不符合要求"),
    ],
)
def test_unauthorised_repair_and_site_not_to_spec_are_charged_in_warranty(
    office: CliRun, cause: str, english: str, chinese: str
) -> None:
    """DOMAIN §1: excluded even within warranty (R1 is covered to 2027-12-31)."""
    number = new(office, "2026-11-23 10:00", "R1")["number"]
    args = ("ticket", "diagnose", number, "--cause", cause, "--finding", "f")
    assert ok(at(office, "2026-11-23 11:00", *args)) == (
        f"{number}: cause {english} — chargeable repair\n"
    )
    zh = ok(at(office, "2026-11-23 11:05", "--lang", "zh", *args))
    assert zh == f"{number}：故障原因 {chinese} — 收费维修\n"


# --- 3. three strikes 三包 and repeats ------------------------------------------------------


def test_misuse_repairs_are_not_counted_towards_three_strikes(office: CliRun) -> None:
    """DOMAIN §1: three repairs of R1's cooling fault caused by misuse, wear and force majeure
    are not the firm's: the 4th report is only its first firm repair — a repeat (resolved the
    day before), but no three-strikes warning."""
    for day, cause in (
        ("2026-11-16", "misuse"),
        ("2026-11-17", "wear"),
        ("2026-11-18", "force-majeure"),
    ):
        repaired(office, day, cause=cause)
    number, warnings = report(office, "2026-11-19 10:00")
    assert warnings == (
        "warning: repeat repair — same fault as SH2611-0003, resolved 2026-11-18 "
        "(day 1 of the 90-day window)\n"
    )
    assert show(office, number)["repair_count"] == 1
    fifth = new(office, "2026-11-19 10:30", "R1", "--category", "cooling")
    assert fifth["repeat"]["repair_count"] == 1
    assert not fifth["repeat"]["replacement_warning"]
    assert not fifth["repeat"]["replacement_due"]


def test_cancelled_tickets_are_not_counted_towards_three_strikes(office: CliRun) -> None:
    """Two quality repairs plus two cancelled reports (误报): the 5th report is the 3rd repair
    (warning), not the 4th (replacement)."""
    repaired(office, "2026-11-02")
    repaired(office, "2026-11-03")
    for day in ("2026-11-04", "2026-11-05"):
        number = new(office, f"{day} 10:00", "R1", "--category", "cooling")["number"]
        ok(at(office, f"{day} 11:00", "ticket", "cancel", number, "--reason", "误报"))
    number, warnings = report(office, "2026-11-06 10:00")
    assert warnings.splitlines()[-1] == (
        "warning: 3rd repair of this fault on this device — next failure: replacement (三包)"
    )
    assert show(office, number)["repair_count"] == 3


def test_third_repair_warns_next_failure_replacement(office: CliRun) -> None:
    """DOMAIN §1: after two firm repairs (11-02 design, 11-09 installation) the 3rd report of
    the fault warns at intake and again when diagnosed with a firm cause, in both languages."""
    repaired(office, "2026-11-02", cause="design")
    repaired(office, "2026-11-09", cause="installation")
    _, warnings = report(office, "2026-11-16 10:00", "R1", "--lang", "zh")
    assert warnings.splitlines() == [
        "警告：重复维修 — 与 SH2611-0002 故障相同，该单于 2026-11-09 解决（相隔 7 天，期限 90 天）",
        "警告：本设备同一故障第 3 次维修 — 再次故障即予更换（三包）",
    ]
    diagnosed = at(
        office,
        "2026-11-16 11:00",
        "ticket",
        "diagnose",
        "SH2611-0003",
        "--cause",
        "supplier-part",
        "--finding",
        "f",
    )
    assert ok(diagnosed) == "SH2611-0003: cause supplier part — free of charge\n"
    assert diagnosed.stderr.splitlines()[-1] == (
        "warning: 3rd repair of this fault on this device — next failure: replacement (三包)"
    )


def test_fourth_report_makes_replacement_due(office: CliRun) -> None:
    """DOMAIN §1: repaired 3 times (11-02, 11-09, 11-16) and failing again on 11-20: the 4th
    report makes replacement with the same brand/model due."""
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        repaired(office, day)
    fourth = new(office, "2026-11-20 10:00", "R1", "--category", "cooling")
    assert fourth["repeat"] == {
        "previous": "SH2611-0003",
        "previous_resolved_on": "2026-11-16",
        "days_since": 4,
        "window_days": 90,
        "within_window": True,
        "repair_count": 4,
        "replacement_warning": False,
        "replacement_due": True,
    }
    assert show(office, fourth["number"])["repair_count"] == 4
    _, warnings = report(office, "2026-11-20 10:30")
    assert warnings.splitlines()[-1] == (
        "warning: 4th report of this fault after 3 repairs — replacement due with the same "
        "brand/model (三包)"
    )


def test_repeat_at_89_days_but_not_at_91(office: CliRun) -> None:
    """DOMAIN §1: repaired 2026-03-02 (Shanghai, no DST). 03-02 → 04-02 = 31 days, → 05-02 =
    61, → 05-30 = 89: a repeat; → 06-01 = 91: not a repeat (the window is 90 calendar days)."""
    repaired(office, "2026-03-02")
    at89, warnings = report(office, "2026-05-30 10:00")
    assert warnings == (
        "warning: repeat repair — same fault as SH2603-0001, resolved 2026-03-02 "
        "(day 89 of the 90-day window)\n"
    )
    at91, silent = report(office, "2026-06-01 10:00")
    assert silent == ""
    assert show(office, at89)["repeat_of_id"] == 1
    assert show(office, at91)["repeat_of_id"] is None
    json91 = new(office, "2026-06-01 10:30", "R1", "--category", "cooling")
    assert (json91["repeat"]["days_since"], json91["repeat"]["within_window"]) == (91, False)


def test_repeat_counts_shanghai_dates_across_midnight_utc(office: CliRun) -> None:
    """Resolved 2026-03-02 07:30 Shanghai = 03-01 23:30 UTC; reported 2026-05-31 09:00 Shanghai
    = 05-31 01:00 UTC. Local dates: 03-02 → 05-31 = 90 days → a repeat (UTC dates give 91, and
    90 × 24 h from the fix ended 05-31 07:30, before the report)."""
    number = new(office, "2026-03-01 18:00", "R1", "--category", "cooling")["number"]
    for args in (
        ("diagnose", number, "--cause", "quality", "--finding", "f"),
        ("resolve", number, "--action", "修复"),
    ):
        ok(at(office, "2026-03-02 07:30", "ticket", *args))
    resolved = show(office, number)["resolved_at"]
    assert resolved.startswith("2026-03-01T23:30")  # JSON is UTC: the day before
    report = new(office, "2026-05-31 09:00", "R1", "--category", "cooling")
    assert report["received_at"].startswith("2026-05-31T01:00")
    assert report["repeat"]["previous_resolved_on"] == "2026-03-02"
    assert (report["repeat"]["days_since"], report["repeat"]["within_window"]) == (90, True)


# --- 4. on-site and return-to-factory deadlines -------------------------------------------


def test_remote_major_onsite_computed_by_hand(office: CliRun) -> None:
    """DOMAIN §2, Beta is remote. Major received Fri 2026-11-20 16:00:
    severity on site 12 working h: Fri 1.5 + Mon 9 + Tue 1.5 → Tue 11-24 10:00;
    zone travel 48 clock h → Sun 11-22 16:00; later of the two → Tue 10:00;
    resolve 24 working h: Fri 1.5 + Mon 9 + Tue 9 + Wed 4.5 → Wed 11-25 13:00;
    on site = min(max(Tue 10:00, Sun 16:00), Wed 13:00) = Tue 11-24 10:00.
    With zone.remote = 72 h, received Mon 11-23 09:30: travel → Thu 11-26 09:30, 12 wh → Tue
    12:30, resolve 24 wh: Mon 8 + Tue 9 + Wed 7 → Wed 11-25 15:30 → on site capped at Wed 15:30.
    """
    lines = ok(
        at(
            office,
            "2026-11-20 16:00",
            "ticket",
            "new",
            "--device",
            "B1",
            "--severity",
            "2",
            "--symptom",
            "x",
        )
    ).splitlines()
    assert lines[-2:] == [
        "On-site due (if a visit is needed): 2026-11-24 10:00",
        "Resolve due: 2026-11-25 13:00",
    ]
    ok(at(office, "2026-11-20 16:10", "ticket", "mode", "SH2611-0001", "onsite"))
    view = show(office, "SH2611-0001")
    assert local(view["onsite_due_at"]) == "2026-11-24 10:00"
    ok(office("config", "set", "zone.remote", "72h"))
    capped = new(office, "2026-11-23 09:30", "B1", severity="2")
    assert local(capped["onsite_due_at"]) == local(capped["resolve_due_at"]) == "2026-11-25 15:30"


def test_local_critical_onsite(office: CliRun) -> None:
    """DOMAIN §2: critical runs 24×7. Local, Sat 2026-11-21 22:00: reply 10 min → 22:10; on
    site max(2 h, local travel 2 h) → Sun 00:00; resolve 4 h → Sun 02:00."""
    summary = new(office, "2026-11-21 22:00", "R1", severity="1")
    assert [local(summary[f"{m}_due_at"]) for m in ("reply", "onsite", "resolve")] == [
        "2026-11-21 22:10",
        "2026-11-22 00:00",
        "2026-11-22 02:00",
    ]


def test_depot_repair_due_in_5_working_days_over_a_holiday(office: CliRun) -> None:
    """DOMAIN §2: 返厂 ≤ 5 working days, counted from intake. Major received Tue 2026-09-29
    10:00 (resolve 24 wh: Tue 7.5 + Wed 9 + [10-01..07 National Day] Thu 10-08 7.5 → 16:00).
    Return to factory: 45 working hours — Tue 7.5, Wed 9, Thu 10-08 9, Fri 10-09 9, make-up
    Sat 10-10 9 (= 43.5), Mon 10-12 1.5 → Mon 2026-10-12 10:00."""
    summary = new(office, "2026-09-29 10:00", "R1", severity="2")
    assert local(summary["resolve_due_at"]) == "2026-10-08 16:00"
    result = at(office, "2026-09-29 10:30", "ticket", "mode", summary["number"], "depot")
    assert ok(result) == (
        f"{summary['number']}: support mode return to factory\n"
        "Return to factory: repair due 2026-10-12 10:00 (5 working days from intake)\n"
    )
    view = show(office, summary["number"])
    assert (view["mode"], local(view["resolve_due_at"])) == ("depot", "2026-10-12 10:00")
    assert view["onsite_due_at"] is None
