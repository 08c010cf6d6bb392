"""The document renderer: template lookup, filters, escaping, missing values, PDF plumbing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from shouhou import render
from shouhou.errors import DomainError, UsageError
from tests.templates import samples

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("ticket_sheet", "return_slip")
LANGS = ("zh", "en")
FORMATS = ("html", "txt", "md")
SCRIPT = "<script>alert('x')</script>"


def full(doc: str, lang: str) -> dict[str, Any]:
    return {
        ("ticket_sheet", "zh"): samples.ticket_sheet_zh,
        ("ticket_sheet", "en"): samples.ticket_sheet_en,
        ("return_slip", "zh"): samples.return_slip_zh,
        ("return_slip", "en"): samples.return_slip_en,
    }[doc, lang]()


def minimal(doc: str, lang: str) -> dict[str, Any]:
    if doc == "ticket_sheet":
        return samples.ticket_sheet_minimal(lang)
    return samples.return_slip_minimal(lang)


# --- templates and environment ---------------------------------------------------------------


def test_templates_dir_from_checkout() -> None:
    assert render.templates_dir() == ROOT / "templates"
    assert (render.templates_dir() / "base.html.j2").is_file()


def test_templates_dir_prefers_packaged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "shouhou"
    (package / "templates").mkdir(parents=True)
    monkeypatch.setattr(render, "__file__", str(package / "render.py"))
    assert render.templates_dir() == package / "templates"


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_document_exists_in_both_languages_and_all_formats(
    doc: str, lang: str, fmt: str
) -> None:
    assert (render.templates_dir() / render.template_name(doc, fmt, lang)).is_file()


def test_both_languages_have_the_same_words() -> None:
    env = render.environment()
    zh = env.get_template("labels.zh.j2").module
    en = env.get_template("labels.en.j2").module
    for group in ("common", "sheet", "slip", "txt"):
        assert getattr(zh, group).keys() == getattr(en, group).keys(), group
    assert len(zh.sheet["scale"]) == len(en.sheet["scale"]) == 5


def test_environment_is_cached_and_autoescapes_html_only() -> None:
    env = render.environment()
    assert env is render.environment()
    assert env.autoescape("ticket_sheet.zh.html.j2") is True
    assert env.autoescape("_ticket_sheet.html.j2") is True
    assert env.autoescape("ticket_sheet.zh.txt.j2") is False
    assert env.autoescape("ticket_sheet.zh.md.j2") is False
    assert {"money", "dt", "pad", "wrap", "md"} <= set(env.filters)


def test_importing_render_does_not_import_jinja2() -> None:
    code = "import sys, shouhou.render; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_undefined_values_fail_loudly() -> None:
    from jinja2 import UndefinedError

    context = samples.ticket_sheet_zh()
    del context["ticket"]["symptom"]
    with pytest.raises(UndefinedError):
        render.render_document("ticket_sheet", "html", "zh", context)


# --- render_document ---------------------------------------------------------------------------


def test_json_is_the_context_itself() -> None:
    context = samples.ticket_sheet_zh()
    out = render.render_document("ticket_sheet", "json", "zh", context)
    assert json.loads(out) == context
    assert "售后" not in out or "无锡华润食品冷链有限公司" in out  # not \u-escaped
    assert "\\u" not in out


def test_json_serialises_decimals_and_dates() -> None:
    out = render.render_document("x", "json", "en", {"a": Decimal("1.50"), "d": date(2026, 1, 2)})
    assert json.loads(out) == {"a": "1.50", "d": "2026-01-02"}


@pytest.mark.parametrize(("fmt", "lang"), [("pdf", "zh"), ("docx", "en"), ("html", "fr")])
def test_unknown_format_or_language_is_a_usage_error(fmt: str, lang: str) -> None:
    with pytest.raises(UsageError) as caught:
        render.render_document("ticket_sheet", fmt, lang, samples.ticket_sheet_zh())
    assert caught.value.key == "err.bad_choice"
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("lang", LANGS)
def test_script_in_customer_text_is_escaped_in_html(doc: str, lang: str) -> None:
    context = full(doc, lang)
    context["ticket"]["symptom"] = SCRIPT
    context["customer"]["name"] = 'A & B "Co" <b>'
    html = render.render_document(doc, "html", lang, context)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "A &amp; B &#34;Co&#34; &lt;b&gt;" in html


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("lang", LANGS)
def test_script_in_customer_text_is_kept_verbatim_in_txt(doc: str, lang: str) -> None:
    context = full(doc, lang)
    context["ticket"]["symptom"] = SCRIPT
    txt = render.render_document(doc, "txt", lang, context)
    assert SCRIPT in txt
    assert "&lt;" not in txt and "&#39;" not in txt


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("lang", LANGS)
def test_script_in_customer_text_cannot_become_markdown_html(doc: str, lang: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    context = full(doc, lang)
    context["ticket"]["symptom"] = SCRIPT + "\n# not a heading\n- not a list | *nor* _this_"
    md = render.render_document(doc, "md", lang, context)
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "<h1>not a heading" not in html
    assert "<em>" not in html


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_optional_values_render_cleanly(doc: str, lang: str, fmt: str) -> None:
    out = render.render_document(doc, fmt, lang, minimal(doc, lang))
    for bad in ("None", "none", "null", "Undefined", "nan"):
        assert bad not in out.replace("display: none", ""), bad
    assert out.endswith("\n")


def test_ticket_sheet_shows_the_domain_fields() -> None:
    html = render.render_document("ticket_sheet", "html", "zh", samples.ticket_sheet_zh())
    for word in (
        "售后服务报告单",
        "SH2611-0042",
        "无锡华润食品冷链有限公司",
        "HL2403-00817",
        "故障现象",
        "故障原因",
        "处理措施",
        "冷凝风机电机 YWF4E-450",
        "4.5 小时",
        "2,697.00",
        "张伟",
        "到达时间",
        "完成时间",
        "服务质量",
        "服务态度",
        "客户签字",
        "工程师签字",
    ):
        assert word in html, word
    assert html.count('class="box ticked"') == 2  # quality 5, attitude 4


def test_ticket_sheet_in_warranty_is_free_of_charge() -> None:
    txt = render.render_document("ticket_sheet", "txt", "en", samples.ticket_sheet_en())
    assert "In warranty — free of charge" in txt
    assert "Amount due          0.00" in txt
    assert "HL-SPARE-03" in txt and "not yet returned" in txt
    assert txt.count("☐") == 10 and "☑" not in txt  # not rated yet


def test_waived_out_of_warranty_repair_says_approved_free() -> None:
    context = samples.ticket_sheet_zh()
    context["ticket"]["chargeable"] = False
    html = render.render_document("ticket_sheet", "html", "zh", context)
    assert "免费服务（保外特批）" in html
    assert "保修期内 — 免费服务" not in html


def test_return_slip_exchange_shows_both_serials_and_approval() -> None:
    txt = render.render_document("return_slip", "txt", "zh", samples.return_slip_zh())
    assert "换货单" in txt
    assert "☑ 换货" in txt and "☐ 退货" in txt
    assert "HL2609-00311" in txt and "HL2611-00502" in txt
    for word in ("产品基本情况", "退换货原因", "检验意见", "管理层审批", "审批人签字", "客户签字"):
        assert word in txt, word


def test_return_slip_return_has_no_serial_lines() -> None:
    html = render.render_document("return_slip", "html", "en", samples.return_slip_en())
    assert "Return Slip" in html
    assert "Replacement serial" not in html


def test_txt_lines_fit_the_page_width() -> None:
    for doc in DOCS:
        for lang in LANGS:
            txt = render.render_document(doc, "txt", lang, full(doc, lang))
            for line in txt.splitlines():
                if "  " in line and line.lstrip()[:1].isdigit():
                    continue  # charge lines end in a free-length description
                assert render.display_width(line) <= 76, line


def test_company_header_is_omitted_when_empty() -> None:
    context = samples.ticket_sheet_minimal("en")
    html = render.render_document("ticket_sheet", "html", "en", context)
    assert 'class="company"' not in html
    txt = render.render_document("ticket_sheet", "txt", "en", context)
    assert txt.startswith("=" * 76)
    md = render.render_document("ticket_sheet", "md", "en", context)
    assert md.startswith("# Service Report")


def test_html_is_self_contained_with_print_css() -> None:
    html = render.render_document("ticket_sheet", "html", "zh", samples.ticket_sheet_zh())
    assert "@page { size: A4; margin: 15mm; }" in html
    assert '"Noto Sans CJK SC"' in html
    assert '<html lang="zh-CN">' in html
    for external in ("http://", "https://", "<link", "<script", "@import", "url("):
        assert external not in html, external


# --- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.5"), "1,234.50"),
        ("1234.5", "1,234.50"),
        ("0.005", "0.01"),
        (1234567, "1,234,567.00"),
        ("-80", "-80.00"),
        ("1,280.00", "1,280.00"),
        (None, ""),
        ("", ""),
        ("n/a", "n/a"),
    ],
)
def test_money(value: Any, expected: str) -> None:
    assert render.money(value) == expected


def test_dt() -> None:
    assert render.dt("2026-11-23 14:30") == "2026-11-23 14:30"
    assert render.dt("2026-11-23T14:30:59") == "2026-11-23 14:30"
    assert render.dt("2026-11-23") == "2026-11-23"
    assert render.dt(None) == "" and render.dt("") == ""
    assert render.dt("soon") == "soon"
    aware = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
    assert render.dt(aware) == aware.astimezone().strftime("%Y-%m-%d %H:%M")
    assert render.dt("2026-11-23T06:30:00Z") == render.dt(aware)
    plus8 = datetime(2026, 11, 23, 14, 30, tzinfo=timezone(timedelta(hours=8)))
    assert render.dt(plus8.isoformat()) == plus8.astimezone().strftime("%Y-%m-%d %H:%M")


def test_pad_counts_cjk_as_two_columns() -> None:
    assert render.pad("配件", 6) == "配件  "
    assert render.pad("12.00", 8, "right") == "   12.00"
    assert render.pad("ab", 6, "center") == "  ab  "
    assert render.pad(None, 3) == "   "
    assert render.pad("冷凝风机电机", 7) == "冷凝风…"
    assert render.pad("冷凝风机电机", 6) == "冷凝… "
    assert render.display_width(render.pad("冷凝风机电机", 6)) == 6
    assert render.pad("abcdefgh", 5) == "abcd…"


def test_wrap_keeps_within_width_and_breaks() -> None:
    text = "压缩机运行约 10 分钟后高压保护跳闸，排气温度偏高。Replaced the fan motor.\n第二段"
    out = render.wrap(text, 20, "  ")
    lines = out.splitlines()
    assert all(render.display_width(line) <= 20 for line in lines)
    assert lines[-1] == "  第二段"
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(
        " ", ""
    ).replace("\n", "")
    assert render.wrap("a " + "x" * 30, 10) == "a\n" + "x" * 10 + "\n" + "x" * 10 + "\n" + "x" * 10
    assert render.wrap(None) == ""


def test_md_escape() -> None:
    assert render.md("a|b") == "a\\|b"
    assert render.md("*x* _y_ [z](u) `c` <b> & ~s~") == (
        "\\*x\\* \\_y\\_ \\[z\\](u) \\`c\\` \\<b\\> \\& \\~s\\~"
    )
    assert render.md("# h\n- l\n1. o\n4.5 h\n-5") == "\\# h  \n\\- l  \n1\\. o  \n4.5 h  \n-5"
    assert render.md("a\nb", cell=True) == "a<br>b"
    assert render.md(None) == ""


# --- PDF plumbing (Chromium itself is exercised in tests/test_pdf.py) ---------------------------


def test_pdf_without_chromium_says_how_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DomainError) as caught:
        render.html_to_pdf("<p>x</p>", tmp_path / "x.pdf")
    assert caught.value.key == "err.pdf_unavailable"
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_failure_is_a_domain_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DomainError) as caught:
        render.html_to_pdf("<p>x</p>", tmp_path / "x.pdf")
    assert caught.value.key == "err.pdf_failed"
    assert caught.value.fields["detail"] == "cannot open display"


def test_pdf_messages_exist_in_both_languages() -> None:
    from shouhou.catalog.render import MESSAGES

    english, chinese = MESSAGES["err.pdf_unavailable"]
    assert english.startswith("error: PDF needs Chromium — ")
    assert "apt-get install chromium" in english and "--format html" in english
    assert chinese.startswith("错误：") and "Chromium" in chinese
    assert (
        "{detail}" in MESSAGES["err.pdf_failed"][0] and "{detail}" in MESSAGES["err.pdf_failed"][1]
    )


def test_pdf_page_count(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
        b"2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n"
        b"3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n"
    )
    assert render.pdf_page_count(pdf) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_warranty_note_equal_to_the_verdict_is_not_repeated(fmt: str) -> None:
    context = samples.ticket_sheet_en()
    context["ticket"]["warranty_note"] = "in warranty"
    out = render.render_document("ticket_sheet", fmt, "en", context)
    assert "In warranty" in out
    assert "in warranty" not in out.replace("In warranty — free", "")
