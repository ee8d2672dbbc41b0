/// One self-contained HTML page to share with a manager: the ladder with the team's position, a grid of
/// capabilities by level, every check with its evidence and remedy, gaps and next steps. No scripts, fonts
/// or images from anywhere: it reads the same offline, in light and dark schemes, and on paper.
///
/// Machine-readable anchors (`data-level`, `data-score`, `data-check`, `data-status`) let a test read the
/// rendered DOM back and compare it with the JSON report.
public enum HTMLReporter: Reporter {
    public static let identifier = "html"

    public static func render(_ result: AuditResult, style: ReportStyle) -> String {
        var body: [String] = []
        let score = String(format: "%.1f", result.score)
        body.append("<header>")
        body.append("<h1>MLOps maturity: <span class=\"level\">Level \(result.level) · \(escape(result.levelName))</span> <span class=\"score\">\(score)</span></h1>")
        var about = escape(result.repository.path)
        if let commit = result.shortCommit { about += " @ <code>\(commit)</code>" }
        about += " · \(result.scan.files) files · ripen \(escape(style.toolVersion))"
        if !result.liveSystems.isEmpty { about += " · live: " + escape(result.liveSystems.joined(separator: ", ")) }
        body.append("<p class=\"about\">\(about)</p>")
        body.append("</header>")

        body.append(ladder(result))
        if let trend = result.trend { body.append(trendSection(trend)) }
        body.append(stepsSection("Gaps", "Recommended at level \(result.level) or below, not found: what a reviewer asks about first.",
                                 result.gaps, kind: "gap"))
        if result.level < 4 {
            body.append(stepsSection("Next steps", "Toward level \(result.level + 1), required first.", result.nextSteps,
                                     kind: "next"))
        }
        body.append(grid(result))
        body.append(checksSection(result))

        return page(title: "ripen · \(escape(result.headline))",
                    main: "data-level=\"\(result.level)\" data-score=\"\(score)\" data-level-name=\"\(escape(result.levelName))\"",
                    body: body.joined(separator: "\n"))
    }

    /// The self-contained page every HTML report shares: no request leaves it (the policy forbids them).
    static func page(title: String, main attributes: String, body: String, css extra: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(title)</title>
        <style>\(css)\(extra)</style>
        </head>
        <body>
        <main \(attributes)>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    // MARK: - Sections

    /// Five rungs; the reached ones filled, the next one filled by its progress.
    static func ladder(_ result: AuditResult) -> String {
        var rungs: [String] = []
        for level in result.levels {
            let number = level.definition.level
            let fill: Int
            if number <= result.level { fill = 100 } else if number == result.level + 1 { fill = Int((level.progress * 100).rounded(.down)) } else { fill = 0 }
            let state = number <= result.level ? "reached" : number == result.level + 1 ? "next" : "ahead"
            let here = number == result.level ? " <span class=\"here\">◀ you are here</span>" : ""
            rungs.append("""
                <li class="rung \(state)" data-rung="\(number)"><div class="bar"><div class="fill" style="width: \(fill)%"></div></div>\
                <span class="rung-label">\(number) · \(escape(level.definition.name))\(here)</span>\
                <span class="rung-state">\(number <= result.level ? "reached" : "\(fill) %")</span></li>
                """)
        }
        return "<section class=\"ladder\"><h2>The ladder</h2><ol reversed>\n\(rungs.reversed().joined(separator: "\n"))\n</ol></section>"
    }

    static func trendSection(_ trend: Trend) -> String {
        var items: [String] = []
        for change in trend.improved { items.append("<li class=\"improved\">▲ \(escape(change.line))</li>") }
        for change in trend.regressed { items.append("<li class=\"regressed\">▼ \(escape(change.line))</li>") }
        return "<section class=\"trend\" data-regressions=\"\(trend.regressed.count)\"><h2>Since the baseline</h2><p>\(escape(trend.headline)).</p><ul>\(items.joined())</ul></section>"
    }

    static func stepsSection(_ title: String, _ lead: String, _ steps: [NextStep], kind: String) -> String {
        guard !steps.isEmpty else { return "" }
        let items = steps.map { step -> String in
            let tag = step.required ? "required" : "recommended"
            var item = "<li data-step=\"\(escape(step.checkID))\" data-kind=\"\(kind)\"><strong>\(escape(step.title))</strong> "
            item += "<span class=\"tag\">\(tag) · level \(step.level)</span><br>\(escape(step.remedy.summary))"
            if let command = step.remedy.command { item += " <code class=\"command\">$ \(escape(command))</code>" }
            return item + "</li>"
        }
        return "<section class=\"steps \(kind)\"><h2>\(title)</h2><p class=\"lead\">\(escape(lead))</p><ol>\(items.joined())</ol></section>"
    }

    /// Capabilities in one column per level; a recommended capability of a reached level that fails is a gap.
    static func grid(_ result: AuditResult) -> String {
        let gaps = Set(result.gaps.map(\.capability))
        var columns: [String] = []
        for level in result.levels {
            let capabilities = result.capabilities.filter { $0.capability.level == level.definition.level }
            let cells = capabilities.map { capability -> String in
                let state = gaps.contains(capability.capability.id) ? "gap" : capability.status.rawValue
                let required = result.requirementLabel(capability).map { " <span class=\"tag\">\(escape($0))</span>" } ?? ""
                return "<li class=\"cap \(state)\" data-capability=\"\(escape(capability.capability.id))\" data-status=\"\(capability.status.rawValue)\">"
                    + "<span class=\"mark\">\(mark(state))</span> \(escape(capability.capability.title))\(required)</li>"
            }
            columns.append("<div class=\"column\"><h3>\(level.definition.level) · \(escape(level.definition.name))</h3><ul>\(cells.joined())</ul></div>")
        }
        return """
            <section class="grid"><h2>Capabilities</h2>
            <p class="legend"><span class="cap pass">✓ holds</span> <span class="cap gap">! gap</span> <span class="cap fail">✗ missing</span> <span class="cap not-assessed">? not assessed</span> <span class="cap not-applicable">– not applicable</span></p>
            <div class="columns">\(columns.joined())</div></section>
            """
    }

    static func checksSection(_ result: AuditResult) -> String {
        var rows: [String] = []
        for check in result.checks {
            var evidence: String
            switch check.status {
            case .pass:
                evidence = check.evidence.prefix(5).map { item in
                    let location = item.location.map { "<code>\(escape($0))</code> " } ?? (item.source == .probe ? "<code>live</code> " : "")
                    return "<div class=\"evidence\">\(location)\(escape(item.text))</div>"
                }.joined()
                if check.truncated || check.evidence.count > 5 { evidence += "<div class=\"evidence more\">…</div>" }
            default:
                evidence = check.evidence.prefix(5).map { "<div class=\"evidence\"><code>\(escape($0.location ?? $0.text))</code></div>" }.joined()
                if let reason = check.reason { evidence += "<div class=\"reason\">\(escape(reason))</div>" }
            }
            var remedy = ""
            if check.status != .pass {
                remedy = escape(check.check.remedy.summary)
                if let command = check.check.remedy.command { remedy += " <code class=\"command\">$ \(escape(command))</code>" }
            }
            rows.append("""
                <tr class="\(check.status.rawValue)" data-check="\(escape(check.check.id))" data-status="\(check.status.rawValue)">\
                <td class="mark">\(mark(check.status.rawValue))</td>\
                <td><code>\(check.check.id)</code><br>\(escape(check.check.title))\(check.attested ? " <span class=\"tag\">attested</span>" : "")</td>\
                <td>\(check.check.level)</td><td>\(escape(check.check.capability))</td>\
                <td>\(evidence)</td><td>\(remedy)</td></tr>
                """)
        }
        return """
            <section class="checks"><h2>Checks</h2>
            <table><thead><tr><th></th><th>Check</th><th>Level</th><th>Capability</th><th>Evidence or what was searched</th><th>Remedy</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></section>
            """
    }

    /// A status's mark, and `!` for a gap.
    static func mark(_ state: String) -> String { Status(rawValue: state)?.mark ?? "!" }

    static func escape(_ text: String) -> String { ReportEncoding.xml(text) }

    static let css = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
          --pass: #1a7f37; --fail: #cf222e; --gap: #9a6700; --unknown: #8250df; --na: #6e7781; --bar: #eaeef2; --accent: #0969da; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d;
            --pass: #3fb950; --fail: #f85149; --gap: #d29922; --unknown: #a371f7; --na: #9198a1; --bar: #262c36; --accent: #4493f8; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 14px; margin: 0 0 6px; color: var(--muted); }
        .score { color: var(--accent); font-variant-numeric: tabular-nums; }
        .about, .lead, .legend { color: var(--muted); margin: 4px 0; }
        code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
        .ladder ol { list-style: none; padding: 0; margin: 0; }
        .rung { display: grid; grid-template-columns: 220px 1fr 80px; gap: 12px; align-items: center; margin: 6px 0; }
        .rung .bar { grid-column: 2; height: 14px; background: var(--bar); border-radius: 7px; overflow: hidden; }
        .rung .fill { height: 100%; background: var(--pass); }
        .rung.next .fill { background: var(--accent); }
        .rung-label { grid-column: 1; grid-row: 1; font-weight: 600; }
        .rung.ahead .rung-label { color: var(--muted); font-weight: 400; }
        .rung-state { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; }
        .here { color: var(--accent); font-weight: 600; }
        .tag { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 10px; padding: 0 6px; }
        .steps li { margin: 6px 0; }
        .command { color: var(--accent); }
        .columns { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 12px; }
        .columns ul { list-style: none; padding: 0; margin: 0; }
        .cap { display: block; padding: 4px 8px; margin: 4px 0; border-left: 4px solid var(--na); background: var(--bar); border-radius: 4px; font-size: 13px; }
        .legend .cap { display: inline-block; }
        .cap.pass { border-color: var(--pass); } .cap.fail { border-color: var(--fail); } .cap.gap { border-color: var(--gap); }
        .cap.not-assessed { border-color: var(--unknown); }
        .cap.pass .mark { color: var(--pass); } .cap.fail .mark { color: var(--fail); } .cap.gap .mark { color: var(--gap); }
        .cap.not-assessed .mark { color: var(--unknown); }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
        td.mark { font-weight: 700; }
        tr.pass td.mark { color: var(--pass); } tr.fail td.mark { color: var(--fail); } tr.not-assessed td.mark { color: var(--unknown); }
        .evidence { margin: 2px 0; } .reason { color: var(--muted); overflow-wrap: anywhere; }
        .trend .improved { color: var(--pass); } .trend .regressed { color: var(--fail); }
        @media (max-width: 900px) { .columns { grid-template-columns: 1fr 1fr; } .rung { grid-template-columns: 160px 1fr 60px; } }
        @media print {
          body { background: #fff; color: #000; font-size: 11px; } main { max-width: none; padding: 0; }
          .checks { break-before: page; } tr { break-inside: avoid; } .columns { grid-template-columns: repeat(5, 1fr); }
        }
        """
}
