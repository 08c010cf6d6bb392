"""Inspection checklists 巡检项目 (DOMAIN §3 "an inspection record is filled on site"; issue 11):
per device model, the items an inspection checks — each ok / not ok, or a value measured in the
item's unit — filled when the visit is done and printed on the inspection record; a "not ok"
item may open a ticket for the fault it found.

An entry names its item by label (compared loosely: case, width, spaces) or by its 1-based
position: ``外观=ok``, ``2=not-ok:接线端子松动``, ``绝缘电阻=550`` (also ``550MΩ``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.vocabulary import CHECK_RESULT, Localised, fold

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import ChecklistItem, Ticket, Visit, VisitCheck
    from shouhou.services.tickets.sla import Rules

MAX_LABEL = 200
MAX_UNIT = 20
MAX_VALUE = 50
# What a plain item accepts, as an error message lists it.
PLAIN_ACCEPTED = Localised("ok|not-ok[:note]", zh="正常|异常[:说明]")
# A ticket opened for a "not ok" item: minor by default (the clerk may raise it).
TICKET_SEVERITY = "3"


@dataclass(frozen=True)
class Entry:
    """One checklist entry as typed, parsed: the item, ``ok``/``not_ok``/``value``, the value
    (measured items) and the note after ``:``."""

    item: ChecklistItem
    position: int
    result: str
    value: str | None
    note: str | None


# -- the checklist of a model ---------------------------------------------------------------------


def _model_spelling(session: Session, model: str) -> str | None:
    """The model as the checklist table spells it (compared loosely), or None."""
    from sqlmodel import select

    from shouhou.models import ChecklistItem

    wanted = fold(model)
    for known in session.exec(select(ChecklistItem.model).distinct()):
        if fold(known) == wanted:
            return known
    return None


def items_for_model(session: Session, model: str) -> list[ChecklistItem]:
    """The model's checklist in order (empty when it has none)."""
    from sqlmodel import col, select

    from shouhou.models import ChecklistItem

    spelling = _model_spelling(session, model)
    if spelling is None:
        return []
    query = select(ChecklistItem).where(ChecklistItem.model == spelling)
    return list(session.exec(query.order_by(col(ChecklistItem.position), col(ChecklistItem.id))))


def items_for_visit(session: Session, visit: Visit) -> list[ChecklistItem]:
    """The checklist of the visit's device model; empty when the visit has no device or the
    model has no checklist."""
    from shouhou.models import Device

    if visit.device_id is None:
        return []
    device = session.get(Device, visit.device_id)
    return items_for_model(session, device.model) if device is not None else []


def _listing(items: Sequence[ChecklistItem]) -> str:
    """``1 外观, 2 绝缘电阻 [MΩ]``: the items as an error lists them."""
    return ", ".join(
        f"{index} {item.label}" + (f" [{item.unit}]" if item.unit else "")
        for index, item in enumerate(items, start=1)
    )


def _find(items: Sequence[ChecklistItem], name: str) -> tuple[int, ChecklistItem] | None:
    """The item ``name`` names — its label, else its 1-based position — with its position."""
    wanted = fold(name)
    for index, item in enumerate(items, start=1):
        if fold(item.label) == wanted:
            return index, item
    text = name.strip()
    if text.isdigit() and 1 <= int(text) <= len(items):
        return int(text), items[int(text) - 1]
    return None


def _check_label(label: str, unit: str | None) -> tuple[str, str | None]:
    text = label.strip()
    if not text:
        raise UsageError("err.required", field="item")
    if "=" in text or "＝" in text or text.isdigit() or len(text) > MAX_LABEL or "\n" in text:
        raise UsageError("err.check_label", label=text, high=MAX_LABEL)
    shown = unit.strip() if unit is not None else None
    if shown is not None and (not shown or len(shown) > MAX_UNIT or "\n" in shown):
        raise UsageError("err.check_unit", unit=unit, high=MAX_UNIT)
    return text, shown


def add_item(
    session: Session, stamp: Stamp, *, model: str, label: str, unit: str | None = None
) -> ChecklistItem:
    """Add an item at the end of the model's checklist; with a ``unit`` it is measured (a
    number is asked for), else checked ok / not ok. A label is unique per model (compared
    loosely), not a bare number (positions name items) and has no ``=``."""
    from shouhou.models import ChecklistItem

    if not model.strip():
        raise UsageError("err.required", field="model")
    text, shown = _check_label(label, unit)
    items = items_for_model(session, model)
    if any(fold(other.label) == fold(text) for other in items):
        raise DomainError("err.check_item_exists", model=items[0].model, label=text)
    item = ChecklistItem(
        model=items[0].model if items else model.strip(),
        position=len(items) + 1,
        label=text,
        unit=shown,
        created_at=stamp.at,
    )
    session.add(item)
    session.flush()
    assert item.id is not None
    audit.record(
        session,
        stamp,
        entity="checklist_item",
        entity_id=item.id,
        action="checklist_add",
        changes={"model": item.model, "position": item.position, "label": text, "unit": shown},
    )
    return item


def remove_item(session: Session, stamp: Stamp, *, model: str, label: str) -> ChecklistItem:
    """Take an item (by label or position) off the model's checklist; the items after it move
    up. Visits already filled keep it: their checks copied its label and unit."""
    items = items_for_model(session, model)
    if not items:
        raise NotFound("err.checklist_none", model=model.strip())
    found = _find(items, label)
    if found is None:
        raise NotFound("err.check_unknown", names=label.strip(), items=_listing(items))
    position, item = found
    assert item.id is not None
    audit.record(
        session,
        stamp,
        entity="checklist_item",
        entity_id=item.id,
        action="checklist_remove",
        changes={"model": item.model, "position": position, "label": item.label},
    )
    session.delete(item)
    session.flush()
    for index, other in enumerate((i for i in items if i is not item), start=1):
        if other.position != index:
            other.position = index
            session.add(other)
    session.flush()
    return item


def iter_item_views(session: Session, *, model: str | None = None) -> Iterator[dict[str, Any]]:
    """Checklist items by model and position (one model's when given)."""
    from sqlmodel import col, select

    from shouhou.models import ChecklistItem
    from shouhou.timeutil import iso_utc

    if model is not None:
        rows: Sequence[ChecklistItem] = items_for_model(session, model)
    else:
        rows = session.exec(
            select(ChecklistItem).order_by(
                col(ChecklistItem.model), col(ChecklistItem.position), col(ChecklistItem.id)
            )
        ).all()
    for item in rows:
        yield {
            "id": item.id,
            "model": item.model,
            "position": item.position,
            "label": item.label,
            "unit": item.unit,
            "measured": item.unit is not None,
            "created_at": iso_utc(item.created_at),
        }


# -- filling it on a visit ------------------------------------------------------------------------


def _split_note(answer: str) -> tuple[str, str | None]:
    """``not-ok:接线松动`` → (``not-ok``, ``接线松动``); a full-width colon works too."""
    marks = [index for index in (answer.find(":"), answer.find("：")) if index >= 0]
    if not marks:
        return answer.strip(), None
    cut = min(marks)
    return answer[:cut].strip(), answer[cut + 1 :].strip() or None


def _measured(label: str, unit: str, word: str, answer: str) -> str:
    """The number typed for a measured item (its unit may follow it), normalised."""
    text = word.strip()
    if text.lower().endswith(unit.lower()):
        text = text[: -len(unit)].strip()
    try:
        number = Decimal(text.replace("，", ".").replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or len(text) > MAX_VALUE:
        raise UsageError("err.check_number", label=label, value=answer, unit=unit)
    return str(number)


def _answer(label: str, unit: str | None, answer: str) -> tuple[str, str | None, str | None]:
    """(result, value, note) of an answer for an item: a measured one (``unit``) takes a
    number, a plain one ok / not-ok; either may add ``:note``."""
    word, note = _split_note(answer)
    if unit is not None:
        return "value", _measured(label, unit, word, answer), note
    result = CHECK_RESULT.lookup(word)
    if result is None:
        raise UsageError("err.check_value", label=label, value=answer, accepted=PLAIN_ACCEPTED)
    return result, None, note


def parse_answer(ref: str, text: str, *, unit: str | None = None, label: str | None = None) -> str:
    """One answer typed at the prompt for item ``ref`` (its position or label): checked like
    an entry of :func:`parse_checks` (a number for a measured item, ok / not-ok else, with an
    optional ``:note``), returned as the entry ``ref=text`` for :func:`record_checks`."""
    _answer(label or ref, unit, text)
    return f"{ref}={text.strip()}"


def _parse_one(item: ChecklistItem, position: int, answer: str) -> Entry:
    result, value, note = _answer(item.label, item.unit, answer)
    return Entry(item=item, position=position, result=result, value=value, note=note)


def parse_checks(items: Sequence[ChecklistItem], checks: Sequence[str]) -> list[Entry]:
    """Each ``ITEM=ANSWER`` entry against the checklist ``items``: an item by label or 1-based
    position; a plain item ok / not-ok (nok, 正常, 异常 …) with an optional ``:note``, a
    measured one a number. Unknown items (all named at once), an item given twice, a form
    without ``=`` and a wrong answer are usage errors naming the items and what they accept."""
    entries: dict[int, Entry] = {}
    unknown: list[str] = []
    for raw in checks:
        text = raw.replace("＝", "=")
        name, sep, answer = text.partition("=")
        if not sep or not name.strip():
            raise UsageError("err.check_form", entry=raw, items=_listing(items))
        found = _find(items, name)
        if found is None:
            unknown.append(name.strip())
            continue
        position, item = found
        if position in entries:
            raise UsageError("err.check_duplicate", label=item.label)
        entries[position] = _parse_one(item, position, answer)
    if unknown:
        raise UsageError("err.check_unknown", names=", ".join(unknown), items=_listing(items))
    return [entries[position] for position in sorted(entries)]


def _model_of(session: Session, visit: Visit) -> str | None:
    from shouhou.models import Device

    device = session.get(Device, visit.device_id) if visit.device_id is not None else None
    return device.model if device is not None else None


def _already_filled(session: Session, visit_id: int) -> bool:
    from sqlmodel import select

    from shouhou.models import VisitCheck

    return (
        session.exec(select(VisitCheck.id).where(VisitCheck.visit_id == visit_id)).first()
        is not None
    )


def record_checks(
    session: Session, stamp: Stamp, visit: Visit, checks: Sequence[str]
) -> list[VisitCheck]:
    """Fill the visit's checklist (its device model's) from ``checks`` (see
    :func:`parse_checks`); the label and unit are copied onto each row, so the record stays as
    printed when the checklist changes. An inspection visit of a model with a checklist must
    give every item (DOMAIN §3: the inspection record is filled on site); other visits may
    give some. A visit without a checklist takes none; a visit is filled once."""
    from shouhou.models import VisitCheck
    from shouhou.services.visits.records import log

    assert visit.id is not None
    items = items_for_visit(session, visit)
    if not items:
        if checks:
            model = _model_of(session, visit)
            if model is None:
                raise UsageError("err.check_no_device", number=visit.number)
            raise UsageError("err.check_no_checklist", number=visit.number, model=model)
        return []
    if not checks and visit.kind != "inspection":
        return []
    if _already_filled(session, visit.id):
        raise DomainError("err.check_recorded", number=visit.number)
    entries = parse_checks(items, checks)
    if visit.kind == "inspection" and len(entries) < len(items):
        given = {entry.position for entry in entries}
        missing = [item for position, item in enumerate(items, 1) if position not in given]
        raise UsageError(
            "err.check_missing",
            number=visit.number,
            model=items[0].model,
            items=", ".join(
                f"{items.index(item) + 1} {item.label}" + (f" [{item.unit}]" if item.unit else "")
                for item in missing
            ),
        )
    rows = [
        VisitCheck(
            visit_id=visit.id,
            position=entry.position,
            label=entry.item.label,
            unit=entry.item.unit,
            result=entry.result,
            value=entry.value,
            note=entry.note,
        )
        for entry in entries
    ]
    session.add_all(rows)
    log(
        session,
        stamp,
        visit,
        action="visit_checks",
        changes={row.label: _reading(row) + (f" ({row.note})" if row.note else "") for row in rows},
    )
    return rows


def _reading(check: VisitCheck) -> str:
    """``12.5 MΩ`` for a measured item, else ``ok`` / ``not_ok``."""
    if check.result == "value":
        return f"{check.value} {check.unit}" if check.unit else str(check.value)
    return check.result


def open_ticket_for(
    session: Session,
    stamp: Stamp,
    check: VisitCheck,
    visit: Visit,
    rules: Rules,
    *,
    severity: str = TICKET_SEVERITY,
) -> Ticket:
    """Open a ticket for a "not ok" item found on ``visit`` (ticket intake, 首问责任制): the
    visit's customer and device, symptom the item's label and note, channel on site, received
    now by the actor, minor unless ``severity`` says otherwise; the check keeps the ticket."""
    from shouhou.services.tickets.intake import open_ticket
    from shouhou.services.visits.records import log

    if check.visit_id != visit.id:
        raise DomainError("err.check_other_visit", label=check.label, number=visit.number)
    if check.result != "not_ok":
        raise DomainError("err.check_not_failed", label=check.label)
    if check.ticket_id is not None:
        raise DomainError("err.check_has_ticket", label=check.label, ticket=check.ticket_id)
    symptom = f"{check.label}: {check.note}" if check.note else check.label
    result = open_ticket(
        session,
        stamp,
        customer_id=visit.customer_id,
        device_id=visit.device_id,
        severity=severity,
        symptom=symptom,
        received_at=stamp.at,
        rules=rules,
        channel="onsite",
        received_by=stamp.actor,
    )
    ticket = result.ticket
    check.ticket_id = ticket.id
    session.add(check)
    log(
        session,
        stamp,
        visit,
        action="visit_check_ticket",
        changes={"item": check.label, "ticket": ticket.number},
    )
    return ticket


def check_views(session: Session, visit_id: int) -> list[dict[str, Any]]:
    """The filled checklist of a visit in order, for the inspection record and ``visit
    show``: ``position, label, unit, result (ok|not_ok|value), value, reading, note,
    ticket_id, ticket`` (the number of the ticket opened for it)."""
    from sqlmodel import col, select

    from shouhou.models import Ticket, VisitCheck

    query = (
        select(VisitCheck, Ticket.number)
        .outerjoin(Ticket, col(Ticket.id) == col(VisitCheck.ticket_id))
        .where(VisitCheck.visit_id == visit_id)
        .order_by(col(VisitCheck.position), col(VisitCheck.id))
    )
    return [
        {
            "id": check.id,
            "position": check.position,
            "label": check.label,
            "unit": check.unit,
            "result": check.result,
            "value": check.value,
            "reading": _reading(check) if check.result == "value" else None,
            "note": check.note,
            "ticket_id": check.ticket_id,
            "ticket": number,
        }
        for check, number in session.exec(query)
    ]
