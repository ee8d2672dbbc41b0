import Foundation
@testable import RipenKit

/// Generated output written to a temporary folder through ripen's own writer; removed when released.
final class GeneratedTree {
    let url: URL
    let files: [GeneratedFile]

    init(_ stacks: [Stack]? = nil, options: GenerationOptions, catalog: ProvisioningCatalog? = nil) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ripen-generated-\(UUID().uuidString)")
        let context = try GenerationContext(catalog: catalog ?? ProvisioningCatalog.load(), options: options)
        files = try Generation.files(stacks ?? Generation.stacks(for: options.target), context: context)
        try GenerationWriter(output: url).write(files)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func text(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    /// Generated (non-secret) files whose path matches.
    func paths(where predicate: (String) -> Bool) -> [String] {
        files.filter { !$0.secret && predicate($0.path) }.map { path($0.path) }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Every configuration the suite checks: each target with each shipped environment, plus the variants
/// (published server, Anaconda instead of Miniforge).
enum Configurations {
    static let environments = ["exp-tracking", "serving", "monitoring", "tracking-server"]

    static var all: [GenerationOptions] {
        var result: [GenerationOptions] = []
        for target in Target.allCases {
            for environment in environments { result.append(GenerationOptions(target: target, environment: environment)) }
            result.append(GenerationOptions(target: target, publicAccess: true, allowedHosts: ["mlflow.example.com"]))
        }
        result.append(GenerationOptions(target: .ec2, settings: ["conda": "anaconda"]))
        result.append(GenerationOptions(target: .local, settings: ["conda": "anaconda"]))
        // The course notes' third scenario on EC2: RDS and S3.
        result.append(GenerationOptions(target: .ec2, settings: ["backend": "rds"]))
        result.append(GenerationOptions(target: .ec2, publicAccess: true, allowedHosts: ["mlflow.example.com"], settings: ["backend": "rds"]))
        return result
    }

    /// All of them generated, each into its own folder.
    static func trees() throws -> [GeneratedTree] { try all.map { try GeneratedTree(options: $0) } }
}
