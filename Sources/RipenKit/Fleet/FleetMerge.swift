import Foundation

/// Builds one organisation report from the JSON that shards wrote: fleet reports (`ripen audit --repos …
/// --format json`) and single audit reports (`ripen audit --format json`) alike.
public enum FleetMerge {
    /// Why a file could not be merged; printed as is (exit code 2).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func merge(_ files: [URL]) throws(Failure) -> FleetReport {
        var levelNames: [String] = []
        var entries: [FleetEntry] = []
        for file in files {
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw Failure(description: "\(file.path): cannot read: \(error.localizedDescription)")
            }
            if let fleet = try? JSONDecoder().decode(FleetReport.self, from: data), fleet.kind == FleetReport.kind {
                guard fleet.schemaVersion <= FleetReport.schemaVersion else {
                    throw Failure(description: "\(file.path): fleet report schema \(fleet.schemaVersion) is newer than this ripen reads (\(FleetReport.schemaVersion)); upgrade ripen")
                }
                if levelNames.isEmpty { levelNames = fleet.levelNames }
                entries += fleet.repositories
            } else if let single = try? JSONDecoder().decode(SingleReport.self, from: data) {
                if levelNames.isEmpty { levelNames = single.levels.map(\.name) }
                entries.append(single.entry)
            } else {
                throw Failure(description: "\(file.path): neither a fleet report nor an audit report; write them with --format json")
            }
        }
        return FleetReport(levelNames: levelNames, repositories: entries)
    }

    /// The parts of `ripen audit --format json` a fleet row needs.
    struct SingleReport: Decodable {
        struct Level: Decodable { var name: String }
        struct Step: Decodable {
            struct Remedy: Decodable { var command: String? }
            var check: String
            var capability: String
            var level: Int
            var title: String
            var remedy: Remedy
        }

        var repository: RepositoryInfo
        var level: Int
        var score: Double
        var levels: [Level]
        var gaps: [Step]
        var nextSteps: [Step]

        var entry: FleetEntry {
            FleetEntry(index: nil, repository: Redaction.scrub(repository.path), commit: repository.commit, level: level,
                       score: score, gaps: gaps.map(\.check),
                       steps: (gaps + nextSteps).map {
                           FleetEntry.Step(check: $0.check, title: $0.title, level: $0.level, command: $0.remedy.command)
                       })
        }
    }
}
