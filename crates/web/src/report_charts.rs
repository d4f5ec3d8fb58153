//! Charts of the review reports drawn on the server as inline SVG: no script, no external file, only
//! presentation attributes (the content security policy forbids inline styles), dark and grey fills
//! with black outlines and every value written beside its mark, so that they print well in black and
//! white.

use crate::templates::escape_into;
use std::fmt::Write;

/// One group of bars: a figure in the period and in the period before.
pub struct Bar {
    pub label: String,
    pub current: i64,
    pub previous: i64,
}

const WIDTH: i64 = 720;
const CURRENT_FILL: &str = "#1f4e79";
const PREVIOUS_FILL: &str = "#c8c8c8";
const SERIES: [(&str, &str); 4] = [
    ("#1f4e79", ""),
    ("#000000", "6 4"),
    ("#7f7f7f", "2 3"),
    ("#c55a11", "10 3 2 3"),
];

fn esc(s: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, s);
    out
}

/// A rounded-up top of the scale: 1, 2 or 5 times a power of ten, at least `max`.
fn nice_max(max: i64) -> i64 {
    let mut step = 1i64;
    loop {
        for m in [1, 2, 5] {
            if step.saturating_mul(m) >= max {
                return (step * m).max(1);
            }
        }
        step = step.saturating_mul(10);
    }
}

fn thousands(n: i64) -> String {
    thidua_domain::format::money_vnd(n)
        .trim_end_matches(" đ")
        .to_owned()
}

/// A bar chart of `bars`, two bars each (the period, the period before), with a legend.
pub fn bar_chart(title: &str, current: &str, previous: &str, bars: &[Bar]) -> String {
    let left = 190i64;
    let row = 34i64;
    let top = 44i64;
    let height = top + row * bars.len() as i64 + 24;
    let max = nice_max(
        bars.iter()
            .map(|b| b.current.max(b.previous))
            .max()
            .unwrap_or(0)
            .max(1),
    );
    let plot = WIDTH - left - 70;
    let scale = |v: i64| (v.max(0) as f64 / max as f64 * plot as f64).round() as i64;
    let mut s = String::new();
    let id = format!("c{}", title.len() * 31 + bars.len());
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}"><title id="{id}">{}</title>"#,
        esc(title)
    );
    let _ = write!(
        s,
        r##"<text x="0" y="16" font-size="15" font-weight="bold" fill="#000">{}</text>"##,
        esc(title)
    );
    // Legend.
    let _ = write!(
        s,
        r##"<rect x="{left}" y="24" width="14" height="10" fill="{CURRENT_FILL}" stroke="#000"/><text x="{}" y="33" font-size="12" fill="#000">{}</text><rect x="{}" y="24" width="14" height="10" fill="{PREVIOUS_FILL}" stroke="#000"/><text x="{}" y="33" font-size="12" fill="#000">{}</text>"##,
        left + 20,
        esc(current),
        left + 200,
        left + 220,
        esc(previous)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i as i64;
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#000">{}</text>"##,
            left - 8,
            y + 17,
            esc(&b.label)
        );
        for (k, (v, fill)) in [(b.current, CURRENT_FILL), (b.previous, PREVIOUS_FILL)]
            .into_iter()
            .enumerate()
        {
            let by = y + 4 + 13 * k as i64;
            let w = scale(v);
            let _ = write!(
                s,
                r##"<rect x="{left}" y="{by}" width="{w}" height="12" fill="{fill}" stroke="#000" stroke-width="0.6"/><text x="{}" y="{}" font-size="11" fill="#000">{}</text>"##,
                left + w + 4,
                by + 10,
                thousands(v)
            );
        }
    }
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{}" x2="{left}" y2="{}" stroke="#000"/></svg>"##,
        top - 2,
        height - 20
    );
    s
}

/// A line chart: one line per series over the labels of the x axis (years), values written at
/// each point.
pub fn line_chart(title: &str, labels: &[String], series: &[(String, Vec<i64>)]) -> String {
    let (left, right, top, bottom) = (60i64, 20i64, 50i64, 40i64);
    let height = 280i64;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let max = nice_max(
        series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1),
    );
    let n = labels.len().max(1) as i64;
    let x = |i: usize| {
        if n == 1 {
            left + plot_w / 2
        } else {
            left + plot_w * i as i64 / (n - 1)
        }
    };
    let y = |v: i64| top + plot_h - (v.max(0) as f64 / max as f64 * plot_h as f64).round() as i64;
    let mut s = String::new();
    let id = format!("l{}", title.len() * 17 + labels.len());
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}"><title id="{id}">{}</title>"#,
        esc(title)
    );
    let _ = write!(
        s,
        r##"<text x="0" y="16" font-size="15" font-weight="bold" fill="#000">{}</text>"##,
        esc(title)
    );
    let mut lx = left;
    for (k, (name, _)) in series.iter().enumerate() {
        let (color, dash) = SERIES[k % SERIES.len()];
        let _ = write!(
            s,
            r##"<line x1="{lx}" y1="30" x2="{}" y2="30" stroke="{color}" stroke-width="2.5" stroke-dasharray="{dash}"/><text x="{}" y="34" font-size="12" fill="#000">{}</text>"##,
            lx + 28,
            lx + 34,
            esc(name)
        );
        lx += 40 + 8 * name.chars().count() as i64;
    }
    // Axes and the scale's top.
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{top}" x2="{left}" y2="{}" stroke="#000"/><line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#000"/><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#000">{}</text><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#000">0</text>"##,
        top + plot_h,
        top + plot_h,
        left + plot_w,
        top + plot_h,
        left - 6,
        top + 4,
        thousands(max),
        left - 6,
        top + plot_h + 4
    );
    for (i, l) in labels.iter().enumerate() {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#000">{}</text>"##,
            x(i),
            top + plot_h + 18,
            esc(l)
        );
    }
    for (k, (_, values)) in series.iter().enumerate() {
        let (color, dash) = SERIES[k % SERIES.len()];
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", x(i), y(*v)))
            .collect();
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2.5" stroke-dasharray="{dash}"/>"##,
            points.join(" ")
        );
        for (i, v) in values.iter().enumerate() {
            let _ = write!(
                s,
                r##"<circle cx="{}" cy="{}" r="3.5" fill="{color}" stroke="#000" stroke-width="0.6"/><text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#000">{}</text>"##,
                x(i),
                y(*v),
                x(i),
                y(*v) - 8,
                thousands(*v)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_write_their_values_and_escape_their_labels() {
        let svg = bar_chart(
            "Kết quả <năm>",
            "Năm 2023",
            "Năm 2022",
            &[Bar {
                label: "Sáng kiến & ý tưởng".into(),
                current: 1234,
                previous: 7,
            }],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("1.234") && svg.contains(">7<"));
        assert!(svg.contains("&lt;năm&gt;") && svg.contains("&amp; ý tưởng"));
        assert!(!svg.contains("style="));
        let line = line_chart(
            "Xu hướng",
            &["2021".into(), "2022".into()],
            &[("Sáng kiến".into(), vec![3, 5])],
        );
        assert!(line.contains("<polyline") && line.contains(">2022<"));
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(120), 200);
        assert_eq!(nice_max(1), 1);
    }
}
