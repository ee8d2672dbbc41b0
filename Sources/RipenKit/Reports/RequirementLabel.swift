extension AuditResult {
    /// How a capability gates its level, for every format: "required", "required: this or Model
    /// management" for one of a choice (`anyOf`), nil when it is recommended.
    public func requirementLabel(_ capability: CapabilityResult) -> String? {
        guard capability.required else { return nil }
        guard let others = alternatives(capability) else { return "required" }
        let titles = others.map { id in capabilities.first { $0.capability.id == id }?.capability.title ?? id }
        return "required: this or " + titles.joined(separator: " or ")
    }

    /// The other capabilities of the choice (`anyOf`) a required capability belongs to, if any.
    public func alternatives(_ capability: CapabilityResult) -> [String]? {
        let definition = levels.first { $0.definition.level == capability.capability.level }?.definition
        for requirement in definition?.requires ?? [] {
            guard case let .anyOf(ids) = requirement, ids.contains(capability.capability.id) else { continue }
            return ids.filter { $0 != capability.capability.id }
        }
        return nil
    }
}
