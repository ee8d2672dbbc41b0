import Foundation
import Testing
@testable import RipenKit

/// The prefilter is sound only if every line the regex (ICU, through NSRegularExpression) matches contains
/// one of the derived literals. Generated patterns come with a line built to match them, so the property
/// is checked on constructs nobody thought to write down, including ones the extractor must give up on.
@Suite struct RequiredLiteralsICUTests {
    /// Deterministic, so a failure reproduces.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Builds a regex and a text it matches, side by side.
    struct Generator {
        var rng: SplitMix64

        mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

        mutating func atom(depth: Int) -> (regex: String, text: String) {
            // Unmodelled constructs (cases 23-25) are rare enough that most patterns keep a prefilter.
            switch Int.random(in: 0..<(depth < 2 ? 30 : 26), using: &rng) {
            case 0...14:
                let letter = pick(Array("abcdefgmxyz_"))
                return (String(letter), String(letter))
            case 15, 16: return pick([("\\.", "."), ("\\(", "("), ("\\-", "-"), ("/", "/"), (":", ":"), ("\\$", "$")])
            case 17: return (".", pick(["q", "!", "K", "7"]))
            case 18, 19: return pick([("[a-c]", "b"), ("[^x]", "y"), ("[._-]", "_"), ("[]a]", "]")])
            case 20...22: return pick([("\\d", "4"), ("\\w", "w"), ("\\s", " "), ("\\S", "s")])
            // Constructs the extractor must not misread as literals.
            case 23: return pick([("\\x41", "A"), ("\\u0062", "b"), ("\\x{63}", "c"), ("\\101", "A"), ("\\N{LATIN SMALL LETTER D}", "d")])
            case 24: return pick([("[[:digit:]]", "5"), ("[\\p{L}]", "g"), ("\\p{Lu}", "Q"), ("[a-z&&[^q]]", "m"), ("\\Qa.b\\E", "a.b")])
            case 25: return pick([("(?#note)", ""), ("(?x: a b )", "ab"), ("(?>ab)", "ab"), ("(?i:mLf)", "MlF"), ("(?=ab)", "")])
            default:
                let count = Int.random(in: 1...3, using: &rng)
                var regexes: [String] = []
                var texts: [String] = []
                for _ in 0..<count {
                    let branch = sequence(depth: depth + 1)
                    regexes.append(branch.regex)
                    texts.append(branch.text)
                }
                let chosen = Int.random(in: 0..<count, using: &rng)
                let open = pick(["(", "(?:"])
                return (open + regexes.joined(separator: "|") + ")", texts[chosen])
            }
        }

        mutating func sequence(depth: Int) -> (regex: String, text: String) {
            var regex = ""
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let item = atom(depth: depth)
                regex += item.regex
                // Only quantify what stands alone as one atom.
                let quantifiable = !item.text.isEmpty && !item.regex.hasPrefix("(?#") && !item.regex.hasPrefix("(?=")
                if quantifiable, chance(0.3) {
                    let (quantifier, copies) = pick([("?", [0, 1]), ("*", [0, 1, 2]), ("+", [1, 2]), ("{2}", [2]),
                                                     ("{1,3}", [1, 2, 3]), ("{0,}", [0, 2]), ("??", [1]), ("*+", [2])])
                    regex += quantifier
                    text += String(repeating: item.text, count: pick(copies))
                } else {
                    text += item.text
                }
            }
            return (regex, text)
        }

        mutating func pattern() -> (regex: String, line: String) {
            var (regex, text) = sequence(depth: 0)
            if chance(0.2) {
                regex = "(?i)" + regex
                text = String(text.map { chance(0.5) ? Character($0.uppercased()) : $0 })
            }
            return (regex, pick(["", "  x = ", "# "]) + text + pick(["", " # end", ")"]))
        }
    }

    @Test func generatedPatternsNeverHideAMatch() throws {
        var generator = Generator(rng: SplitMix64(state: 20261126))
        var matched = 0
        var withLiterals = 0
        var gaveUp = 0
        for _ in 0..<4000 {
            let (source, line) = generator.pattern()
            guard let pattern = try? LinePattern(source) else { continue }
            // Possessive quantifiers can make a built text fail to match; only lines ICU matches say anything.
            guard pattern.firstMatch(in: line) != nil else { continue }
            matched += 1
            if pattern.literals.isEmpty {
                gaveUp += 1
                continue
            }
            withLiterals += 1
            #expect(pattern.literals.contains { line.lowercased().contains($0) },
                    "/\(source)/ matches \(line.debugDescription) but the prefilter wants one of \(pattern.literals)")
        }
        // Not vacuous: most samples match, and both outcomes occur often.
        #expect(matched > 3000)
        #expect(withLiterals > 250)
        #expect(gaveUp > 300)
    }

    @Test(arguments: [
        "\\x6dlflow\\.log", "ml\\u0066low\\.log", "[[:alpha:]]lflow\\.log", "(?x) mlflow \\. log", "\\Qmlflow.log\\E",
        "(?#c)mlflow\\.log", "(?>mlflow)\\.log", "mlf\\N{LATIN SMALL LETTER L}ow\\.log", "[\\p{L}]lflow\\.log",
        "mlflow\\.lög",
    ])
    func unmodelledConstructsDisableThePrefilter(_ source: String) throws {
        let pattern = try LinePattern(source)
        #expect(pattern.literals.isEmpty, "/\(source)/ gave \(pattern.literals)")
    }
}
