"""The clerk's phone call (issue 10): what ``ticket new`` asks on a terminal.

Who calls and about which device: the serial first (Enter skips it), else the customer — said
back once found (``客户：… (#12, 021-…)``) with that customer's devices offered as a numbered
list. An unknown serial is registered under the caller's customer (model, acceptance or
purchase date, components optional); an unknown caller gets a customer file (phone, contact,
zone). A wrong answer is asked again, showing what is accepted (``cli/prompts.py``). Nothing is
written here: the new customer and device are opened with the ticket, in one transaction
(``services.tickets.intake.receive_call``). Without a terminal nothing is asked.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shouhou.cli.output import message, warn
from shouhou.cli.prompts import (
    SEVERITY,
    ZONE,
    ask,
    ask_choice,
    ask_pick,
    ask_until,
    confirm,
    interactive,
    numbered,
    problem,
)
from shouhou.errors import DomainError, NotFound, UsageError

if TYPE_CHECKING:
    from datetime import date

    from sqlmodel import Session

    from shouhou.cli.context import AppContext
    from shouhou.models import Customer, Device
    from shouhou.services.tickets.intake import NewCustomer, NewDevice

# A customer with more devices than this is asked for the serial after the first ones.
DEVICES_LISTED = 20


@dataclass
class Call:
    """What the call has settled; ``customer_name`` is for saying it back."""

    customer_id: int | None = None
    customer_name: str | None = None
    new_customer: NewCustomer | None = None
    device_id: int | None = None
    new_device: NewDevice | None = None
    severity: str = "3"
    symptom: str = ""

    @property
    def has_customer(self) -> bool:
        return self.customer_id is not None or self.new_customer is not None

    @property
    def has_device(self) -> bool:
        return self.device_id is not None or self.new_device is not None


@dataclass(frozen=True)
class _Unknown:
    """A serial typed at the device list that the database does not know."""

    serial: str


class Conversation:
    """One call: a read session for the look-ups while the clerk types (no write lock held)."""

    def __init__(
        self,
        app_ctx: AppContext,
        session: Session,
        *,
        phone: str | None,
        contact: str | None,
        create_customer: bool,
    ) -> None:
        self.app_ctx = app_ctx
        self.t = app_ctx.t
        self.s = session
        self.phone = phone
        self.contact = contact
        self.create_customer = create_customer
        self.call = Call()

    # -- the device ---------------------------------------------------------------------------

    def device(self, serial: str, *, customer_ref: str | None, typed: bool) -> None:
        """The device named by ``serial``; unknown → offer to register it (on a terminal)."""
        from shouhou.services.customers.devices import get_device

        while serial:
            try:
                found = get_device(self.s, serial)
            except NotFound:
                if not interactive():
                    raise
                if confirm(self.t, "prompt.register_device", serial=serial):
                    self.register(serial, customer_ref=customer_ref)
                    return
                serial = ask(self.t, "device", "prompt.device", default="")
                typed = True
                continue
            self.call.device_id = found.id
            self.call.customer_id = found.customer_id
            if typed:
                self.say_customer(self._customer(found.customer_id))
            return

    def register(self, serial: str, *, customer_ref: str | None) -> None:
        """An unknown serial, registered under the caller's customer with the ticket."""
        from shouhou.services.tickets.intake import NewDevice

        if not self.call.has_customer:
            self.customer(customer_ref, key="prompt.customer_for_device", serial=serial)
        t = self.t
        model = ask(t, "model", "prompt.model")
        accepted = ask_until(t, "accepted", "prompt.accepted", self._date("accepted"), default="")
        purchased = None
        if accepted is None:
            purchased = ask_until(
                t, "purchase-date", "prompt.purchase", self._date("purchase-date"), default=""
            )
        components = ask_until(t, "component", "prompt.components", parse_components, default="")
        self.call.new_device = NewDevice(
            serial=serial,
            model=model,
            accepted_on=accepted,
            purchase_date=purchased,
            components=components,
        )

    def offer_devices(self) -> None:
        """The matched customer's devices as a numbered list; a number, a serial or Enter."""
        from shouhou.services.customers.devices import device_views

        assert self.call.customer_id is not None
        t = self.t
        views = list(
            device_views(
                self.s,
                customer_id=self.call.customer_id,
                limit=DEVICES_LISTED + 1,
                on=self.app_ctx.today,
            )
        )
        if not views:
            return
        shown = views[:DEVICES_LISTED]
        message(t("prompt.devices_of", name=self.call.customer_name or ""))
        lines = [
            f"{v['serial']}  {v['model']}  ({t('warranty.' + v['warranty_state'])})" for v in shown
        ]
        for line in numbered(lines):
            message(line)
        if len(views) > DEVICES_LISTED:
            message(t("prompt.more_devices", count=len(views) - DEVICES_LISTED))
        while True:
            picked = ask_pick(t, "prompt.pick_device", len(shown), self._serial_of_customer)
            if picked is None:
                return
            if isinstance(picked, int):
                self.call.device_id = shown[picked - 1]["id"]
                return
            if isinstance(picked, _Unknown):
                if confirm(t, "prompt.register_device", serial=picked.serial):
                    self.register(picked.serial, customer_ref=None)
                    return
                continue
            self.call.device_id = picked.id
            return

    def _serial_of_customer(self, text: str) -> Device | _Unknown:
        from shouhou.services.customers.devices import get_device

        try:
            found = get_device(self.s, text)
        except NotFound:
            return _Unknown(text)
        if found.customer_id != self.call.customer_id:
            raise DomainError(
                "err.device_other_customer",
                serial=found.serial,
                customer=self.call.customer_name or "",
            )
        return found

    # -- the customer -------------------------------------------------------------------------

    def customer(self, ref: str | None, *, key: str = "prompt.customer", **fields: str) -> None:
        """Find the caller's customer; ambiguous → asked again; unknown → a new file, or (when
        that is declined) asked again. Without a terminal: an error, or ``--create-customer``."""
        from shouhou.services.customers.customers import resolve_customer

        while True:
            typed = ref is None
            if ref is None:
                ref = ask(self.t, "customer", key, **fields)
            try:
                found = resolve_customer(self.s, ref)
            except NotFound:
                if self.create_customer or (
                    interactive() and confirm(self.t, "prompt.create_customer", name=ref)
                ):
                    self.new_customer(ref)
                    return
                if not interactive():
                    raise
            except DomainError as exc:  # several match: say which, ask again
                if not interactive():
                    raise
                warn(problem(self.t, exc))
            else:
                self.call.customer_id = found.id
                self.call.customer_name = found.name
                if typed:
                    self.say_customer(found)
                return
            ref = None

    def new_customer(self, ref: str) -> None:
        """Open a file for a caller shouhou does not know: name, phone, contact, zone."""
        from shouhou.services.tickets.intake import NewCustomer

        t = self.t
        phone = self.phone
        looks_like_phone = ref.replace("-", "").replace(" ", "").isdigit()
        name = ask(t, "customer", "prompt.customer_name") if looks_like_phone else ref
        if phone is None and looks_like_phone:
            phone = ref
        contact = self.contact
        zone = "local"
        if interactive():
            if phone is None:
                phone = ask(t, "phone", "prompt.phone", default="") or None
            if contact is None:
                contact = ask(t, "contact", "prompt.contact", default="") or None
            zone = ask_choice(t, "prompt.zone", ZONE, default="1")
        self.call.new_customer = NewCustomer(name=name, phone=phone, contact=contact, zone=zone)
        self.call.customer_name = name

    def say_customer(self, customer: Customer) -> None:
        """``客户：上海申达机械有限公司 (#12, 021-…)`` — the clerk hears which one matched."""
        detail = ", ".join(x for x in (f"#{customer.id}", customer.phone) if x)
        message(self.t("prompt.customer_found", name=customer.name, detail=detail))

    def _customer(self, customer_id: int) -> Customer:
        from shouhou.services.customers.customers import get_customer

        found = get_customer(self.s, customer_id)
        self.call.customer_name = found.name
        return found

    def _date(self, field_name: str) -> Any:
        from shouhou.timeutil import parse_date

        today = self.app_ctx.today

        def parse(text: str) -> date | None:
            return parse_date(text, field=field_name, today=today) if text else None

        return parse


def parse_components(text: str) -> tuple[tuple[str, int], ...]:
    """``电机:120, 管路:12`` → ((电机, 120), (管路, 12)); full-width ``：``/``，`` accepted."""
    from shouhou.services.customers.devices import parse_component

    folded = unicodedata.normalize("NFKC", text).replace("、", ",").replace(";", ",")
    terms = tuple(parse_component(part) for part in folded.split(",") if part.strip())
    names = [name for name, _ in terms]
    if len(set(names)) != len(names):
        raise UsageError("err.duplicate_component", value=", ".join(names))
    return terms


def gather(
    app_ctx: AppContext,
    *,
    customer: str | None,
    device: str | None,
    phone: str | None,
    contact: str | None,
    severity: str | None,
    symptom: str | None,
    create_customer: bool,
) -> Call:
    """Settle customer, device, severity and symptom: flags first, the terminal for the rest.

    Runs before the write transaction so a clerk typing never holds the database lock.
    """
    t = app_ctx.t
    with app_ctx.session(create=True) as s:
        talk = Conversation(
            app_ctx, s, phone=phone, contact=contact, create_customer=create_customer
        )
        call = talk.call
        skipped = False
        if device is None and customer is None and phone is None and interactive():
            # The serial is optional; without a terminal the customer is what is missing.
            device = ask(t, "device", "prompt.device", default="") or None
            skipped = device is None
            typed = True
        else:
            typed = False
        if device:
            talk.device(device, customer_ref=customer or phone, typed=typed)
            skipped = not call.has_device
        if not call.has_customer:
            ref = customer or phone
            talk.customer(ref)
            if ref is None and skipped and call.customer_id is not None and interactive():
                talk.offer_devices()
        elif customer is not None and call.customer_id is not None and call.new_device is None:
            from shouhou.services.customers.customers import resolve_customer

            named = resolve_customer(s, customer)
            if named.id != call.customer_id:
                raise DomainError("err.device_other_customer", serial=device, customer=named.name)
    if severity is None:
        call.severity = ask_choice(t, "prompt.severity", SEVERITY, default="3")
    else:
        call.severity = severity  # the option's parser took any word of either language
    call.symptom = symptom or ask(t, "symptom", "prompt.symptom")
    return call
