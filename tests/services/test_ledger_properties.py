"""The stock ledger's invariants under any sequence of movements (issue 12 "done when": "for any
random sequence of movements, on-hand = Σ ledger, never < 0, and a stocktake brings booked to
counted"; DOMAIN §4 "stock never goes negative").

Hypothesis draws sequences of receipts, issues, returns, scraps, adjustments and stocktake steps
(start, count, finish, cancel) on three parts. Each step runs in a savepoint; a refused one is
rolled back, as the command's transaction would be. A plain model predicts every figure:

- on-hand of each part = Σ of its ledger rows = the model's figure, after every step; no part
  ever below zero, and no prefix of a part's ledger (in booking order) below zero either;
- a step is refused exactly when the model says so (a movement taking more than is on hand, a
  stocktake step with none open, a second one started, a finish whose loss exceeds what is
  left) — and a refused step changes nothing: the same rows, the same on-hand;
- a finish brings the books to the count: a counted part's on-hand becomes counted + whatever
  moved after its count (counted exactly, when nothing did).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import Part, StockMove
from shouhou.services.audit import Stamp
from shouhou.services.parts import catalogue, ledger, stocktake
from tests.conftest import SHANGHAI

PARTS = ("P-A", "P-B", "P-C")

PART = st.integers(0, len(PARTS) - 1)
MOVE = st.one_of(
    st.tuples(st.sampled_from(("receive", "receive", "issue", "issue", "return", "scrap")),
              PART, st.integers(1, 25)),
    st.tuples(st.just("adjust"), PART, st.integers(-12, 12).filter(bool)),
)  # fmt: skip
COUNT = st.tuples(st.just("count"), PART, st.integers(0, 25))
BARE = st.tuples(st.sampled_from(("start", "finish", "cancel")), st.just(0), st.just(0))
# A run of movements; a whole stocktake (start, counts between movements, finish — now and
# then cancel); or a stray step or two (a count or finish with nothing open, a second start).
PHASE = st.one_of(
    st.lists(MOVE, min_size=1, max_size=6),
    st.tuples(
        st.lists(st.one_of(COUNT, COUNT, MOVE), min_size=1, max_size=8),
        st.sampled_from(("finish", "finish", "finish", "cancel")),
    ).map(lambda phase: [("start", 0, 0), *phase[0], (phase[1], 0, 0)]),
    st.lists(st.one_of(BARE, COUNT), min_size=1, max_size=2),
)
STEPS = st.lists(PHASE, max_size=6).map(lambda phases: [step for p in phases for step in p])
SIGN = {"receive": 1, "return": 1, "issue": -1, "scrap": -1, "adjust": 1}


@dataclass
class Model:
    """What the ledger should say: on-hand per part, the open stocktake's counts (booked,
    counted) and what moved on each counted part since its count."""

    on_hand: list[int] = field(default_factory=lambda: [0] * len(PARTS))
    open: bool = False
    counts: dict[int, tuple[int, int]] = field(default_factory=dict)
    since_count: dict[int, int] = field(default_factory=dict)

    def moved(self, index: int, quantity: int) -> None:
        self.on_hand[index] += quantity
        if index in self.counts:
            self.since_count[index] += quantity

    def refuses(self, kind: str, index: int, amount: int) -> bool:
        if kind in SIGN:
            return self.on_hand[index] + SIGN[kind] * amount < 0
        if kind == "start":
            return self.open
        if kind == "finish":
            return not self.open or any(
                self.on_hand[i] + counted - booked < 0
                for i, (booked, counted) in self.counts.items()
            )
        return not self.open  # count, cancel

    def apply(self, kind: str, index: int, amount: int) -> dict[int, int]:
        """Apply an accepted step; for a finish, the on-hand each counted part must show."""
        if kind in SIGN:
            self.moved(index, SIGN[kind] * amount)
        elif kind == "start":
            self.open = True
        elif kind == "count":
            self.counts[index] = (self.on_hand[index], amount)
            self.since_count[index] = 0
        elif kind in ("finish", "cancel"):
            expected = {}
            if kind == "finish":
                for i, (booked, counted) in self.counts.items():
                    self.on_hand[i] += counted - booked
                    expected[i] = counted + self.since_count[i]
            self.open = False
            self.counts.clear()
            self.since_count.clear()
            return expected
        return {}


@pytest.fixture
def _lp_parts(session: Session, stamp: Stamp) -> list[Part]:
    return [
        catalogue.add_part(session, stamp, number=number, name=number, unit="pcs", cost=None)
        for number in PARTS
    ]


def _step(session: Session, stamp: Stamp, parts: list[Part], step: tuple[str, int, int]) -> None:
    kind, index, amount = step
    part = parts[index]
    if kind in SIGN:
        quantity = amount if kind == "adjust" else SIGN[kind] * amount
        reason = "damaged" if kind == "scrap" else None
        ledger.move(session, stamp, part, kind=kind, quantity=quantity, reason=reason)
    elif kind == "start":
        stocktake.start(session, stamp, zone=SHANGHAI)
    elif kind == "count":
        stocktake.count(session, stamp, part_number=part.number, counted=amount)
    elif kind == "finish":
        stocktake.finish(session, stamp)
    else:
        stocktake.cancel(session, stamp, reason="property test")


def _rows(session: Session) -> dict[int, list[int]]:
    """Every part's ledger rows (quantities) in booking order, in one query."""
    rows: dict[int, list[int]] = {}
    for part_id, quantity in session.exec(
        select(StockMove.part_id, StockMove.quantity).order_by(col(StockMove.id))
    ):
        rows.setdefault(part_id, []).append(quantity)
    return rows


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_keeps_the_ledger_whole(
    session: Session, stamp: Stamp, _lp_parts: list[Part], steps: list[tuple[str, int, int]]
) -> None:
    example = session.begin_nested()  # each example starts from the same three empty parts
    try:
        model = Model()
        before: dict[int, list[int]] = {}
        for step in steps:
            refused = False
            savepoint = session.begin_nested()
            try:
                _step(session, stamp, _lp_parts, step)
            except (DomainError, NotFound, UsageError):
                savepoint.rollback()
                refused = True
            else:
                savepoint.commit()
            assert refused == model.refuses(*step), (step, model)
            rows = _rows(session)
            if refused:
                assert rows == before, step
                continue
            expected = model.apply(*step)
            on_hand = ledger.on_hand_many(session)
            for index, part in enumerate(_lp_parts):
                assert part.id is not None
                mine = rows.get(part.id, [])
                assert on_hand.get(part.id, 0) == sum(mine) == model.on_hand[index], (step, index)
                assert min(accumulate(mine), default=0) >= 0, (step, index, mine)
                if index in expected:
                    assert sum(mine) == expected[index], (step, index)
            before = rows
    finally:
        example.rollback()
        session.expire_all()


def test_the_model_catches_a_broken_ledger(session: Session, stamp: Stamp) -> None:
    """The property above can fail: a row slipped past ``ledger.move`` (an issue the shelf
    cannot cover) leaves on-hand below zero and a ledger prefix negative, which the checks of
    the property reject."""
    part = catalogue.add_part(session, stamp, number="X", name="x", unit="pcs")
    assert part.id is not None
    ledger.move(session, stamp, part, kind="receive", quantity=2)
    session.add(StockMove(part_id=part.id, at=stamp.at, kind="issue", quantity=-3, actor="x"))
    session.flush()
    rows = _rows(session)[part.id]
    assert ledger.on_hand(session, part.id) == sum(rows) == -1
    assert min(accumulate(rows)) < 0
    model = Model(on_hand=[2, 0, 0])
    assert model.refuses("issue", 0, 3) and not model.refuses("issue", 0, 2)
