"""The visit summary as one self-contained HTML page (Jinja2, autoescaped).

Everything is inline: styles, the pygal charts and the body outline as SVG; nothing is
fetched and no script is needed to read it. The person's text is escaped by the
template engine, so a note holding `<script>` shows as text.
"""

from __future__ import annotations

from importlib.resources import files

from sorelog.analysis.visit_summary import Summary
from sorelog.render.report import LEVEL_NAME, flag_document

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
    )
    report = summary.report
    body = files("sorelog.render").joinpath("assets/body.svg").read_text(encoding="utf-8")
    shading = "\n".join(
        f".body .part-{part} {{ fill: rgba({SHADE}, {0.15 + 0.85 * peak / 10:.2f}); }}"
        for part, peak in sorted(summary.peaks.items())
        if peak > 0
    )
    return env.get_template("summary.html.j2").render(
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
