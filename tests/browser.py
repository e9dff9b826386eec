"""Headless Chromium for the tests that look at the visit summary as a browser shows it."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As root in a container Chromium needs --no-sandbox; the rest keep it off the network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic"]  # fmt: skip


def chromium(
    tmp_path: Path, *args: str, profile: str = "profile"
) -> subprocess.CompletedProcess[str]:
    """Run Chromium headless with a fresh profile under `tmp_path`."""
    assert CHROMIUM, "Chromium is needed for these tests (.ci/run installs it)"
    flags = [*FLAGS, f"--user-data-dir={tmp_path / profile}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=180)


def page_requests(tmp_path: Path, page: Path) -> set[str]:
    """The URLs a page itself asked for while loading (Chromium's own background requests,
    to its vendor, are told apart by the page's file:// site)."""
    log = tmp_path / f"{page.stem}.netlog.json"
    chromium(tmp_path, f"--log-net-log={log}", "--dump-dom", page.as_uri())
    document, _ = json.JSONDecoder().raw_decode(log.read_text(errors="replace"))
    names = {number: name for name, number in document["constants"]["logEventTypes"].items()}
    return {
        event["params"]["url"]
        for event in document["events"]
        if names.get(event["type"]) == "URL_REQUEST_START_JOB"
        and "site=file://" in str(event["params"].get("site_for_cookies", ""))
        and not event["params"]["url"].startswith(("file:", "data:"))
    }


def printed_text(tmp_path: Path, page: Path) -> str:
    """The page printed to PDF, read back as its words in one line."""
    pdf = tmp_path / f"{page.stem}.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def print_pdf(tmp_path: Path, page: Path, paper: str) -> Path:
    """The page printed by Chromium on `paper` (A4, letter): the size is given as the
    page's own `@page` rule, so its margins and breaks are the page's own."""
    sized = tmp_path / f"{page.stem}-{paper}.html"
    text = page.read_text(encoding="utf-8")
    sized.write_text(text.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1))
    pdf = tmp_path / f"{page.stem}-{paper}.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", sized.as_uri())
    assert pdf.exists(), f"Chromium printed nothing for {page}"
    return pdf


@dataclass(frozen=True)
class Word:
    """A word as printed: its page (from 1), its box in points, and the page's height."""

    page: int
    text: str
    top: float
    bottom: float
    page_height: float

    @property
    def height(self) -> float:
        """The glyph box's height: the font size times the font's ascent plus descent."""
        return self.bottom - self.top


def printed_words(pdf: Path) -> list[Word]:
    """Every word of a PDF with where poppler's text extraction puts it."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words: list[Word] = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.S), 1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        for top, bottom, text in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            words.append(Word(number, html.unescape(text), float(top), float(bottom), height))
    return words


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
