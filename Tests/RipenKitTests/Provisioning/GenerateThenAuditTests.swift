import Foundation
import Testing
@testable import RipenKit

/// What `ripen generate` writes is what the audit's remedies promise: auditing the output credits it.
@Suite struct GenerateThenAuditTests {
    @Test func theAuditRecognisesWhatGenerateWrites() throws {
        let tree = try GeneratedTree(options: GenerationOptions(target: .ec2))
        let result = try Auditor.run(AuditOptions(repository: tree.url))
        for id in ["tracking-server-deployed", "environment-conda", "environment-container", "iac-cloud-templates",
                   "ci-pipeline", "ci-runs-tests", "pinned-dependencies"] {
            #expect(result.status(id) == .pass, "\(id): \(result.check(id)?.reason ?? "")")
        }
        #expect(result.check("tracking-server-deployed")?.evidence.contains { $0.path == "tracking-server/docker-compose.yml" } == true)
    }
}
