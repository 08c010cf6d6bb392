"""Time and money input (CLI.md "Times", "Money"): parsers, UTC storage, local display."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouhou.errors import UsageError
from shouhou.timeutil import (
    cents,
    current_time,
    format_local,
    iso_utc,
    local_zone,
    money,
    parse_date,
    parse_money,
    parse_time,
    to_utc,
)

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, a Monday


def at(text: str, zone: ZoneInfo = SH) -> datetime:
    return parse_time(text, now=NOW, zone=zone)


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)  # type: ignore[misc]


# -- times ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("NOW", NOW),
        ("现在", NOW),
        ("+2h", NOW + timedelta(hours=2)),
        ("+3d", NOW + timedelta(days=3)),
        ("+30m", NOW + timedelta(minutes=30)),
        ("+45min", NOW + timedelta(minutes=45)),
        ("+1w", NOW + timedelta(weeks=1)),
        ("-1d", NOW - timedelta(days=1)),
        ("+ 2 h", NOW + timedelta(hours=2)),
        ("today", sh(2026, 11, 23)),
        ("tomorrow 9:00", sh(2026, 11, 24, 9, 0)),
        ("tomorrow 09:30", sh(2026, 11, 24, 9, 30)),
        ("Tomorrow 17", sh(2026, 11, 24, 17, 0)),
        ("yesterday 23:59", sh(2026, 11, 22, 23, 59)),
        ("明天 9:00", sh(2026, 11, 24, 9, 0)),
        ("今天", sh(2026, 11, 23)),
        ("2026-11-23 14:30", sh(2026, 11, 23, 14, 30)),
        ("2026-11-23T14:30", sh(2026, 11, 23, 14, 30)),
        ("2026-11-23", sh(2026, 11, 23)),
        ("2026-11-23T06:30:00+00:00", datetime(2026, 11, 23, 6, 30, tzinfo=UTC)),
        ("2026-11-23 14:30Z", datetime(2026, 11, 23, 14, 30, tzinfo=UTC)),
        ("2026年11月23日", sh(2026, 11, 23)),
        ("2026年11月23日 14:30", sh(2026, 11, 23, 14, 30)),
        ("2026/11/23 14:30", sh(2026, 11, 23, 14, 30)),
        ("  2026-11-23 14:30  ", sh(2026, 11, 23, 14, 30)),
    ],
)
def test_parse_time_examples(text: str, expected: datetime) -> None:
    result = at(text)
    assert result.utcoffset() is not None
    assert result == expected


def test_tomorrow_is_the_local_tomorrow() -> None:
    """At 00:30 in Shanghai it is still yesterday in UTC; "tomorrow" follows the local day."""
    late = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)  # 2026-11-24 00:30 in Shanghai
    assert parse_time("tomorrow 9:00", now=late, zone=SH) == sh(2026, 11, 25, 9, 0)
    assert parse_time("today", now=late, zone=SH) == sh(2026, 11, 24)


def test_naive_input_is_local_time_in_the_given_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert at("2026-07-01 12:00", berlin) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert at("2026-12-01 12:00", berlin) == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["", "soon", "tomorrow 25:00", "tomorrow 9:60", "today noon", "+2x", "2026-13-01"]
)
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(UsageError) as info:
        at(text)
    assert info.value.key == "err.bad_time"
    assert info.value.exit_code == 2


def test_parse_time_error_names_the_field() -> None:
    with pytest.raises(UsageError) as info:
        parse_time("soon", now=NOW, zone=SH, field="at")
    assert str(info.value) == (
        "error: at 'soon' is not a time — use e.g. 2026-11-23 14:30, now, +2h, tomorrow 9:00"
    )


ZONES = [UTC, SH, ZoneInfo("America/New_York"), timezone(timedelta(hours=5, minutes=45))]
aware_times = st.builds(
    lambda moment, zone: moment.replace(tzinfo=UTC).astimezone(zone),  # always a real wall time
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 12, 31)),
    st.sampled_from(ZONES),
)


@given(aware_times)
def test_iso_with_offset_round_trips(moment: datetime) -> None:
    assert at(moment.isoformat()) == moment


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 12, 31)))
def test_naive_minutes_are_shanghai_wall_clock(moment: datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    text = moment.strftime("%Y-%m-%d %H:%M")
    assert at(text) == moment.replace(tzinfo=SH)
    chinese = f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
    assert at(chinese) == moment.replace(tzinfo=SH)


@given(
    st.sampled_from(["+", "-"]),
    st.integers(min_value=0, max_value=5000),
    st.sampled_from(
        [("m", "minutes"), ("min", "minutes"), ("h", "hours"), ("d", "days"), ("w", "weeks")]
    ),
)
def test_relative_offsets(sign: str, amount: int, unit: tuple[str, str]) -> None:
    delta = timedelta(**{unit[1]: amount})
    assert at(f"{sign}{amount}{unit[0]}") == (NOW + delta if sign == "+" else NOW - delta)


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_tomorrow_at_clock(hour: int, minute: int) -> None:
    assert at(f"tomorrow {hour}:{minute:02d}") == sh(2026, 11, 24, hour, minute)


@given(st.text(max_size=30))
def test_parse_time_accepts_or_refuses_cleanly(text: str) -> None:
    """Any input gives an aware time or a UsageError (exit 2), never another exception."""
    try:
        result = at(text)
    except UsageError:
        return
    assert result.utcoffset() is not None


@pytest.mark.parametrize("text", ["+99999999d", "+999999w", "-999999w", "9999-12-31 23:59 +2h"])
def test_parse_time_out_of_range_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        at(text)


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("2026/11/23", date(2026, 11, 23)),
        ("2026.11.23", date(2026, 11, 23)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026年11月23日", date(2026, 11, 23)),
        ("2026年1月5日", date(2026, 1, 5)),
        (" 2026-11-23 ", date(2026, 11, 23)),
        ("today", date(2026, 11, 23)),
        ("今天", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("明天", date(2026, 11, 24)),
    ],
)
def test_parse_date_examples(text: str, expected: date) -> None:
    assert parse_date(text, today=date(2026, 11, 23)) == expected


@pytest.mark.parametrize(
    "text", ["", "2026-02-30", "2026-13-01", "23/11/2026", "next week", "2026-11", "today"]
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_date(text, field="accepted")  # no ``today``: relative words are not dates here
    assert info.value.key == "err.bad_date"
    assert info.value.fields["field"] == "accepted"


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_round_trips(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.year}/{day.month}/{day.day}") == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day


@given(st.text(max_size=20))
def test_parse_date_accepts_or_refuses_cleanly(text: str) -> None:
    try:
        parse_date(text, today=date(2026, 11, 23))
    except UsageError:
        pass


# -- money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120.50", Decimal("120.50")),
        ("120.5", Decimal("120.50")),
        ("0", Decimal("0.00")),
        ("1,234.00", Decimal("1234.00")),
        ("¥99", Decimal("99.00")),
        ("￥1,000", Decimal("1000.00")),
        (" 7 ", Decimal("7.00")),
    ],
)
def test_parse_money_examples(text: str, expected: Decimal) -> None:
    value = parse_money(text)
    assert value == expected
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    "text", ["", "abc", "-1", "1.234", "NaN", "Infinity", "sNaN", "1e30", "1" * 40, "12.5.1"]
)
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_money(text, field="travel")
    assert info.value.key == "err.bad_money"
    assert info.value.fields == {"field": "travel", "value": text}


@given(st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2))
def test_money_round_trips_through_cents(amount: Decimal) -> None:
    parsed = parse_money(str(amount))
    assert parsed == amount
    assert money(cents(parsed)) == parsed
    assert isinstance(cents(parsed), int)


@given(st.text(max_size=20))
def test_parse_money_accepts_or_refuses_cleanly(text: str) -> None:
    try:
        value = parse_money(text)
    except UsageError:
        return
    assert value >= 0
    assert value == value.quantize(Decimal("0.01"))


@given(st.integers(min_value=0, max_value=10**12))
def test_cents_money_inverse(value: int) -> None:
    assert cents(money(value)) == value


def test_money_of_none_is_zero() -> None:
    assert money(None) == Decimal("0.00")


# -- zones, now, display -------------------------------------------------------------------------


def test_local_zone_from_env() -> None:
    assert local_zone({"SHOUHOU_TZ": "Asia/Shanghai"}) == SH
    assert local_zone({"TZ": "Europe/Berlin"}) == ZoneInfo("Europe/Berlin")
    assert local_zone({"SHOUHOU_TZ": "Asia/Shanghai", "TZ": "UTC"}) == SH
    assert local_zone({"SHOUHOU_TZ": "Not/AZone"}) is not None  # falls back, no crash


def test_current_time_honours_shouhou_now() -> None:
    env = {"SHOUHOU_NOW": "2026-11-23 10:00", "SHOUHOU_TZ": "Asia/Shanghai"}
    assert current_time(env) == NOW
    assert current_time({"SHOUHOU_NOW": "2026-11-23T02:00:00Z"}, SH) == NOW


def test_current_time_without_pin_is_aware_now() -> None:
    before = datetime.now(UTC)
    result = current_time({})
    assert result.utcoffset() == timedelta(0)
    assert before <= result <= datetime.now(UTC)


def test_bad_shouhou_now_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as info:
        current_time({"SHOUHOU_NOW": "whenever"}, SH)
    assert info.value.fields["field"] == "SHOUHOU_NOW"


def test_to_utc_and_iso() -> None:
    assert to_utc(datetime(2026, 11, 23, 2, 0)) == NOW  # naive = UTC (as SQLite returns it)
    assert to_utc(sh(2026, 11, 23, 10, 0)) == NOW
    assert to_utc(sh(2026, 11, 23, 10, 0)).tzinfo == UTC
    assert iso_utc(sh(2026, 11, 23, 10, 0)) == "2026-11-23T02:00:00+00:00"
    assert iso_utc(None) is None


def test_format_local() -> None:
    assert format_local(NOW, SH) == "2026-11-23 10:00"
    assert format_local(NOW, SH, with_date=False) == "10:00"
    assert format_local(None, SH) == ""


@given(aware_times)
def test_iso_utc_round_trips(moment: datetime) -> None:
    text = iso_utc(moment)
    assert text is not None and text.endswith("+00:00")
    assert datetime.fromisoformat(text) == moment


# -- relative phrases (issue 10.7: ``--since "7 days ago"``) ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 days ago", NOW - timedelta(days=7)),
        ("1 day ago", NOW - timedelta(days=1)),
        ("2 weeks ago", NOW - timedelta(weeks=2)),
        ("a week ago", NOW - timedelta(weeks=1)),
        ("An hour ago", NOW - timedelta(hours=1)),
        ("30 minutes ago", NOW - timedelta(minutes=30)),
        ("5 mins ago", NOW - timedelta(minutes=5)),
        ("3 hrs ago", NOW - timedelta(hours=3)),
        ("  7   days   ago ", NOW - timedelta(days=7)),
        ("in 2 hours", NOW + timedelta(hours=2)),
        ("in three days", NOW + timedelta(days=3)),
        ("7天前", NOW - timedelta(days=7)),
        ("7 天前", NOW - timedelta(days=7)),
        ("两周前", NOW - timedelta(weeks=2)),
        ("3小时前", NOW - timedelta(hours=3)),
        ("十二天以前", NOW - timedelta(days=12)),
        ("二十五分钟前", NOW - timedelta(minutes=25)),
        ("3天后", NOW + timedelta(days=3)),
        ("前天", sh(2026, 11, 21)),
        ("后天 9:00", sh(2026, 11, 25, 9, 0)),
    ],
)
def test_relative_phrases_in_english_and_chinese(text: str, expected: datetime) -> None:
    assert at(text) == expected


def test_months_ago_follow_the_local_calendar() -> None:
    """dateutil's relativedelta: a month before 31 March is the end of February."""
    march = datetime(2026, 3, 31, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
    assert parse_time("1 month ago", now=march, zone=SH) == sh(2026, 2, 28, 12, 0)
    assert parse_time("1个月前", now=march, zone=SH) == sh(2026, 2, 28, 12, 0)
    assert parse_time("2 years ago", now=march, zone=SH) == sh(2024, 3, 31, 12, 0)


@pytest.mark.parametrize(
    "text", ["7 bananas ago", "many days ago", "days ago", "7 days", "ago", "十十天前", "百天前"]
)
def test_relative_phrases_refuse_what_they_do_not_know(text: str) -> None:
    with pytest.raises(UsageError) as info:
        at(text)
    assert info.value.key == "err.bad_time"


@pytest.mark.parametrize("text", ["999999999 years ago", "99999999 days ago", "in 99999 years"])
def test_relative_phrase_out_of_range_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        at(text)


@given(
    st.integers(min_value=0, max_value=5000),
    st.sampled_from([("days", "天"), ("weeks", "周"), ("hours", "小时"), ("minutes", "分钟")]),
)
def test_ago_phrases_agree_with_minus_offsets(amount: int, unit: tuple[str, str]) -> None:
    delta = timedelta(**{unit[0]: amount})
    assert at(f"{amount} {unit[0]} ago") == NOW - delta
    assert at(f"{amount}{unit[1]}前") == NOW - delta
