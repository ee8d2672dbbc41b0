import Foundation
import Testing
@testable import RipenKit

/// Generators are small types in a registry, run in the order of what they require; the secret source is
/// injected, so generation is pure.
@Suite struct GeneratorRegistryTests {
    @Test func everyStackHasOneGenerator() {
        for stack in Stack.allCases {
            #expect(Generators.all.filter { $0.stack == stack }.count == 1, "\(stack)")
        }
        #expect(Generators.all.count == Stack.allCases.count)
    }

    @Test func requirementsComeFirstAndTheRequestOrderDoesNotMatter() {
        #expect(Generators.ordered([.ec2]) == [.env, .trackingServer, .ec2])
        #expect(Generators.ordered([.ci, .local]) == Generators.ordered([.local, .ci]))
        let ordered = Generators.ordered(Stack.allCases)
        for stack in ordered {
            let position = ordered.firstIndex(of: stack)!
            for required in Generators.generator(stack).requires {
                #expect(ordered.firstIndex(of: required)! < position, "\(required) after \(stack)")
            }
        }
        // A target without a shell playbook loads only what it uses.
        #expect(Generators.ordered([.kubernetes]) == [.kubernetes])
    }

    @Test func secretsComeFromTheInjectedSource() throws {
        let catalog = try ProvisioningCatalog.load()
        let fixed = try GenerationContext(catalog: catalog, options: GenerationOptions(), secretBytes: { Array(repeating: 0xab, count: $0) })
        let env = try #require(try Generation.files([.trackingServer], context: fixed).first { $0.path == "tracking-server/.env" })
        #expect(env.secret)
        #expect(env.contents.contains("POSTGRES_PASSWORD=" + String(repeating: "ab", count: 24) + "\n"))
        // The system's source: different every time, and never the fixed value.
        let first = try Generation.files([.trackingServer], context: GenerationContext(catalog: catalog, options: GenerationOptions()))
        let second = try Generation.files([.trackingServer], context: GenerationContext(catalog: catalog, options: GenerationOptions()))
        #expect(first.first { $0.secret } != second.first { $0.secret })
        #expect(first.filter { !$0.secret } == second.filter { !$0.secret })
    }
}
