"""``shouhou survey``: record (scores asked on a terminal, required otherwise), list, show,
pending, stats and campaign; ``ticket close --quality --attitude`` recording a survey; a low
score's callback in ``shouhou today`` (issue 13 items 3–6).

The clock is Monday 2026-11-23 10:00 Asia/Shanghai. The office: 天控 (key customer) with S1
(compressor); ticket SH2611-0001 received Friday 11-20 09:00, fixed by 王工 at 15:00.
"""

from __future__ import annotations

import json

import pytest
from sqlmodel import col, select

from shouhou import db
from shouhou.models import Survey, Visit
from tests.conftest import CliRun


def ok(result: object) -> str:
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


@pytest.fixture
def office(cli: CliRun) -> CliRun:
    friday = {"SHOUHOU_NOW": "2026-11-20 09:00"}
    ok(cli("customer", "add", "天控", "--phone", "022-1", "--key"))
    ok(cli("customer", "add", "明华", "--phone", "022-2"))
    ok(cli("device", "add", "--customer", "1", "--model", "GA37", "--serial", "S1",
           "--product-line", "compressor", "--accepted", "2026-01-02"))  # fmt: skip
    ok(cli("ticket", "new", "--customer", "1", "--device", "S1", "--severity", "3",
           "--symptom", "漏气", env=friday))  # fmt: skip
    ok(cli("ticket", "assign", "SH2611-0001", "王工", env=friday))
    ok(cli("ticket", "diagnose", "SH2611-0001", "--cause", "quality", "--finding", "阀片",
           env=friday))  # fmt: skip
    ok(cli("ticket", "resolve", "SH2611-0001", "--action", "更换阀片",
           env={"SHOUHOU_NOW": "2026-11-20 15:00"}))  # fmt: skip
    return cli


def surveys(url: str) -> list[Survey]:
    with db.session(url) as s:
        return list(s.exec(select(Survey).order_by(col(Survey.id))))


def low_callbacks(url: str) -> list[Visit]:
    with db.session(url) as s:
        return list(s.exec(select(Visit).where(Visit.origin == "low-score")))


FOUR = ("--attitude", "5", "--quality", "4", "--resolution", "4", "--timeliness", "5")


def test_record_a_ticket_survey(office: CliRun, db_url: str) -> None:
    """Mean (5 + 4 + 4 + 5) / 4 = 4.50 ≥ 4: satisfied; no score ≤ 2, no callback."""
    out = ok(office("survey", "record", "--ticket", "SH2611-0001", *FOUR, "--comment", "专业"))
    assert out == "Survey 1 of SH2611-0001 recorded: mean 4.50, satisfied\n"
    (survey,) = surveys(db_url)
    assert (survey.attitude, survey.quality, survey.resolution, survey.timeliness) == (5, 4, 4, 5)
    assert (survey.comment, survey.taken_by, survey.channel) == ("专业", "tester", "phone")
    assert low_callbacks(db_url) == []


def test_a_low_score_creates_its_callback(office: CliRun, db_url: str) -> None:
    """Attitude 1: mean (1 + 4 + 4 + 5) / 4 = 3.50, not satisfied; the follow-up callback is
    due 24 h after recording (setting survey.low_score_callback): Tue 11-24 10:00."""
    out = ok(
        office(
            "survey", "record", "--ticket", "SH2611-0001", "--attitude", "1", "--quality", "4",
            "--resolution", "4", "--timeliness", "5", "--at", "2026-11-21 16:00",
            "--channel", "现场",
        )
    )  # fmt: skip
    assert out == (
        "Survey 1 of SH2611-0001 recorded: mean 3.50, not satisfied\n"
        "Low score: follow-up callback VS2611-0001 due by 2026-11-24 10:00\n"
    )
    (visit,) = low_callbacks(db_url)
    assert (visit.kind, visit.status, visit.dedupe_key) == ("callback", "due", "survey:1:low-score")
    assert surveys(db_url)[0].channel == "onsite"
    zh = office("--lang", "zh", "survey", "record", "--customer", "明华", "--quality", "2",
                "--partial")  # fmt: skip
    assert ok(zh) == (
        "已登记满意度调查 2：平均 2.00 分，不满意\n"
        "评分偏低：已生成跟进回访 VS2611-0002，应于 2026-11-24 10:00 前完成\n"
    )


def test_missing_scores_are_required_off_a_terminal(office: CliRun, db_url: str) -> None:
    missing = office("survey", "record", "--ticket", "SH2611-0001", "--attitude", "5")
    assert missing.exit_code == 2
    assert missing.stderr == (
        "error: the customer's scores --quality --resolution --timeliness are missing — give "
        "them (1-5), or --partial when the customer would not rate them\n"
    )
    wrong = office("survey", "record", "--ticket", "SH2611-0001", *FOUR, "--price", "3")
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "error: --price is not a score of a service survey — give --attitude --quality "
        "--resolution --timeliness, or --kind for the other form\n"
    )
    out_of_range = office("survey", "record", "--ticket", "SH2611-0001", "--quality", "6")
    assert out_of_range.exit_code == 2 and "--quality" in out_of_range.stderr
    both = office("survey", "record", "--ticket", "SH2611-0001", "--customer", "1", *FOUR)
    assert both.exit_code == 2
    assert both.stderr.startswith("error: a survey is of one ticket, one visit or one customer")
    future = office("survey", "record", "--ticket", "SH2611-0001", *FOUR, "--at", "+1h")
    assert future.exit_code == 2
    assert surveys(db_url) == []
    partial = office("survey", "record", "--ticket", "SH2611-0001", "--attitude", "5",
                     "--partial")  # fmt: skip
    assert ok(partial) == "Survey 1 of SH2611-0001 recorded: mean 5.00, satisfied\n"


def test_an_open_ticket_is_not_surveyed(office: CliRun, db_url: str) -> None:
    ok(office("ticket", "new", "--customer", "1", "--severity", "3", "--symptom", "x"))
    refused = office("survey", "record", "--ticket", "SH2611-0002", *FOUR)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: ticket SH2611-0002 is new: its job is not done yet — survey it once it is "
        "resolved\n"
    )
    zh = office("--lang", "zh", "survey", "record", "--ticket", "SH2611-0002", *FOUR)
    assert zh.stderr == "错误：工单 SH2611-0002 当前为新建，服务尚未完成 — 请在工单解决后再做调查\n"
    assert surveys(db_url) == []


def test_scores_asked_on_a_terminal(
    office: CliRun, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quality given; attitude asked (7 refused, then 4), resolution skipped (Enter),
    timeliness 5. A product survey asks the five product scores instead."""
    monkeypatch.setattr("shouhou.cli.prompts.interactive", lambda: True)
    result = office("survey", "record", "--ticket", "SH2611-0001", "--quality", "3",
                    input="7\n4\n\n5\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Attitude 服务态度 (1-5, Enter: not rated)" in result.stdout
    assert "'7' is not accepted — answer 1-5" in result.stderr
    survey = surveys(db_url)[0]
    # mean (4 + 3 + 5) / 3 = 4.00: satisfied
    assert (survey.attitude, survey.quality, survey.resolution, survey.timeliness) == (
        4,
        3,
        None,
        5,
    )
    assert result.stdout.endswith("Survey 1 of SH2611-0001 recorded: mean 4.00, satisfied\n")
    product = office("survey", "record", "--customer", "天控", "--device", "S1",
                     "--kind", "product", input="5\n4\n3\n2\n5\n")  # fmt: skip
    assert product.exit_code == 0, product.stderr
    assert "Price 价格" in product.stdout
    item = surveys(db_url)[1]
    assert (item.kind, item.structure, item.price, item.service) == ("product", 5, 2, 5)
    assert low_callbacks(db_url) == []  # a product survey calls for no callback


def test_list_show_and_json_shape(office: CliRun) -> None:
    ok(office("survey", "record", "--ticket", "SH2611-0001", *FOUR,
              env={"SHOUHOU_NOW": "2026-11-22 09:00"}))  # fmt: skip
    ok(office("survey", "record", "--customer", "明华", "--timeliness", "2", "--partial"))
    listed = ok(office("survey", "list"))
    lines = listed.splitlines()
    assert lines[0].split() == [
        "Survey", "Taken", "Kind", "Customer", "Job", "Scores", "Mean", "Low", "Callback",
    ]  # fmt: skip
    assert lines[1].split() == [
        "2", "2026-11-23", "10:00", "service", "明华", "Time.", "2", "2.00", "yes", "VS2611-0001",
    ]  # fmt: skip
    assert lines[2].split()[5:] == [
        "SH2611-0001", "Att.", "5", "Qual.", "4", "Res.", "4", "Time.", "5", "4.50", "no",
    ]  # fmt: skip
    rows = json.loads(ok(office("survey", "list", "--low", "-f", "json")))
    assert [r["id"] for r in rows] == [2]
    assert {"id", "ticket_id", "visit_id", "customer_id", "attitude", "quality", "resolution",
            "timeliness", "overall"} <= set(rows[0])  # fmt: skip
    assert (rows[0]["overall"], rows[0]["satisfied"], rows[0]["follow_up"]) == (
        "2.00",
        False,
        "VS2611-0001",
    )
    assert [r["id"] for r in json.loads(ok(office("survey", "list", "--to", "2026-11-22",
                                                  "-f", "json")))] == [1]  # fmt: skip
    assert [r["id"] for r in json.loads(ok(office("survey", "list", "--customer", "天控",
                                                  "-f", "json")))] == [1]  # fmt: skip
    shown = ok(office("survey", "show", "2"))
    assert "Timeliness 及时性        2\n" in shown
    assert "Callback                 VS2611-0001 (due, due by 2026-11-24 10:00)" in shown
    assert "== Audit trail ==" in shown and "survey recorded" in shown
    assert json.loads(ok(office("survey", "show", "1", "-f", "json")))["ticket"] == "SH2611-0001"
    zh = ok(office("--lang", "zh", "survey", "show", "2"))
    assert "跟进回访" in zh and "（待安排，应于 2026-11-24 10:00 前完成）" in zh
    missing = office("survey", "show", "9")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "error: no survey '9' — give a survey id (`shouhou survey list`)\n",
    )


def test_pending_until_surveyed(office: CliRun) -> None:
    rows = json.loads(ok(office("survey", "pending", "-f", "json")))
    assert [(r["source"], r["number"], r["engineer"], r["days"]) for r in rows] == [
        ("ticket", "SH2611-0001", "王工", 2)
    ]
    table = ok(office("survey", "pending")).splitlines()
    assert table[0].split() == ["What", "Job", "Type", "Customer", "Engineer", "Finished", "Days"]
    assert table[1].split() == ["ticket", "SH2611-0001", "天控", "王工", "2026-11-20", "15:00", "2"]
    ok(office("survey", "record", "--ticket", "SH2611-0001", *FOUR))
    assert ok(office("survey", "pending")) == (
        "Nothing to survey: every finished job has a survey or a callback.\n"
    )
    assert json.loads(ok(office("survey", "pending", "-f", "json"))) == []


def test_stats_table_json_and_chinese(office: CliRun) -> None:
    """Two surveys of 王工's ticket: (5,4,4,5) mean 4.5 ✓ and (3,3,4,4) mean 3.5 ✗ → 1/2 =
    50.0 %; attitude (5+3)/2 = 4.00, quality 3.50, resolution 4.00, timeliness 4.50, mean of
    means 4.00; below the 98 % target."""
    ok(office("survey", "record", "--ticket", "SH2611-0001", *FOUR))
    ok(office("survey", "record", "--ticket", "SH2611-0001", "--attitude", "3", "--quality", "3",
              "--resolution", "4", "--timeliness", "4"))  # fmt: skip
    table = ok(office("survey", "stats", "--from", "2026-11-01", "--to", "2026-11-30",
                      "--by", "engineer")).splitlines()  # fmt: skip
    assert table[0].split() == [
        "Group", "Surveys", "Satisfied", "Rate", "Att.", "Qual.", "Res.", "Time.", "Mean",
    ]  # fmt: skip
    assert table[1].split() == ["王工", "2", "1", "50.0%", "4.00", "3.50", "4.00", "4.50", "4.00"]
    assert table[2].split() == ["All", "2", "1", "50.0%", "4.00", "3.50", "4.00", "4.50", "4.00"]
    assert table[3] == "Satisfaction 50.0% of 2 surveys — below the target of 98%"
    view = json.loads(ok(office("survey", "stats", "-f", "json")))
    assert (view["from"], view["to"], view["target"], view["met"]) == (
        "2026-01-01",
        "2026-11-23",
        98,
        False,
    )
    assert view["total"]["rate"] == "50.0"
    ok(office("config", "set", "survey.target", "50"))
    zh = ok(office("--lang", "zh", "survey", "stats", "--by", "month")).splitlines()
    assert zh[0].split()[:4] == ["分组", "调查数", "满意数", "满意率"]
    assert zh[1].split()[:4] == ["2026-11", "2", "1", "50.0%"]
    assert zh[-1] == "满意率 50.0%（共 2 份调查）— 已达到 50% 的目标"
    empty = ok(office("survey", "stats", "--from", "2025-01-01", "--to", "2025-12-31"))
    assert empty.splitlines()[-1] == "No surveys taken from 2025-01-01 to 2025-12-31."
    bad = office("survey", "stats", "--by", "region")
    assert bad.exit_code == 2


def test_campaign_is_idempotent(office: CliRun) -> None:
    args = ("survey", "campaign", "--key-customers", "--from", "2027-07-01", "--to", "2027-08-31")
    assert ok(office(*args)) == (
        "Survey campaign 2027-07-01…2027-08-31: 1 callbacks created for 1 key customers "
        "(0 there already, 0 surveyed already)\n"
    )
    assert ok(office(*args)) == (
        "Survey campaign 2027-07-01…2027-08-31: 0 callbacks created for 1 key customers "
        "(1 there already, 0 surveyed already)\n"
    )
    due = json.loads(ok(office("visit", "due", "--days", "300", "-f", "json")))
    campaign = [v for v in due if v["origin"] == "survey-campaign"]
    assert [(v["kind"], v["customer_id"], v["due_at"]) for v in campaign] == [
        ("callback", 1, "2027-08-31T15:59:00+00:00")  # 2027-08-31 23:59 local
    ]
    whom = office("survey", "campaign", "--from", "2027-07-01", "--to", "2027-08-31")
    assert (whom.exit_code, whom.stderr) == (
        2,
        "error: a campaign needs to know whom to survey — give --key-customers\n",
    )
    no_end = office("survey", "campaign", "--key-customers", "--from", "2027-07-01")
    assert (no_end.exit_code, no_end.stderr) == (2, "error: to is required — give --to\n")
    listed = ok(office("--lang", "zh", "visit", "due", "--days", "300"))
    assert "满意度调查活动" in listed


def test_ticket_close_scores_and_today(office: CliRun, db_url: str) -> None:
    """``ticket close --quality 2 --attitude 4``: survey 1 (mean 3.00), its callback due Tue
    10:00 — shown by ``shouhou today`` as a low score awaiting its callback."""
    out = ok(office("ticket", "close", "SH2611-0001", "--quality", "2", "--attitude", "4"))
    assert out == (
        "SH2611-0001: closed\n"
        "Survey 1 of SH2611-0001 recorded: mean 3.00, not satisfied\n"
        "Low score: follow-up callback VS2611-0001 due by 2026-11-24 10:00\n"
    )
    view = json.loads(ok(office("today", "-f", "json")))
    rows = view["sections"]["surveys"]["rows"]
    assert [(r["survey_id"], r["callback"], r["low"], r["late"]) for r in rows] == [
        (1, "VS2611-0001", {"quality": 2}, False)
    ]
    assert view["sections"]["surveys"]["late"] == 0
    screen = ok(office("today"))
    assert "== Low scores awaiting their callback (1) ==" in screen
    line = next(x for x in screen.splitlines() if "VS2611-0001" in x and "Qual." in x)
    assert line.split() == [
        "10:00", "天控", "SH2611-0001", "Qual.", "2", "VS2611-0001", "11-24", "10:00", "due",
    ]  # fmt: skip
    late = ok(office("today", env={"SHOUHOU_NOW": "2026-11-24 10:30"}))
    assert "due · overdue" in late
    zh = ok(office("--lang", "zh", "today"))
    assert "低分待跟进回访" in zh
