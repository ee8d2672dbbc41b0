/// checkov's configuration file for generated templates: the framework, no download from checkov's vendor,
/// and the checks the playbook accepts, each with its reason as a comment.
enum CheckovConfiguration {
    static func render(_ context: GenerationContext, framework: String, what: String) -> String {
        let accepted = context.playbook.accepted(context.optionValues)
        var out = "# Every \(what) check must pass except these, each accepted for its reason:\n"
        for check in accepted { out += "#   \(check.id): \(check.why)\n" }
        out += YAMLTree.documents([YAMLTree.map([
            ("framework", YAMLTree.strings([framework])),
            // The checks ship with checkov: nothing to fetch from its vendor's service.
            ("skip-download", YAMLTree.bool(true)),
            ("skip-check", accepted.isEmpty ? nil : YAMLTree.strings(accepted.map(\.id))),
        ])])
        return out
    }
}
