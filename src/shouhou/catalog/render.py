"""Messages of the document renderer (sheets, slips, PDF)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "err.pdf_unavailable": (
        "error: PDF needs Chromium — install it (apt-get install chromium) or use --format html "
        "and print from a browser",
        "错误：生成 PDF 需要 Chromium — 请安装（apt-get install chromium），"
        "或使用 --format html 后在浏览器中打印",
    ),
    "err.pdf_failed": (
        "error: Chromium could not print the PDF ({detail}) — use --format html and print from "
        "a browser",
        "错误：Chromium 未能生成 PDF（{detail}）— 请使用 --format html 后在浏览器中打印",
    ),
}
