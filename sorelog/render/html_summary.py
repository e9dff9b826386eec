"""The visit summary as one self-contained HTML page (Jinja2, autoescaped).

Everything is inline: styles, the pygal charts and the body outline as SVG; nothing is
fetched and no script is needed to read it. The person's text is escaped by the
template engine, so a note holding `<script>` shows as text.
"""

from __future__ import annotations

from importlib.resources import files

from sorelog.analysis.visit_summary import Summary
from sorelog.domain.parts import PARTS
from sorelog.domain.safe_text import visible
from sorelog.render.levels import LEVEL_NAME
from sorelog.render.report import flag_document

SHADE = "178, 34, 34"  # the outline's red, more opaque as the peak rises


def render_summary(summary: Summary) -> str:
    """The page as a string: print it, or open it in any browser."""
    from jinja2 import Environment, PackageLoader
    from markupsafe import Markup

    from sorelog.render.svg_charts import checkin_chart, part_chart

    env = Environment(
        loader=PackageLoader("sorelog.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_inert,  # every value shown: control and bidi characters made visible
    )
    report = summary.report
    body = files("sorelog.render").joinpath("assets/body.svg").read_text(encoding="utf-8")
    shading = "\n".join(
        f"{_regions(part, side)} {{ fill: rgba({SHADE}, {0.15 + 0.85 * peak / 10:.2f}); }}"
        for (part, side), peak in sorted(summary.peaks.items(), key=lambda kv: kv[1])
        if peak > 0 and part in PARTS and side in SIDES
    )  # the highest peak last, so it wins where two sides share a region. Only parts and
    # sides sorelog knows become selectors: a row planted with another name is text only.
    notes = summary.notes[:MAX_NOTES]
    return env.get_template("summary.html.j2").render(
        notes=notes,
        more_notes=len(summary.notes) - len(notes),
        summary=summary,
        report=report,
        flags=[dict(flag_document(f), level_name=LEVEL_NAME[f.level]) for f in report.flags],
        charts=[
            Markup(part_chart(chart, report.window_start, report.as_of)) for chart in summary.charts
        ],
        checkin_svg=Markup(checkin_chart(summary.checkins)) if summary.checkins else None,
        body_svg=Markup(body),
        shading=Markup(shading),
    )


MAX_NOTES = 8  # the newest: the page is meant to print on two pages
SIDES = (None, "left", "right", "both")


def _inert(value: object) -> object:
    """What the template shows of a value: text with its control and bidirectional
    characters as visible escapes (Markup, the page's own drawing, is left as it is)."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def _regions(part: str, side: str | None) -> str:
    """The outline's regions for a part and side. The front view faces the reader, so the
    person's left is on the right there (ids end -r) and on the left seen from the back."""
    whole = f".body .part-{part}"
    if side not in ("left", "right"):
        return whole
    front, back = ("r", "l") if side == "left" else ("l", "r")
    single = f'{whole}:not([id$="-l"]):not([id$="-r"])'  # a region both sides share
    return f".body #front-{part}-{front}, .body #back-{part}-{back}, {single}"
