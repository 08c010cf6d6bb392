"""Light enums used in command signatures and models (imports nothing heavy)."""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class DocFormat(StrEnum):
    html = "html"
    md = "md"
    txt = "txt"
    json = "json"
    pdf = "pdf"


class Zone(StrEnum):
    """Distance class of a customer site; decides the on-site deadline (DOMAIN §2)."""

    local = "local"
    nearby = "nearby"
    remote = "remote"


class Severity(StrEnum):
    """Fault level 故障等级: 1 critical 重大, 2 major 主要, 3 minor 次要."""

    critical = "1"
    major = "2"
    minor = "3"


class Channel(StrEnum):
    phone = "phone"
    email = "email"
    web = "web"
    fax = "fax"
    walk_in = "walk-in"
    onsite = "onsite"
    remote = "remote"


class TicketStatus(StrEnum):
    new = "new"
    assigned = "assigned"
    responded = "responded"
    in_progress = "in_progress"
    resolved = "resolved"
    closed = "closed"
    cancelled = "cancelled"


class SupportMode(StrEnum):
    phone = "phone"
    remote = "remote"
    onsite = "onsite"
    depot = "depot"


class Cause(StrEnum):
    """Cause of a fault; decides who pays (DOMAIN §1 warranty exclusions)."""

    design = "design"
    quality = "quality"
    transport = "transport"
    installation = "installation"
    misuse = "misuse"
    wear = "wear"
    force_majeure = "force-majeure"
    supplier_part = "supplier-part"
    unauthorised_repair = "unauthorised-repair"
    site_not_to_spec = "site-not-to-spec"
    unknown = "unknown"


class YesNo(StrEnum):
    """A yes/no flag given as a value (``device edit --serial-tampered yes``)."""

    yes = "yes"
    no = "no"


class ReturnKind(StrEnum):
    return_ = "return"
    exchange = "exchange"


class Milestone(StrEnum):
    reply = "reply"
    onsite = "onsite"
    resolve = "resolve"


class Role(StrEnum):
    """Who may do what (DOMAIN §1 approvals): a manager approves an estimate above the
    threshold, the general manager a free repair out of warranty."""

    clerk = "clerk"
    engineer = "engineer"
    supervisor = "supervisor"
    manager = "manager"
    general_manager = "general-manager"
