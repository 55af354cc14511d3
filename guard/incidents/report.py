"""`vigie incidents report`: one self-contained HTML file for the DPO, in French.

No script, no external font or image: the charts are SVG drawn here, so the file opens
offline, can be archived, and cannot call home. Every string from the log is escaped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timezone
from html import escape

from guard import __version__
from guard.detect.labels import Label, display_name
from guard.incidents.record import IncidentRecord
from guard.incidents.store import VerifyReport
from guard.policy.model import Policy

OUTCOME_FR = {
    "sent_clean": "Envoyé après nettoyage",
    "blocked": "Bloqué",
    "pseudonymized": "Pseudonymisé",
    "overridden": "Envoyé malgré l'alerte (contournement)",
    "cancelled": "Annulé par l'utilisateur",
    "warned_sent": "Envoyé après avertissement",
}
ACTION_FR = {"allow": "autoriser", "warn": "avertir", "redact": "pseudonymiser", "block": "bloquer"}
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
LABEL_COLOR = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(Label)}


def _week(minute: str) -> str:
    try:
        day = date.fromisoformat(minute[:10])
    except ValueError:
        return "?"
    year, week, _ = day.isocalendar()
    return f"{year}-S{week:02d}"


def _label_fr(name: str, count: int = 2) -> str:
    try:
        return display_name(Label(name), count, "fr")
    except ValueError:
        return name


def hbar_chart(title: str, items: Sequence[tuple[str, int]], color: str = "#3465a4") -> str:
    """Horizontal bars, one per item, value written at the end."""
    if not items:
        return f"<h2>{escape(title)}</h2><p class='empty'>Aucune donnée sur la période.</p>"
    bar_h, gap, left, width = 22, 6, 260, 420
    top = max(v for _, v in items) or 1
    height = len(items) * (bar_h + gap) + gap
    parts = [f"<h2>{escape(title)}</h2>",
             f"<svg role='img' aria-label='{escape(title, quote=True)}' width='{left + width + 60}' "
             f"height='{height}' viewBox='0 0 {left + width + 60} {height}' xmlns='http://www.w3.org/2000/svg'>"]
    for i, (name, value) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(1, round(width * value / top)) if value else 0
        parts.append(
            f"<text x='{left - 8}' y='{y + bar_h * 0.7:.0f}' text-anchor='end' class='lbl'>{escape(name)}</text>"
            f"<rect x='{left}' y='{y}' width='{w}' height='{bar_h}' fill='{color}'>"
            f"<title>{escape(name)} : {value}</title></rect>"
            f"<text x='{left + w + 6}' y='{y + bar_h * 0.7:.0f}' class='val'>{value}</text>")
    parts.append("</svg>")
    return "".join(parts)


def stacked_week_chart(title: str, weeks: Sequence[str], series: dict[str, dict[str, int]]) -> str:
    """Vertical stacked bars: one bar per ISO week, one colour per label, with a legend."""
    if not weeks:
        return f"<h2>{escape(title)}</h2><p class='empty'>Aucune donnée sur la période.</p>"
    labels = [label.value for label in Label if any(series[w].get(label.value) for w in weeks)]
    col_w, gap, chart_h, left, bottom = 34, 14, 220, 40, 46
    totals = [sum(series[w].values()) for w in weeks]
    top = max(totals) or 1
    width = left + len(weeks) * (col_w + gap) + gap
    legend_x = width + 20
    svg_w = legend_x + 200
    svg_h = max(chart_h + bottom + 10, 20 * len(labels) + 20)
    parts = [f"<h2>{escape(title)}</h2>",
             f"<svg role='img' aria-label='{escape(title, quote=True)}' width='{svg_w}' height='{svg_h}' "
             f"viewBox='0 0 {svg_w} {svg_h}' xmlns='http://www.w3.org/2000/svg'>",
             f"<line x1='{left}' y1='{chart_h + 10}' x2='{width}' y2='{chart_h + 10}' stroke='#555'/>",
             f"<text x='{left - 6}' y='18' text-anchor='end' class='val'>{top}</text>",
             f"<text x='{left - 6}' y='{chart_h + 10}' text-anchor='end' class='val'>0</text>"]
    for i, week in enumerate(weeks):
        x = left + gap + i * (col_w + gap)
        y = chart_h + 10
        for name in labels:
            n = series[week].get(name, 0)
            if not n:
                continue
            h = chart_h * n / top
            y -= h
            parts.append(f"<rect x='{x}' y='{y:.1f}' width='{col_w}' height='{h:.1f}' fill='{LABEL_COLOR[Label(name)]}'>"
                         f"<title>{escape(week)} — {escape(_label_fr(name, n))} : {n}</title></rect>")
        year, _, short = week.partition("-")
        parts.append(f"<text x='{x + col_w / 2:.0f}' y='{chart_h + 28}' text-anchor='middle' class='val'>"
                     f"{escape(short or week)}</text>")
        if i == 0 or not weeks[i - 1].startswith(year):
            parts.append(f"<text x='{x + col_w / 2:.0f}' y='{chart_h + 42}' text-anchor='middle' class='val'>"
                         f"{escape(year)}</text>")
    for j, name in enumerate(labels):
        y = 10 + j * 20
        parts.append(f"<rect x='{legend_x}' y='{y}' width='12' height='12' fill='{LABEL_COLOR[Label(name)]}'/>"
                     f"<text x='{legend_x + 18}' y='{y + 11}' class='lbl'>{escape(_label_fr(name))}</text>")
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{font-size:1.6em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
.lbl{font-size:12px;fill:#222}.val{font-size:11px;fill:#444}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}
.ok{color:#1a7f37}.bad{color:#b3261e;font-weight:bold}.empty{color:#777}
.note{color:#555;font-size:.9em}
"""


def render_report(records: Sequence[IncidentRecord], *, policy: Policy | None = None,
                  verify: VerifyReport | None = None, since: str | None = None,
                  now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    incidents = [r for r in records if r.kind == "incident"]
    weeks_series: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_label: Counter[str] = Counter()
    by_site: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    by_reason: Counter[str] = Counter()
    for r in incidents:
        week = _week(r.minute)
        weeks_series[week]  # a week with clean sends still shows
        for name, n in r.counts.items():
            weeks_series[week][name] += n
            by_label[name] += n
        by_site[r.site] += 1
        by_outcome[r.outcome] += 1
        if r.outcome == "overridden":
            by_reason[r.reason or "non précisé"] += 1
    reason_fr = {o.code: o.fr for o in (policy.override_reasons if policy else [])}
    reason_fr["autre"] = "Autre motif"
    weeks = sorted(weeks_series)
    period = (f"du {incidents[0].minute[:10]} au {incidents[-1].minute[:10]}" if incidents
              else "aucun incident")
    if verify is None:
        integrity = "<p class='note'>Intégrité du journal non vérifiée.</p>"
    elif verify.ok:
        integrity = (f"<p class='ok'>Intégrité du journal vérifiée : {verify.rows} ligne(s), "
                     "aucune modification ni suppression détectée"
                     + (f" (lignes 1 à {verify.purged_through} purgées selon la durée de conservation)"
                        if verify.purged_through else "") + ".</p>")
    else:
        items = "".join(f"<li>{escape(p)}</li>" for p in verify.problems[:50])
        integrity = f"<p class='bad'>Le journal a été modifié ou des lignes ont été supprimées :</p><ul>{items}</ul>"
    label_rows = "".join(
        f"<tr><td>{escape(_label_fr(name))}</td><td>{n}</td></tr>"
        for name, n in sorted(by_label.items(), key=lambda kv: -kv[1]))
    charts = [
        stacked_week_chart("Données détectées par semaine et par type", weeks, weeks_series),
        hbar_chart("Incidents par site", by_site.most_common(), "#3465a4"),
        hbar_chart("Suite donnée par l'utilisateur",
                   [(OUTCOME_FR.get(k, k), v) for k, v in by_outcome.most_common()], "#4e9a06"),
        hbar_chart("Contournements par motif",
                   [(reason_fr.get(k, k), v) for k, v in by_reason.most_common()], "#c4a000"),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='fr'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Vigie — rapport des incidents</title><style>{_CSS}</style></head><body>"
        "<h1>Vigie — rapport des quasi-fuites de données patient</h1>"
        f"<p>Période : {escape(period)}"
        + (f" (depuis le {escape(since[:10])})" if since else "")
        + f". Rapport établi le {escape(now.strftime('%d/%m/%Y à %H:%M UTC'))} par Vigie {escape(__version__)}.</p>"
        f"<p><strong>{len(incidents)}</strong> incident(s), <strong>{sum(by_label.values())}</strong> "
        f"donnée(s) identifiante(s) détectée(s), <strong>{by_outcome.get('overridden', 0)}</strong> contournement(s).</p>"
        + integrity
        + "<p class='note'>Ce rapport ne contient aucune donnée patient : le journal n'enregistre que le site, "
        "l'heure à la minute, le nombre de données détectées par type, la suite donnée et les versions.</p>"
        + "".join(charts)
        + "<h2>Total par type de donnée</h2>"
        + (f"<table><tr><th>Type</th><th>Nombre</th></tr>{label_rows}</table>" if label_rows
           else "<p class='empty'>Aucune donnée sur la période.</p>")
        + "</body></html>\n"
    )
