/// An SVG badge for a README, "MLOps maturity | level 2 · 2.6", in the flat style of shields.io badges.
/// Deterministic: text widths come from a fixed per-character table, not from a font on this machine.
public enum BadgeReporter: Reporter {
    public static let identifier = "badge"

    /// One colour per level, from red (no MLOps) to bright green (full automation).
    static let colours = ["#e05d44", "#fe7d37", "#dfb317", "#97ca00", "#4c1"]

    public static func render(_ result: AuditResult, style: ReportStyle) -> String {
        let label = "MLOps maturity"
        let value = "level \(result.level) · \(String(format: "%.1f", result.score))"
        let labelWidth = width(label) + 10
        let valueWidth = width(value) + 10
        let total = labelWidth + valueWidth
        let colour = colours[min(max(result.level, 0), colours.count - 1)]
        let title = "\(label): \(value) (\(result.levelName))" + (result.trend.map { "; \($0.summary)" } ?? "")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="20" role="img" aria-label="\(escape(title))">
              <title>\(escape(title))</title>
              <linearGradient id="s" x2="0" y2="100%">
                <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
                <stop offset="1" stop-opacity=".1"/>
              </linearGradient>
              <clipPath id="r"><rect width="\(total)" height="20" rx="3" fill="#fff"/></clipPath>
              <g clip-path="url(#r)">
                <rect width="\(labelWidth)" height="20" fill="#555"/>
                <rect x="\(labelWidth)" width="\(valueWidth)" height="20" fill="\(colour)"/>
                <rect width="\(total)" height="20" fill="url(#s)"/>
              </g>
              <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
                <text x="\(labelWidth / 2)" y="15" fill="#010101" fill-opacity=".3">\(escape(label))</text>
                <text x="\(labelWidth / 2)" y="14">\(escape(label))</text>
                <text x="\(labelWidth + valueWidth / 2)" y="15" fill="#010101" fill-opacity=".3">\(escape(value))</text>
                <text x="\(labelWidth + valueWidth / 2)" y="14">\(escape(value))</text>
              </g>
            </svg>

            """
    }

    /// Approximate Verdana 11px advance widths, rounded up: wide enough that no text is clipped.
    static func width(_ text: String) -> Int {
        let total = text.reduce(0.0) { sum, character in
            switch character {
            case "i", "l", "j", "'", "|", ".", ",", ":", ";", "·", " ": sum + 3.9
            case "f", "r", "t", "I": sum + 4.9
            case "m", "w", "M", "W": sum + 10.7
            case "A"..."Z": sum + 7.8
            case "0"..."9": sum + 7.0
            default: sum + 6.8
            }
        }
        return Int(total.rounded(.up))
    }

    static func escape(_ text: String) -> String { ReportEncoding.xml(text) }
}
