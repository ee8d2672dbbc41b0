import Foundation

/// `ripen pipelines`: the pipeline model of a repository as the audit reads it — each pipeline, its
/// jobs, what starts them and what they do, with the chain behind each class.
public enum PipelineListing {
    public static func render(repository: URL, catalogue: Catalogue, maxFileSize: Int = 2 << 20) -> String {
        let root = repository.standardizedFileURL.path
        let exclude = (try? RepositoryConfiguration.load(repository: repository))?.exclude ?? []
        let listing = RepositoryWalker(roles: FileRoleFilter(roles: catalogue.roles, exclude: exclude)).walk(root: root)
        let source = PipelineSource(root: root, files: listing.files, maxFileSize: maxFileSize)
        // Dispatch calls are found the way the audit finds them: the same searches, over the same files.
        let prepared = PreparedSearch(catalogue, maxFileSize: maxFileSize)
        let (searches, _) = prepared.scanner.run(FileChunks(listing.files), root: root)
        let dispatches = prepared.plan.dispatchQueries.flatMap { searches[$0].matches }
        let model = PipelineModel(source: source, vocabulary: catalogue.commandClasses, dispatches: dispatches)
        var lines: [String] = []
        var current = ""
        for job in model.jobs {
            if job.pipeline.file != current {
                current = job.pipeline.file
                lines.append("\(current) (\(job.pipeline.system.rawValue))")
            }
            let triggers = job.job.triggers.sorted().map(\.rawValue).joined(separator: ", ")
            lines.append("  job \(job.job.name)\(job.job.hosted ? " [own host]" : "") on \(triggers.isEmpty ? "nothing" : triggers)")
            for id in job.classes.keys.sorted() {
                let chain = job.classes[id]!.map(\.rendered).joined(separator: " → ")
                lines.append("    \(id): \(chain)")
            }
            if job.classes.isEmpty { lines.append("    (nothing recognised in \(job.job.steps.count) steps)") }
        }
        for pipeline in model.pipelines where pipeline.onlyCalled {
            lines.append("\(pipeline.file) (\(pipeline.system.rawValue)): reusable, read where it is called")
        }
        for (file, error) in model.errors {
            lines.append("\(file):\(error.line):\(error.column): \(error.message)")
        }
        return lines.isEmpty ? "no CI/CD pipeline found" : lines.joined(separator: "\n")
    }
}
