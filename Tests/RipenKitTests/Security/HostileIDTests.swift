import Foundation
import Testing
@testable import RipenKit

/// F4: a capability id from a repository's checklist reached the HTML report unescaped.
@Suite struct HostileIDTests {
    @Test func aCapabilityIdThatIsNotKebabCaseIsRefusedAtLoad() throws {
        let files = [".ripen.yaml": "checklists: [ops]\n",
                     "ops/team.yaml": "capabilities:\n  - {id: \"x\\\"><meta http-equiv=refresh content=0;url=//evil.invalid>\", level: 1, title: T}\n"]
        let repo = try TemporaryRepository(files, git: true)
        #expect(throws: AuditError.self) { try repo.audit() }
        let output = try RipenBinary.run(["audit", repo.url.path, "--format", "html"])
        #expect(output.status == 2)
        #expect(!output.stdout.contains("<meta http-equiv"))
        #expect(output.stderr.contains("must be kebab-case"))
    }
}
