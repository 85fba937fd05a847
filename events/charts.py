"""Charts drawn on the server by pygal, served as standalone SVG images (no script runs)."""

import pygal
from pygal.style import Style

from events.relations import YearActivity

# Dark enough on white for WCAG's 3:1 contrast of graphical objects.
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f24",
    foreground_strong="#1b1f24",
    foreground_subtle="#4a5560",
    colors=("#0b5394", "#a34700"),
    font_family="system-ui, sans-serif",
    # Large enough to stay legible when the 720-px chart is scaled down to a phone's width.
    title_font_size=22,
    label_font_size=16,
    major_label_font_size=16,
    legend_font_size=18,
    value_font_size=16,
)


def activity_chart_svg(activity: list[YearActivity], *, title: str) -> str:
    """A bar chart of meetings and agreements per year, as an SVG document."""
    chart = pygal.Bar(
        style=CHART_STYLE,
        title=title,
        width=720,
        height=360,
        js=[],  # pygal links its tooltip script from a CDN by default; we load nothing external
        show_y_guides=True,
        print_values=False,
        legend_at_bottom=True,
        y_title="Number recorded",
        no_data_text="No meetings recorded",
    )
    chart.x_labels = [str(row.year) for row in activity]
    top = max((max(row.meetings, row.agreements) for row in activity), default=1)
    if top <= 10:  # whole numbers on the axis; pygal would otherwise mark halves
        chart.y_labels = list(range(0, top + 1))
    chart.add("Meetings", [row.meetings for row in activity])
    chart.add("Agreements signed", [row.agreements for row in activity])
    return chart.render(is_unicode=True)
