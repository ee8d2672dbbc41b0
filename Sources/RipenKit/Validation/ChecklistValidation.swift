import Foundation

/// `ripen validate`: every problem in a set of checklists, including examples that do not hold.
public enum ChecklistValidation {
    public struct Report: Sendable {
        public var checks = 0
        public var examples = 0
        public var problems: [String] = []
    }

    /// Validates `directories` on top of the built-in catalogue, or the built-in catalogue itself.
    public static func run(directories: [URL]) -> Report {
        var report = Report()
        var sources: [[Checklist]] = []
        var issues: [SpecIssue] = []
        do {
            sources.append(try ChecklistLoader.builtIn())
        } catch {
            issues += error.issues
        }
        for directory in directories {
            do {
                sources.append(try ChecklistLoader.load(directory: directory, displayPrefix: directory.relativePath))
            } catch {
                issues += error.issues
            }
        }
        // Files that do not load say so; checking how they fit together would only add noise.
        guard issues.isEmpty else {
            report.problems = issues.sorted().map(\.description)
            return report
        }
        let catalogue: Catalogue
        do {
            catalogue = try Catalogue(sources: sources)
        } catch {
            report.problems = (issues + error.issues).sorted().map(\.description)
            return report
        }
        let ownFiles = Set((directories.isEmpty ? sources : Array(sources.dropFirst())).flatMap { $0.map(\.file) })
        let own = catalogue.checks.filter { ownFiles.contains($0.location.file) }
        report.checks = own.count
        var failures: [String] = []
        for check in own {
            issues += ExampleRunner.problems(check)
            report.examples += (check.examples?.pass.count ?? 0) + (check.examples?.fail.count ?? 0)
            failures += ExampleRunner.run(check, in: catalogue).map(\.description)
        }
        for role in catalogue.roles where ownFiles.contains(role.location.file) {
            report.examples += (role.examples?.data.count ?? 0) + (role.examples?.practice.count ?? 0)
            failures += RoleExampleRunner.run(role)
        }
        for kind in catalogue.commandClasses where ownFiles.contains(kind.location.file) {
            report.examples += (kind.examples?.match.count ?? 0) + (kind.examples?.miss.count ?? 0)
            failures += CommandExampleRunner.run(kind, in: catalogue)
        }
        report.problems = issues.sorted().map(\.description) + failures
        return report
    }
}
