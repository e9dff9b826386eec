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

# The outline's shading, in distinct steps a legend can name: (lowest peak, highest, fill).
SHADES = ((1, 3, "#f4c7c0"), (4, 6, "#de6f5d"), (7, 10, "#9e1b1b"))
RED_FLAG_STROKE = "#000"  # a red-flag part gets a thick black outline besides its fill


def render_summary(summary: Summary) -> str:
    """The page as a string: print it, or open it in any browser."""
    from jinja2 import Environment, PackageLoader
    from markupsafe import Markup

    from sorelog.render.svg_charts import CHART_WIDTH, checkin_chart, part_chart, remedy_strip

    env = Environment(
        loader=PackageLoader("sorelog.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_inert,  # every value shown: control and bidi characters made visible
    )
    report = summary.report
    body = files("sorelog.render").joinpath("assets/body.svg").read_text(encoding="utf-8")
    return env.get_template("summary.html.j2").render(
        notes=summary.notes,
        summary=summary,
        report=report,
        flags=[dict(flag_document(f), level_name=LEVEL_NAME[f.level]) for f in report.flags],
        charts=[Markup(part_chart(chart)) for chart in summary.charts],
        strip=Markup(remedy_strip(summary.loose_remedies)) if summary.loose_remedies else None,
        checkin_svg=Markup(checkin_chart(summary.checkins, CHART_WIDTH + 80))
        if summary.checkins
        else None,
        body_svg=Markup(body),
        shading=Markup(outline_style(summary)),
        shades=SHADES,
    )


def outline_style(summary: Summary) -> str:
    """CSS that shades each sore part by the step its peak falls in, and outlines the
    parts with a red flag. Only parts and sides sorelog knows become selectors: a row
    planted with another name is text only."""
    known = sorted(
        ((key, peak) for key, peak in summary.peaks.items() if peak > 0 and _known(*key)),
        key=lambda kv: kv[1],
    )  # the highest peak last, so it wins where two sides share a region
    rules = [f"{_regions(*key)} {{ fill: {_shade(peak)}; }}" for key, peak in known]
    rules += [
        f"{_regions(*key)} {{ stroke: {RED_FLAG_STROKE}; stroke-width: 4; }}"
        for key in sorted(summary.red_parts, key=lambda k: (k[0], k[1] or ""))
        if _known(*key)
    ]
    return "\n".join(rules)


def _known(part: str | None, side: str | None) -> bool:
    return part in PARTS and side in SIDES


def _shade(peak: int) -> str:
    return next(fill for low, high, fill in SHADES if low <= peak <= high)


SIDES = (None, "left", "right", "both")


def _inert(value: object) -> object:
    """What the template shows of a value: text with its control and bidirectional
    characters as visible escapes (Markup, the page's own drawing, is left as it is)."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def _regions(part: str | None, side: str | None) -> str:
    """The outline's regions for a part and side. The front view faces the reader, so the
    person's left is on the right there (ids end -r) and on the left seen from the back."""
    whole = f".body .part-{part}"
    if side not in ("left", "right"):
        return whole
    front, back = ("r", "l") if side == "left" else ("l", "r")
    single = f'{whole}:not([id$="-l"]):not([id$="-r"])'  # a region both sides share
    return f".body #front-{part}-{front}, .body #back-{part}-{back}, {single}"
