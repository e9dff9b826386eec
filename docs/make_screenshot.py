"""Regenerate docs/summary.png: the visit summary of the sample month, as Chromium draws it.

Run from the repository with sorelog installed: `python docs/make_screenshot.py`. The
month is made for a fixed day in a journal of its own under a temporary directory, so
the picture is the same whenever it is made and no real journal is touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from sorelog.services.sample_month import sample_month

LAST_DAY = date(2026, 11, 30)
WIDTH = 760  # about the page's printed width, so the charts are drawn at their own size
HEIGHT = 1950  # the whole page at that width
OUT = Path(__file__).resolve().parent / "summary.png"


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("make_screenshot: Chromium is needed (chromium or chromium-browser on PATH)")
    with tempfile.TemporaryDirectory() as tmp:
        place = Path(tmp)
        env = {
            **os.environ,
            "HOME": str(place),
            "SORELOG_DB": str(place / "sorelog.db"),
            "SORELOG_CONFIG": str(place / "config.toml"),
            "TZ": "UTC",
        }
        month = place / "month.json"
        month.write_text(json.dumps(sample_month(LAST_DAY)), encoding="utf-8")
        page = place / "summary.html"

        def sorelog(*args: str) -> None:
            subprocess.run([sys.executable, "-m", "sorelog", *args], env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip

        sorelog("import", str(month))
        sorelog("summary", "--as-of", LAST_DAY.isoformat(), "--days", "30", "-o", str(page))
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={place / 'profile'}", f"--window-size={WIDTH},{HEIGHT}",
             f"--screenshot={OUT}", page.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
