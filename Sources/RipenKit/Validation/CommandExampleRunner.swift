/// Runs a command class's examples through the same classifier the audit uses: each `match` step must
/// be sorted into the class, no `miss` step may be.
public enum CommandExampleRunner {
    public static func run(_ kind: CommandClass, in catalogue: Catalogue) -> [String] {
        guard let examples = kind.examples else {
            return ["\(kind.location): command class '\(kind.id)' has no examples"]
        }
        var failures: [String] = []
        if examples.match.isEmpty { failures.append("\(kind.location): command class '\(kind.id)' has no matching example") }
        if examples.miss.isEmpty { failures.append("\(kind.location): command class '\(kind.id)' has no missing example") }
        for (expected, list) in [(true, examples.match), (false, examples.miss)] {
            for example in list where classes(of: example, catalogue.commandClasses).contains(kind.id) != expected {
                failures.append("\(kind.location): command class '\(kind.id)': \(expected ? "should match" : "should not match") '\(example)'")
            }
        }
        return failures
    }

    /// The classes one example step is sorted into.
    public static func classes(of example: String, _ vocabulary: [CommandClass]) -> Set<String> {
        let source = PipelineSource(root: "/nonexistent", files: [], maxFileSize: 0)
        let classifier = RunClassifier(vocabulary: vocabulary, source: source)
        var step = PipelineStep(file: "example", line: 1, script: example)
        var hosted = false
        if example.hasPrefix("uses: ") {
            step = PipelineStep(file: "example", line: 1, script: "", uses: String(example.dropFirst(6)))
        } else if example.hasPrefix("hosted: ") {
            step.script = String(example.dropFirst(8))
            hosted = true
        } else if example.hasPrefix("code: ") {
            step.script = "python -c " + shellQuoted(String(example.dropFirst(6)))
        }
        return Set(classifier.classify(step, hosted: hosted).keys)
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
