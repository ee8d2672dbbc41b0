/// One stack's generator: a small type in `Generators.all`, run after the generators it requires. Pure:
/// it returns files in memory (randomness comes from the context's secret source) and the writer alone
/// touches the disk.
protocol StackGenerator {
    static var stack: Stack { get }
    /// Stacks whose files this one uses; their generators run first.
    static var requires: [Stack] { get }
    /// - Parameter generated: the files of the stacks generated before, in path order.
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile]
}

/// The registry of generators.
enum Generators {
    static let all: [any StackGenerator.Type] = [
        EnvGenerator.self, TrackingServerGenerator.self, LocalSetupGenerator.self, DevcontainerGenerator.self,
        EC2Generator.self, CIGenerator.self, FleetWorkflowGenerator.self, KubernetesGenerator.self,
    ]

    static func generator(_ stack: Stack) -> any StackGenerator.Type {
        // Every stack has a generator: `everyStackHasOneGenerator` checks the registry.
        all.first { $0.stack == stack }!
    }

    /// The wanted stacks and all they require, each after what it requires; otherwise in registry order,
    /// so the output never depends on the order stacks were asked for.
    static func ordered(_ wanted: [Stack]) -> [Stack] {
        var requirements: [Stack: [Stack]] = [:]
        var registryOrder: [Stack] = []
        for generator in all {
            let stack: Stack = generator.stack
            requirements[stack] = generator.requires
            registryOrder.append(stack)
        }
        var needed: Set<Stack> = []
        var pending = wanted
        while let stack = pending.popLast() {
            if needed.insert(stack).inserted { pending += requirements[stack] ?? [] }
        }
        var ordered: [Stack] = []
        while ordered.count < needed.count {
            let ready = registryOrder.first { stack in
                needed.contains(stack) && !ordered.contains(stack) && (requirements[stack] ?? []).allSatisfy { ordered.contains($0) }
            }
            guard let ready else { break }
            ordered.append(ready)
        }
        return ordered
    }
}

extension EnvGenerator: StackGenerator {
    static let stack = Stack.env
    static let requires: [Stack] = []
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) -> [GeneratedFile] { files(context) }
}

extension TrackingServerGenerator: StackGenerator {
    static let stack = Stack.trackingServer
    static let requires: [Stack] = []
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) -> [GeneratedFile] { files(context) }
}

extension LocalSetupGenerator: StackGenerator {
    static let stack = Stack.local
    static let requires: [Stack] = [.env, .trackingServer]
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) -> [GeneratedFile] { files(context) }
}

extension DevcontainerGenerator: StackGenerator {
    static let stack = Stack.devcontainer
    static let requires: [Stack] = [.env, .trackingServer]
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) -> [GeneratedFile] { files(context) }
}

extension EC2Generator: StackGenerator {
    static let stack = Stack.ec2
    static let requires: [Stack] = [.env, .trackingServer]
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        try files(context, generated: generated)
    }
}

extension CIGenerator: StackGenerator {
    static let stack = Stack.ci
    static let requires: [Stack] = []
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) -> [GeneratedFile] { files(context) }
}

extension FleetWorkflowGenerator: StackGenerator {
    static let stack = Stack.fleet
    static let requires: [Stack] = []
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) -> [GeneratedFile] { files(context) }
}

/// The Kubernetes target loads only what it uses: no environment files, no shell playbook.
extension KubernetesGenerator: StackGenerator {
    static let stack = Stack.kubernetes
    static let requires: [Stack] = []
    static func generate(_ context: GenerationContext, generated: [GeneratedFile]) throws(GenerationError) -> [GeneratedFile] {
        try files(context)
    }
}
