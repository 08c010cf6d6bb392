"""Settings are validated (issue 9.8): every key checks its value, refuses with exit 2 naming
what it accepts, and nothing can leave the database unusable.

DOMAIN §2 (every number is a configurable default): working hours 08:30–17:30, minor ticket
1 h reply / 3 working days resolve, deadlines in the firm's zone (default Asia/Shanghai).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import DomainError, UsageError
from shouhou.services import config

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp

SH = ZoneInfo("Asia/Shanghai")

# One refused value per key: a test fails when a key is added without saying what it refuses.
BAD: dict[str, str] = {
    "company.name": "x" * 201,
    "company.address": "天津市\n滨海新区",
    "company.phone": "y" * 201,
    "currency": "元",
    "warranty.months": "601",
    "sla.1.reply": "0m",
    "sla.1.onsite": "soon",
    "sla.1.resolve": "-4h",
    "sla.1.24x7": "maybe",
    "sla.2.reply": "30",
    "sla.2.onsite": "12 hours",
    "sla.2.resolve": "0wd",
    "sla.2.24x7": "2",
    "sla.3.reply": "1.2345h",
    "sla.3.onsite": "",
    "sla.3.resolve": "3.5wd",
    "sla.3.24x7": "y",
    "sla.depot.resolve": "5 days",
    "zone.local": "1wd",
    "zone.nearby": "far",
    "zone.remote": "99999d",
    "hours.start": "18:00",
    "hours.end": "07:00",
    "time_zone": "localtime",
    "repeat.window_days": "0",
    "approval.threshold": "-1",
    "labor.rate": "150.005",
    "escalate.supervisor_after": "-1h",
    "escalate.manager_after": "4 hours",
    "escalate.supervisor": "",
    "escalate.manager": "m" * 101,
    "visit.grace": "1wd",
    "callback.phone_advice": "1wd",
    "callback.uncertain_fix": "-3h",
    "callback.major_repair": "7 days",
    "callback.new_device": "never",
    "callback.key_customer": "13",
    "survey.low_score_callback": "1wd",
    "survey.target": "101",
    "complaint.answer": "0m",
    "complaint.opinion": "2 days",
    "complaint.recurrence_days": "0",
    "visit.plan_ahead": "2wd",
    "loan.max_days": "0",
    "parts.approval_threshold": "-1",
}


def _ticket_deadlines(session: Session, stamp: Stamp) -> tuple[datetime, datetime]:
    """Open a minor ticket on Mon 2026-11-23 10:00 with the settings as they are."""
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.tickets.intake import open_ticket
    from shouhou.services.tickets.sla import load_rules

    customer = add_customer(session, stamp, name="甲")
    result = open_ticket(
        session,
        stamp,
        customer_id=customer.id or 0,
        severity="3",
        symptom="不制冷",
        received_at=datetime(2026, 11, 23, 10, tzinfo=SH),
        rules=load_rules(session, zone=SH),
    )
    return result.reply_due, result.resolve_due


def test_every_key_has_a_refused_value_in_this_test() -> None:
    assert set(BAD) == set(config.OPTIONS)


def test_every_default_is_accepted() -> None:
    for key, option in config.OPTIONS.items():
        assert config.validate(key, option.default) == option.default, key


@pytest.mark.parametrize("key", sorted(BAD))
def test_every_key_refuses_a_bad_value_and_the_database_still_works(
    session: Session, stamp: Stamp, key: str
) -> None:
    """Issue 9.8: ``config set KEY BAD`` is a UsageError (exit 2) naming the key, the value and
    what is accepted; nothing is stored; a minor ticket opened afterwards gets the default
    deadlines — Mon 10:00 + 1 h = 11:00 reply; 27 working hours: Mon 7.5, Tue 9, Wed 9 (1.5
    left), Thu 08:30 + 1.5 h = Thu 2026-11-26 10:00 resolve."""
    from shouhou.i18n import translate
    from shouhou.models import Setting

    with pytest.raises(UsageError) as refused:
        config.set_value(session, stamp, key, BAD[key])
    assert refused.value.exit_code == 2
    assert refused.value.key.startswith("err.setting_")
    english = translate("en", refused.value.key, **refused.value.fields)
    assert english.startswith(f"error: setting {key} cannot be '")
    assert "\n" not in english
    assert "use " in english.split(" — ", 1)[1]
    assert "{" not in english
    assert translate("zh", refused.value.key, **refused.value.fields).startswith("错误：设置项")
    assert session.get(Setting, key) is None
    reply, resolve = _ticket_deadlines(session, stamp)
    assert reply == datetime(2026, 11, 23, 11, tzinfo=SH)
    assert resolve == datetime(2026, 11, 26, 10, tzinfo=SH)


def test_unknown_key_is_bad_input_naming_the_keys() -> None:
    with pytest.raises(UsageError) as refused:
        config.validate("warranty.years", "2")
    assert refused.value.key == "err.config_key"
    assert "warranty.months" in refused.value.fields["accepted"]


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("hours.start", " 9:00 ", "09:00"),
        ("currency", "usd", "USD"),
        ("time_zone", "asia/shanghai", "Asia/Shanghai"),
        ("time_zone", "UTC", "UTC"),
        ("warranty.months", "036", "36"),
        ("sla.3.resolve", "5wd", "5wd"),
        ("escalate.supervisor_after", "0m", "0m"),  # escalate at once: zero is allowed here
        ("zone.remote", "2d", "2d"),
        ("approval.threshold", "1500", "1500"),
    ],
)
def test_accepted_values_are_stored_normalised(
    session: Session, stamp: Stamp, key: str, typed: str, stored: str
) -> None:
    assert config.set_value(session, stamp, key, typed) == stored
    assert config.load(session)[key] == stored


def test_working_hours_must_end_after_they_start_whichever_is_set_second(
    session: Session, stamp: Stamp
) -> None:
    """DOMAIN §2 working hours (a shift may not cross midnight): with 08:30–17:30, an end of
    07:00 or 08:30 is refused; after moving the end to 12:00, a start of 13:00 is refused and
    one of 07:00 accepted."""
    for end in ("07:00", "08:30"):
        with pytest.raises(UsageError) as refused:
            config.set_value(session, stamp, "hours.end", end)
        assert refused.value.key == "err.setting_hours_end"
        assert refused.value.fields["other"] == "08:30"
    config.set_value(session, stamp, "hours.end", "12:00")
    with pytest.raises(UsageError) as refused:
        config.set_value(session, stamp, "hours.start", "13:00")
    assert refused.value.key == "err.setting_hours_start"
    assert refused.value.fields["other"] == "12:00"
    config.set_value(session, stamp, "hours.start", "07:00")
    settings = config.load(session)
    assert (settings["hours.start"], settings["hours.end"]) == ("07:00", "12:00")


def _store_raw(session: Session, key: str, value: str) -> None:
    """What an older version (or a hand edit) may have left in the database."""
    from shouhou.models import Setting

    session.add(Setting(key=key, value=json.dumps(value)))
    session.flush()


def test_a_broken_stored_value_is_named_with_its_fix_not_an_unexpected_error(
    session: Session, stamp: Stamp
) -> None:
    """Issue 9.8: hours.end 07:00 stored before validation existed made every ticket command
    fail with "unexpected ValueError". Now it is a DomainError (exit 1) naming the key and the
    command that fixes it, and that command works."""
    from shouhou.i18n import translate
    from shouhou.services.tickets.sla import load_rules

    _store_raw(session, "hours.end", "07:00")
    with pytest.raises(DomainError) as broken:
        load_rules(session, zone=SH)
    assert broken.value.key == "err.setting_stored"
    assert translate("en", broken.value.key, **broken.value.fields) == (
        "error: the stored setting hours.end = '07:00' is not valid — fix it with "
        "`shouhou config set hours.end VALUE` (default 17:30)"
    )
    assert config.load(session).effective(checked=False)["hours.end"] == "07:00"  # config show
    config.set_value(session, stamp, "hours.end", "17:30")
    reply, resolve = _ticket_deadlines(session, stamp)
    assert (reply, resolve) == (
        datetime(2026, 11, 23, 11, tzinfo=SH),
        datetime(2026, 11, 26, 10, tzinfo=SH),
    )


def test_a_broken_other_end_does_not_block_the_repair(session: Session, stamp: Stamp) -> None:
    """With a broken stored hours.start ("25:00"), hours.end can still be set; the start is then
    repaired and the pair checked again."""
    _store_raw(session, "hours.start", "25:00")
    assert config.set_value(session, stamp, "hours.end", "18:00") == "18:00"
    with pytest.raises(DomainError):
        config.load(session)["hours.start"]
    with pytest.raises(UsageError):
        config.set_value(session, stamp, "hours.start", "19:00")
    config.set_value(session, stamp, "hours.start", "09:00")
    assert config.load(session).effective()["hours.start"] == "09:00"


def test_a_broken_stored_time_zone_falls_back_for_the_zone_and_is_named_on_load(
    session: Session,
) -> None:
    """Every command reads the firm's zone when it opens the database, so a broken stored name
    must not stop ``config set time_zone`` from running: the zone falls back to the default,
    and loading the settings names the bad value."""
    _store_raw(session, "time_zone", "Mars/Olympus")
    assert config.firm_zone(session) == SH
    with pytest.raises(DomainError) as broken:
        config.load(session).effective()
    assert broken.value.fields["key"] == "time_zone"


@pytest.mark.parametrize("name", ["localtime", "Factory", "Mars/Olympus", "../etc/passwd", "+8"])
def test_time_zone_accepts_zone_names_only(name: str) -> None:
    """DOMAIN §2: a named zone, never the host's own (``localtime``)."""
    with pytest.raises(UsageError) as refused:
        config.validate("time_zone", name)
    assert refused.value.key == "err.setting_zone"
