"""Headless Chromium for the tests that look at the visit summary as a browser shows it."""

from __future__ import annotations

import json
import shutil
import subprocess
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
