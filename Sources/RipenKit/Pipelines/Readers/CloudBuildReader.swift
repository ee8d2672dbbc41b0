import Yams

/// Cloud Build configurations: each step's builder, entrypoint and arguments as the command they make.
/// Triggers are set in the cloud project, not in the file: unknown from the repository.
enum CloudBuildReader: PipelineReader {
    static let system = CISystem.cloudBuild

    static func claims(_ path: String) -> Bool {
        guard PipelinePaths.isYAML(path) else { return false }
        let name = PipelinePaths.name(path)
        let folder = PipelinePaths.name(PipelinePaths.directory(path))
        return name.hasPrefix("cloudbuild") || folder == "cloudbuild" || folder == ".cloudbuild"
    }

    static func read(_ file: String, from source: PipelineSource) -> PipelineFileResult {
        let (documents, failure) = documents(file, from: source)
        if let failure { return failure }
        guard let steps = documents.first?[key: "steps"] else { return PipelineFileResult() }
        var result: [PipelineStep] = []
        for step in steps.items {
            let image = step[key: "name"]?.text ?? ""
            let line = step.mark?.line ?? 1
            if let (text, scriptLine) = step[key: "script"]?.script {
                result.append(PipelineStep(file: file, line: scriptLine, script: text, uses: image))
                continue
            }
            let arguments = step[key: "args"].map { $0.items.isEmpty ? ($0.text.map { [$0] } ?? []) : $0.items.compactMap(\.text) } ?? []
            let entrypoint = step[key: "entrypoint"]?.text
            var command: String
            if let entrypoint, ["bash", "sh", "/bin/bash", "/bin/sh"].contains(entrypoint),
               let flag = arguments.firstIndex(where: { $0 == "-c" || $0 == "-ec" || $0 == "-xc" || $0 == "-eu" }),
               flag + 1 < arguments.count {
                command = arguments[(flag + 1)...].joined(separator: "\n")
            } else if let entrypoint {
                command = ([entrypoint] + arguments.map(quoted)).joined(separator: " ")
            } else if let builder = image.range(of: #"cloud-builders/[a-z-]+"#, options: .regularExpression) {
                command = ([String(image[builder].dropFirst(15))] + arguments.map(quoted)).joined(separator: " ")
            } else {
                command = arguments.map(quoted).joined(separator: " ")
            }
            if command.isEmpty { command = "" }
            let argsLine = step[key: "args"]?.textLine ?? line
            result.append(PipelineStep(file: file, line: argsLine, script: command, uses: image))
        }
        let job = PipelineJob(name: PipelinePaths.name(file).description, line: 1, triggers: [.external], steps: result)
        return PipelineFileResult(pipelines: [Pipeline(system: system, file: file, jobs: [job])])
    }

    static func quoted(_ word: String) -> String {
        word.contains(" ") && !word.contains("\n") ? "'\(word.replacingOccurrences(of: "'", with: ""))'" : word
    }
}
