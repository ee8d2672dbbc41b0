/// An audit plan with its scanner built (the literal automaton, the selector index): a few tens of
/// milliseconds of work that depends only on the checks, so a session builds it once per set of checks
/// and every repository audited with those checks reuses it.
struct PreparedSearch: Sendable {
    let plan: AuditPlan
    let scanner: ContentScanner

    init(_ catalogue: Catalogue, maxFileSize: Int) {
        plan = AuditPlan(catalogue.checks, commandClasses: catalogue.commandClasses)
        scanner = ContentScanner(queries: plan.queries, maxFileSize: maxFileSize)
    }
}
