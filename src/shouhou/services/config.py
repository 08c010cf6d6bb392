"""Configuration stored in the database: every DOMAIN default, overridable with ``config set``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.errors import NotFound, UsageError

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class Option:
    default: str
    kind: str  # text | int | money | duration | clock | bool


OPTIONS: dict[str, Option] = {
    "company.name": Option("", "text"),
    "company.address": Option("", "text"),
    "company.phone": Option("", "text"),
    "currency": Option("CNY", "text"),
    "warranty.months": Option("24", "int"),
    "sla.1.reply": Option("10m", "duration"),
    "sla.1.onsite": Option("2h", "duration"),
    "sla.1.resolve": Option("4h", "duration"),
    "sla.1.24x7": Option("true", "bool"),
    "sla.2.reply": Option("30m", "duration"),
    "sla.2.onsite": Option("12h", "duration"),
    "sla.2.resolve": Option("24h", "duration"),
    "sla.2.24x7": Option("false", "bool"),
    "sla.3.reply": Option("1h", "duration"),
    "sla.3.onsite": Option("48h", "duration"),
    "sla.3.resolve": Option("3wd", "duration"),
    "sla.3.24x7": Option("false", "bool"),
    "zone.local": Option("2h", "duration"),
    "zone.nearby": Option("12h", "duration"),
    "zone.remote": Option("48h", "duration"),
    "hours.start": Option("08:30", "clock"),
    "hours.end": Option("17:30", "clock"),
    "repeat.window_days": Option("90", "int"),
    "approval.threshold": Option("1000.00", "money"),
    "labor.rate": Option("150.00", "money"),
    "escalate.supervisor_after": Option("0m", "duration"),
    "escalate.manager_after": Option("4h", "duration"),
    "escalate.supervisor": Option("supervisor", "text"),
    "escalate.manager": Option("manager", "text"),
}


class Settings:
    """All settings of one database, read once per command."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def __getitem__(self, key: str) -> str:
        if key in self.values:
            return self.values[key]
        return OPTIONS[key].default

    def int(self, key: str) -> int:
        return int(self[key])

    def money(self, key: str) -> Decimal:
        return Decimal(self[key]).quantize(Decimal("0.01"))

    def flag(self, key: str) -> bool:
        return self[key].lower() in ("1", "true", "yes", "on")

    def effective(self) -> dict[str, str]:
        return {key: self[key] for key in OPTIONS}


def load(session: Session) -> Settings:
    from sqlmodel import select

    from shouhou.models import Setting

    return Settings({row.key: json.loads(row.value) for row in session.exec(select(Setting))})


def validate(key: str, raw: str) -> str:
    option = OPTIONS.get(key)
    if option is None:
        raise NotFound("err.config_key", key=key, accepted=", ".join(sorted(OPTIONS)))
    value = raw.strip()
    try:
        _check(option.kind, value)
    except (ValueError, ArithmeticError):
        raise UsageError("err.config_value", key=key, value=raw, kind=option.kind) from None
    return value


def _check(kind: str, value: str) -> None:
    if kind == "int" and int(value) < 0:
        raise ValueError(value)
    if kind == "money" and (Decimal(value) < 0 or not Decimal(value).is_finite()):
        raise ValueError(value)
    if kind == "duration":
        from shouhou.durations import parse_duration

        parse_duration(value)
    if kind == "clock":
        hour, minute = value.split(":")
        if not (0 <= int(hour) <= 23 and 0 <= int(minute) <= 59):
            raise ValueError(value)
    if kind == "bool" and value.lower() not in (
        "1",
        "0",
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
    ):
        raise ValueError(value)


def set_value(session: Session, stamp: Any, key: str, raw: str) -> str:
    from shouhou.models import Setting
    from shouhou.services import audit

    value = validate(key, raw)
    row = session.get(Setting, key)
    old = json.loads(row.value) if row else OPTIONS[key].default
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
    else:
        row.value = json.dumps(value, ensure_ascii=False)
        session.add(row)
    audit.record(
        session, stamp, entity="setting", entity_id=0, action="config", changes={key: [old, value]}
    )
    return value
