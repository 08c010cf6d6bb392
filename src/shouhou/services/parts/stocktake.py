"""Stocktakes 盘点 (DOMAIN §4: stocktake adjustments 盘盈/盘亏, "monthly count, full count at
year end"; issue 12 item 5): one open stocktake at a time, counts entered part by part against
the books, and at the finish every difference booked as an ``adjust`` movement of the ledger.

- :func:`start` opens one, numbered ``ST`` + month + sequence (``ST2612-01``); a second one is
  refused while the first is open
- :func:`count` records a part's counted quantity against ``booked``, what the books said
  when the count was entered (on-hand then); counting the part again replaces its count
- :func:`finish` books counted − booked for every counted part (``ledger.move``, kind
  ``adjust``, with the stocktake, booked, counted, who and when); a part not counted keeps
  its stock
- :func:`cancel` ends it booking nothing
- views: :func:`stocktake_view` (progress, the differences, the trail), :func:`list_views`,
  :func:`sheet_context` (the printed count sheet 盘点表), :func:`open_stocktake` /
  :func:`open_summary` (what ``today`` and the catalogue show while one is open)

An open stocktake blocks nothing: parts are received and issued meanwhile. A movement after a
part was counted survives the finish, which adds counted − booked to whatever is on hand by
then (the count recorded what the shelf held against what the books held at that moment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.i18n import Translator
from shouhou.services import audit, numbering
from shouhou.services.audit import Stamp
from shouhou.services.parts import ledger
from shouhou.services.parts.catalogue import get_part
from shouhou.timeutil import format_local, iso_moment, iso_utc, money

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Part, Stocktake, StocktakeCount

NUMBER_PREFIX = "ST"
STATUSES = ("open", "finished", "cancelled")
# Which parts a count sheet lists: every part, those counted already, those still to count.
SHEET_PARTS = ("all", "counted", "uncounted")
ENTITY = "stocktake"


@dataclass(frozen=True)
class Counted:
    """A count as entered: the row, the part, and the count it replaced (None: the first)."""

    stocktake: Stocktake
    part: Part
    row: StocktakeCount
    previous: int | None


@dataclass
class Finished:
    """A finished stocktake, its differences (the rows of :func:`count_rows` whose counted
    differs from booked, each with the adjustment's ``move_id``) and how many parts were and
    were not counted."""

    stocktake: Stocktake
    differences: list[dict[str, Any]] = field(default_factory=list)
    counted: int = 0
    not_counted: int = 0


# -- lookups ---------------------------------------------------------------------------------


def open_stocktake(session: Session) -> Stocktake | None:
    """The stocktake under way, if any (at most one is open)."""
    from sqlmodel import col, select

    from shouhou.models import Stocktake

    query = select(Stocktake).where(Stocktake.status == "open").order_by(col(Stocktake.id))
    return session.exec(query).first()


def get_stocktake(session: Session, ref: str | None = None, *, latest: bool = False) -> Stocktake:
    """By number (``ST2612-01``) or id; without ``ref`` the open one — or, with ``latest``, the
    most recent one when none is open."""
    from sqlmodel import col, select

    from shouhou.models import Stocktake

    if ref is None:
        found = open_stocktake(session)
        if found is None and latest:
            found = session.exec(select(Stocktake).order_by(col(Stocktake.id).desc())).first()
        if found is None:
            raise NotFound("err.stocktake_none_open")
        return found
    text = ref.strip()
    found = session.exec(select(Stocktake).where(Stocktake.number == text.upper())).first()
    if found is None and text.isdigit():
        found = session.get(Stocktake, int(text))
    if found is None:
        raise NotFound("err.stocktake_not_found", ref=text)
    return found


def _lock_open(session: Session) -> Stocktake:
    """The open stocktake, its row held until the transaction ends (PostgreSQL ``FOR
    UPDATE``; SQLite's write transaction holds the database): a count and a finish or two
    finishes never interleave."""
    from sqlmodel import col, select

    from shouhou.models import Stocktake

    found = session.exec(
        select(Stocktake)
        .where(Stocktake.status == "open")
        .order_by(col(Stocktake.id))
        .with_for_update()
    ).first()
    if found is None:
        raise NotFound("err.stocktake_none_open")
    return found


# -- writing ---------------------------------------------------------------------------------


def _refuse_open(session: Session) -> None:
    current = open_stocktake(session)
    if current is not None:
        raise DomainError("err.stocktake_open", number=current.number)


def start(session: Session, stamp: Stamp, *, zone: tzinfo, note: str | None = None) -> Stocktake:
    """Open a stocktake (DOMAIN §4: a monthly count, a full count at year end), numbered
    ``ST`` + the local month + a sequence (``ST2612-01``). Refused while another is open: one
    count at a time, so every part's difference is booked once."""
    from shouhou.models import Stocktake

    prefix = NUMBER_PREFIX + stamp.at.astimezone(zone).strftime("%y%m")
    _refuse_open(session)
    sequence = int(numbering.reserve(session, prefix)[0].rsplit("-", 1)[1])
    # Reserving holds the counter's row: of two clerks starting at once the second waits
    # here and, looking again, sees the first one's stocktake.
    _refuse_open(session)
    text = (note or "").strip() or None
    row = Stocktake(
        number=f"{prefix}-{sequence:02d}",
        status="open",
        started_at=stamp.at,
        started_by=stamp.actor,
        note=text,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(
        session,
        stamp,
        entity=ENTITY,
        entity_id=row.id,
        action="stocktake_start",
        changes={"number": row.number, **({"note": text} if text else {})},
    )
    return row


def check_counted(counted: int) -> int:
    """A counted quantity: a whole number from 0 (the shelf is empty) up to the ledger's
    largest movement."""
    if not 0 <= counted <= ledger.MAX_QUANTITY:
        raise UsageError("err.stocktake_counted", value=counted, high=ledger.MAX_QUANTITY)
    return counted


def count(
    session: Session,
    stamp: Stamp,
    *,
    part_number: str,
    counted: int,
    booked: int | None = None,
) -> Counted:
    """Record that ``counted`` of the part (its number or id, ``catalogue.get_part``) are on
    the shelf, against ``booked`` — on-hand now, what the books say at the moment of the count
    (``booked`` given: a past count loaded from paper, as the books stood then). Counting a
    part again replaces its count (and its booked figure). Nothing moves until the finish."""
    from sqlmodel import select

    from shouhou.models import StocktakeCount

    check_counted(counted)
    stocktake = _lock_open(session)
    part = get_part(session, part_number)
    assert part.id is not None and stocktake.id is not None
    on_books = ledger.on_hand(session, part.id) if booked is None else booked
    row = session.exec(
        select(StocktakeCount).where(
            StocktakeCount.stocktake_id == stocktake.id, StocktakeCount.part_id == part.id
        )
    ).first()
    previous = None
    if row is None:
        row = StocktakeCount(
            stocktake_id=stocktake.id,
            part_id=part.id,
            booked=on_books,
            counted=counted,
            counted_at=stamp.at,
            counted_by=stamp.actor,
        )
    else:
        previous = row.counted
        row.booked, row.counted = on_books, counted
        row.counted_at, row.counted_by = stamp.at, stamp.actor
    session.add(row)
    changes: dict[str, Any] = {"part": part.number, "booked": on_books, "counted": counted}
    if previous is not None:
        changes["counted"] = [previous, counted]
    audit.record(
        session,
        stamp,
        entity=ENTITY,
        entity_id=stocktake.id,
        action="stocktake_count",
        changes=changes,
    )
    session.flush()
    return Counted(stocktake=stocktake, part=part, row=row, previous=previous)


def finish(session: Session, stamp: Stamp) -> Finished:
    """Finish the open stocktake (DOMAIN §4 盘盈/盘亏): for every counted part whose count
    differs from its booked figure, book counted − booked as an ``adjust`` movement (with the
    stocktake, booked and counted; the finisher and the time as actor and ``at``). Parts not
    counted are left as they are.

    Refused, booking nothing, when a loss would take a part below zero — more left the shelf
    after the count than the count found (count that part again)."""
    from shouhou.models import Part

    stocktake = _lock_open(session)
    assert stocktake.id is not None
    rows = count_rows(session, stocktake)
    changed = [row for row in rows if row["difference"]]
    now_on_hand = ledger.on_hand_many(session, [row["part_id"] for row in changed])
    for row in changed:
        left = now_on_hand.get(row["part_id"], 0)
        if left + row["difference"] < 0:
            raise DomainError(
                "err.stocktake_short",
                number=row["number"],
                counted=row["counted"],
                booked=row["booked"],
                left=left,
                unit=row["unit"],
            )
    for row in changed:
        part = session.get(Part, row["part_id"])
        assert part is not None
        moved = ledger.move(
            session,
            stamp,
            part,
            kind="adjust",
            quantity=row["difference"],
            unit_cost_cents=part.cost_cents,
            stocktake_id=stocktake.id,
            booked=row["booked"],
            counted=row["counted"],
            reference=stocktake.number,
        )
        row["move_id"] = moved.id
    stocktake.status = "finished"
    stocktake.finished_at = stamp.at
    stocktake.finished_by = stamp.actor
    session.add(stocktake)
    parts = _part_count(session)
    gain = sum(row["difference"] for row in changed if row["difference"] > 0)
    loss = sum(row["difference"] for row in changed if row["difference"] < 0)
    audit.record(
        session,
        stamp,
        entity=ENTITY,
        entity_id=stocktake.id,
        action="stocktake_finish",
        changes={"counted": len(rows), "differences": len(changed), "gain": gain, "loss": loss},
    )
    session.flush()
    return Finished(
        stocktake=stocktake,
        differences=changed,
        counted=len(rows),
        not_counted=max(parts - len(rows), 0),
    )


def cancel(session: Session, stamp: Stamp, *, reason: str) -> Stocktake:
    """Cancel the open stocktake: nothing is booked; its counts stay on record."""
    text = reason.strip()
    if not text:
        raise UsageError("err.required", field="reason")
    stocktake = _lock_open(session)
    assert stocktake.id is not None
    stocktake.status = "cancelled"
    stocktake.finished_at = stamp.at
    stocktake.finished_by = stamp.actor
    session.add(stocktake)
    audit.record(
        session,
        stamp,
        entity=ENTITY,
        entity_id=stocktake.id,
        action="stocktake_cancel",
        changes={"reason": text},
    )
    session.flush()
    return stocktake


# -- reading ---------------------------------------------------------------------------------


def _part_count(session: Session) -> int:
    from sqlmodel import func, select

    from shouhou.models import Part

    return int(session.exec(select(func.count()).select_from(Part)).one())


def _value(quantity: int, cost_cents: int | None) -> str | None:
    """``quantity`` at the part's unit cost, as money text (None: the part has no cost)."""
    return None if cost_cents is None else str(money(quantity * cost_cents))


def count_rows(session: Session, stocktake: Stocktake) -> list[dict[str, Any]]:
    """The stocktake's counts by part number: ``part_id, number, name, spec, unit, key_part,
    booked, counted, difference`` (counted − booked), ``cost`` and ``value`` (the difference
    at cost), ``counted_at`` (ISO UTC), ``counted_by``. One query."""
    from sqlmodel import col, select

    from shouhou.models import Part, StocktakeCount

    rows = []
    for tally, part in session.exec(
        select(StocktakeCount, Part)
        .join(Part, col(Part.id) == col(StocktakeCount.part_id))
        .where(StocktakeCount.stocktake_id == stocktake.id)
        .order_by(col(Part.number))
    ):
        difference = tally.counted - tally.booked
        rows.append(
            {
                "part_id": part.id,
                "number": part.number,
                "name": part.name,
                "spec": part.spec,
                "unit": part.unit,
                "key_part": part.key_part,
                "booked": tally.booked,
                "counted": tally.counted,
                "difference": difference,
                "cost": None if part.cost_cents is None else str(money(part.cost_cents)),
                "value": _value(difference, part.cost_cents),
                "counted_at": iso_utc(tally.counted_at),
                "counted_by": tally.counted_by,
            }
        )
    return rows


def uncounted_rows(session: Session, stocktake: Stocktake) -> list[dict[str, Any]]:
    """The parts the stocktake has not counted, by number: ``part_id, number, name, spec,
    unit, key_part, on_hand``. Two queries."""
    from sqlmodel import col, select

    from shouhou.models import Part, StocktakeCount

    done = select(StocktakeCount.part_id).where(StocktakeCount.stocktake_id == stocktake.id)
    parts = list(
        session.exec(select(Part).where(col(Part.id).not_in(done)).order_by(col(Part.number)))
    )
    stock = ledger.on_hand_many(session, [p.id for p in parts if p.id is not None])
    return [
        {
            "part_id": part.id,
            "number": part.number,
            "name": part.name,
            "spec": part.spec,
            "unit": part.unit,
            "key_part": part.key_part,
            "on_hand": stock.get(part.id or 0, 0),
        }
        for part in parts
    ]


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """How many counts differ, the units gained and lost, and the net value at cost."""
    changed = [row for row in rows if row["difference"]]
    value = sum((Decimal(row["value"]) for row in changed if row["value"] is not None), Decimal())
    return {
        "differences": len(changed),
        "gain": sum(row["difference"] for row in changed if row["difference"] > 0),
        "loss": sum(row["difference"] for row in changed if row["difference"] < 0),
        "value": str(value.quantize(Decimal("0.01"))),
    }


def _head(stocktake: Stocktake) -> dict[str, Any]:
    return {
        "id": stocktake.id,
        "number": stocktake.number,
        "status": stocktake.status,
        "started_at": iso_utc(stocktake.started_at),
        "started_by": stocktake.started_by,
        "finished_at": iso_utc(stocktake.finished_at),
        "finished_by": stocktake.finished_by,
        "note": stocktake.note,
    }


def stocktake_view(session: Session, ref: str | None = None) -> dict[str, Any]:
    """``part stocktake show``: a stocktake (the open one, else the latest) with its progress —
    parts counted and, while open, those still to count with their on-hand — the differences
    (units gained and lost, value at cost) and its audit trail."""
    from shouhou.views import audit_view

    stocktake = get_stocktake(session, ref, latest=True)
    assert stocktake.id is not None
    counts = count_rows(session, stocktake)
    waiting = uncounted_rows(session, stocktake) if stocktake.status == "open" else []
    for row in (*counts, *waiting):
        del row["part_id"]
    view = _head(stocktake)
    view.update(
        counted=len(counts),
        not_counted=len(waiting) if stocktake.status == "open" else None,
        **_totals(counts),
        counts=counts,
        uncounted=waiting,
        timeline=[
            audit_view(e) for e in audit.trail(session, entity=ENTITY, entity_id=stocktake.id)
        ],
    )
    return view


def list_views(session: Session) -> list[dict[str, Any]]:
    """Every stocktake, newest first, with how many parts it counted and how many differed."""
    from sqlalchemy import case, func
    from sqlmodel import col, select

    from shouhou.models import Stocktake, StocktakeCount

    differs = case((col(StocktakeCount.counted) != col(StocktakeCount.booked), 1), else_=0)
    tallies = {
        stocktake_id: (int(counted), int(changed or 0))
        for stocktake_id, counted, changed in session.exec(
            select(col(StocktakeCount.stocktake_id), func.count(), func.sum(differs)).group_by(
                col(StocktakeCount.stocktake_id)
            )
        )
    }
    views = []
    for stocktake in session.exec(select(Stocktake).order_by(col(Stocktake.id).desc())):
        view = _head(stocktake)
        counted, changed = tallies.get(view["id"], (0, 0))
        view.update(counted=counted, differences=changed)
        views.append(view)
    return views


def open_summary(session: Session) -> dict[str, Any] | None:
    """The open stocktake as one line for ``today`` and the catalogue: number, started when
    and by whom, parts counted of the catalogue. None when none is open."""
    from sqlmodel import func, select

    from shouhou.models import StocktakeCount

    stocktake = open_stocktake(session)
    if stocktake is None:
        return None
    counted = session.exec(
        select(func.count())
        .select_from(StocktakeCount)
        .where(StocktakeCount.stocktake_id == stocktake.id)
    ).one()
    view = _head(stocktake)
    view.update(counted=int(counted), parts=_part_count(session))
    return view


def sheet_context(
    session: Session,
    ref: str | None = None,
    *,
    lang: str,
    zone: tzinfo,
    now: datetime,
    parts: str = "all",
) -> dict[str, Any]:
    """The count sheet 盘点表 (DOMAIN §4): the stocktake (the open one, else the latest), and
    per part — every part, or those counted, or those still to count (``parts``) — its
    number, name, spec and unit, the booked quantity (on-hand now for a part not counted yet;
    the figure of its count otherwise), a column for the counted quantity (blank until
    counted) and the difference; key parts marked; totals and signature lines."""
    from shouhou.services.config import load
    from shouhou.services.tickets.documents import company_header

    if parts not in SHEET_PARTS:
        raise UsageError(
            "err.bad_choice", field="parts", value=parts, accepted="|".join(SHEET_PARTS)
        )
    t = Translator(lang)
    stocktake = get_stocktake(session, ref, latest=True)
    lines: list[dict[str, Any]] = []
    if parts in ("all", "counted"):
        for row in count_rows(session, stocktake):
            lines.append({**row, "blank": False})
    if parts in ("all", "uncounted") and stocktake.status == "open":
        for row in uncounted_rows(session, stocktake):
            booked = row.pop("on_hand")
            lines.append(
                {
                    **row,
                    "booked": booked,
                    "counted": None,
                    "difference": None,
                    "cost": None,
                    "value": None,
                    "counted_by": None,
                    "blank": True,
                }
            )
    lines.sort(key=lambda line: line["number"])
    for index, line in enumerate(lines, 1):
        line["index"] = index
        del line["part_id"]
        line["counted_at"] = format_local(iso_moment(line.get("counted_at")), zone) or None
    counted = [line for line in lines if not line["blank"]]
    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(load(session)),
        "stocktake": {
            "number": stocktake.number,
            "status": stocktake.status,
            "status_label": t(f"stocktake_status.{stocktake.status}"),
            "started_at": format_local(stocktake.started_at, zone),
            "started_by": stocktake.started_by,
            "finished_at": format_local(stocktake.finished_at, zone) or None,
            "finished_by": stocktake.finished_by,
            "note": stocktake.note,
        },
        "parts": parts,
        "lines": lines,
        "totals": {"lines": len(lines), "counted": len(counted), **_totals(counted)},
    }
