import Foundation

/// AWS CodePipeline declared in Terraform: each `aws_codepipeline` of a module with its stages as jobs;
/// CodeBuild actions read through their project's buildspec, deploy actions (CloudFormation, ECS,
/// CodeDeploy…) as deploys; started by its source (push, unless polling is off and no webhook targets
/// it) and by EventBridge rules that target it (a registry or alarm event). A manual approval makes
/// the stages after it wait for a person.
enum TerraformCodePipelineReader {
    struct Located { var block: HCLBlock; var file: String }

    static func read(from source: PipelineSource) -> [PipelineFileResult] {
        var modules: [String: [String]] = [:]
        for file in source.files where file.path.utf8.last == UInt8(ascii: "f") && file.path.hasSuffix(".tf") {
            modules[PipelinePaths.directory(file.path), default: []].append(file.path)
        }
        var results: [PipelineFileResult] = []
        for (directory, files) in modules.sorted(by: { $0.key < $1.key }) {
            // Cheap test first: most Terraform modules declare no delivery pipeline.
            let texts = files.compactMap { path in source.text(path).map { (path, $0) } }
            guard texts.contains(where: { $0.1.contains("\"aws_codepipeline\"") }) else { continue }
            let blocks = texts.flatMap { path, text in HCLBlock.parse(text).map { Located(block: $0, file: path) } }
            results += read(blocks, directory: directory, source: source)
        }
        return results
    }

    static func read(_ blocks: [Located], directory: String, source: PipelineSource) -> [PipelineFileResult] {
        func resources(_ type: String) -> [Located] {
            blocks.filter { $0.block.type == "resource" && $0.block.labels.first == type }
        }
        let webhookTargets = resources("aws_codepipeline_webhook").compactMap { $0.block.string("target_pipeline") }
        let eventTargets = resources("aws_cloudwatch_event_target").compactMap { $0.block.string("arn") }
        var results: [PipelineFileResult] = []
        for pipeline in resources("aws_codepipeline") {
            let name = pipeline.block.labels.dropFirst().first ?? ""
            let reference = "aws_codepipeline.\(name)"
            var triggers: Set<Trigger> = []
            for stage in pipeline.block.blocks("stage") {
                for action in stage.blocks("action") where action.string("category") == "Source" {
                    let configuration = action.map("configuration")
                    let polls = configuration["PollForSourceChanges"] != "false" && configuration["DetectChanges"] != "false"
                    if polls || webhookTargets.contains(where: { $0.hasPrefix(reference + ".") || $0 == pipeline.block.string("name") }) {
                        triggers.insert(.push)
                    }
                }
            }
            if eventTargets.contains(where: { $0.hasPrefix(reference + ".") }) { triggers.insert(.event) }
            if triggers.isEmpty { triggers.insert(.manual) }
            var jobs: [PipelineJob] = []
            var included: [String] = []
            var approved = false
            for stage in pipeline.block.blocks("stage") {
                // Actions before a manual approval run when the stage starts; those after it wait.
                var before: [PipelineStep] = []
                var after: [PipelineStep] = []
                let waiting = approved
                for action in stage.blocks("action") {
                    let provider = action.string("provider") ?? ""
                    let category = action.string("category") ?? ""
                    if category == "Approval" { approved = true; continue }
                    var steps: [PipelineStep] = []
                    if provider == "CodeBuild" {
                        let project = action.map("configuration")["ProjectName"] ?? ""
                        if let spec = buildspec(of: project, in: blocks, directory: directory, source: source) {
                            included.append(spec)
                            let read = ScriptListReader(kind: ScriptListSystem.all.first { $0.system == .codeBuild }!).read(spec, from: source)
                            steps = read.pipelines.flatMap(\.jobs).flatMap(\.steps)
                        } else {
                            steps = [PipelineStep(file: pipeline.file, line: action.line, script: "", uses: "codebuild:\(project)")]
                        }
                    } else if category == "Deploy" {
                        steps = [PipelineStep(file: pipeline.file, line: action.line, script: "",
                                              uses: "codepipeline-deploy:\(provider) \(action.string("name") ?? "")")]
                    } else if category == "Invoke" {
                        steps = [PipelineStep(file: pipeline.file, line: action.line, script: "", uses: "codepipeline-invoke:\(provider)")]
                    }
                    if approved && !waiting { after += steps } else { before += steps }
                }
                let name = stage.string("name") ?? "stage"
                jobs.append(PipelineJob(name: name, line: stage.line, triggers: waiting ? [.manual] : triggers, steps: before))
                if !after.isEmpty {
                    jobs.append(PipelineJob(name: name + " (after approval)", line: stage.line, triggers: [.manual], steps: after))
                }
            }
            results.append(PipelineFileResult(pipelines: [Pipeline(system: .codeBuild, file: pipeline.file, jobs: jobs)],
                                              included: included))
        }
        return results
    }

    /// The buildspec file a CodeBuild project runs, named by reference or by its `name`.
    static func buildspec(of project: String, in blocks: [Located], directory: String, source: PipelineSource) -> String? {
        let projects = blocks.filter { $0.block.type == "resource" && $0.block.labels.first == "aws_codebuild_project" }
        let found = projects.first { located in
            let label = located.block.labels.dropFirst().first ?? ""
            return project.hasPrefix("aws_codebuild_project.\(label).") || located.block.string("name") == project
        }
        guard let found else { return nil }
        var value = found.block.blocks("source").first?.attribute("buildspec") ?? found.block.attribute("buildspec") ?? ""
        // `data.template_file.NAME.rendered` → that data source's template.
        if let match = value.range(of: #"data\.template_file\.([\w-]+)\.rendered"#, options: .regularExpression) {
            let name = value[match].split(separator: ".")[2]
            value = blocks.first { $0.block.type == "data" && $0.block.labels == ["template_file", String(name)] }?
                .block.attribute("template") ?? ""
        }
        // file("x.yml"), templatefile("${path.module}/x.yml", {…}) or a plain path.
        var path = value
        if let call = value.range(of: #"(file|templatefile)\(\s*"([^"]+)""#, options: .regularExpression) {
            path = String(value[call].split(separator: "\"")[1])
        } else {
            path = HCLBlock.unquote(value)
        }
        path = path.replacingOccurrences(of: "${path.module}/", with: "")
        guard path.hasSuffix(".yml") || path.hasSuffix(".yaml"),
              let joined = PipelinePaths.join(directory, path) else { return nil }
        return source.resolve(joined) ?? source.resolve(path)
    }
}
