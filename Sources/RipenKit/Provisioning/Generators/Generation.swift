import Foundation

/// Runs the generators of the requested stacks (and the stacks they require) into one list of files.
public enum Generation {
    public static func files(_ stacks: [Stack], context: GenerationContext) throws(GenerationError) -> [GeneratedFile] {
        for stack in stacks where !stack.targets.contains(context.options.target) {
            throw .stackNotForTarget(stack.rawValue, context.options.target,
                                     Stack.allCases.filter { $0.targets.contains(context.options.target) }.map(\.rawValue))
        }
        var byPath: [String: GeneratedFile] = [:]
        // Each generator after the ones it requires: it sees their files (EC2 ships them in its user data).
        for stack in Generators.ordered(stacks) {
            let generated = byPath.values.sorted { $0.path < $1.path }
            for file in try Generators.generator(stack).generate(context, generated: generated) {
                if let existing = byPath[file.path], existing != file { throw .conflict(file.path) }
                byPath[file.path] = file
            }
        }
        return byPath.keys.sorted().map { byPath[$0]! }
    }

    /// The stacks for `all`: every stack that fits the target.
    public static func stacks(for target: Target) -> [Stack] {
        Stack.allCases.filter { $0.targets.contains(target) }
    }
}
