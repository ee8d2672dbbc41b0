import Foundation

/// Attested answers to people-and-process questions (`--answers FILE`): id → yes or no.
///
/// ```yaml
/// release-managed-by-pipeline: yes
/// data-engineers-pair-with-scientists: no
/// ```
public struct Answers: Sendable, Equatable {
    public var values: [String: Bool]
    /// Where they came from, for the evidence.
    public var source: String

    public init(_ values: [String: Bool] = [:], source: String = "answers") {
        self.values = values
        self.source = source
    }

    public static func load(_ url: URL) throws(SpecErrors) -> Answers {
        do {
            let document = try YAMLDocument(contentsOf: url, displayPath: url.path)
            guard case .mapping = document.root else {
                throw SpecErrors([document.issue("expected a mapping of question ids to yes or no", at: document.root)])
            }
            return Answers(try document.decode([String: Bool].self, from: document.root), source: url.lastPathComponent)
        } catch let error as SpecErrors {
            throw error
        } catch let error as SpecIssue {
            throw SpecErrors([error])
        } catch {
            throw SpecErrors([SpecIssue(file: url.path, line: 1, column: 1, message: "\(error)")])
        }
    }

    /// Question ids in the catalogue that the answers leave open, with their questions.
    public static func questions(in catalogue: Catalogue) -> [AnswerSignal] {
        var seen = Set<String>()
        return catalogue.checks.flatMap(\.signal.leaves).compactMap { leaf -> AnswerSignal? in
            guard case let .answer(answer) = leaf, seen.insert(answer.id).inserted else { return nil }
            return answer
        }
    }
}
