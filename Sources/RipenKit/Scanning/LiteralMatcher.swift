/// Finds many literals in one pass over a file (Aho-Corasick, as a dense DFA), ASCII case folded.
///
/// Running every check's regex over every file is what makes naive audits slow; instead each file is
/// scanned once for the literals the patterns require, and regexes run only on the lines that hit.
struct LiteralMatcher: Sendable {
    let literals: [[UInt8]]
    /// `transitions[state * 256 + byte]`.
    private let transitions: [Int32]
    /// Literal ids ending at each state (including those reached through failure links), flattened:
    /// state `s` owns `outputIDs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputIDs: [Int32]

    init(_ literals: [String]) {
        self.literals = literals.map { Array($0.lowercased().utf8) }
        var goto: [[Int32]] = [Array(repeating: -1, count: 256)]
        var outputs: [[Int32]] = [[]]
        for (id, literal) in self.literals.enumerated() {
            var state = 0
            for byte in literal {
                if goto[state][Int(byte)] < 0 {
                    goto.append(Array(repeating: -1, count: 256))
                    outputs.append([])
                    goto[state][Int(byte)] = Int32(goto.count - 1)
                }
                state = Int(goto[state][Int(byte)])
            }
            outputs[state].append(Int32(id))
        }
        // Breadth-first: complete the DFA with failure transitions.
        var fail = Array(repeating: 0, count: goto.count)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[0][byte]
            if next < 0 {
                goto[0][byte] = 0
            } else {
                fail[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[fail[state]]
            for byte in 0..<256 {
                let next = goto[state][byte]
                if next < 0 {
                    goto[state][byte] = goto[fail[state]][byte]
                } else {
                    fail[Int(next)] = Int(goto[fail[state]][byte])
                    queue.append(Int(next))
                }
            }
        }
        var table = [Int32](repeating: 0, count: goto.count * 256)
        for state in 0..<goto.count {
            for byte in 0..<256 {
                // Upper-case ASCII letters take their lower-case transitions.
                let folded = (65...90).contains(byte) ? byte + 32 : byte
                table[state * 256 + byte] = goto[state][folded]
            }
        }
        transitions = table
        var start: [Int32] = [0]
        for list in outputs { start.append(start.last! + Int32(list.count)) }
        outputStart = start
        outputIDs = outputs.flatMap { $0 }
    }

    var isEmpty: Bool { literals.isEmpty }

    /// Calls `hit(literalID, endOffset)` for each occurrence; stop early by returning false.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ hit: (Int, Int) -> Bool) {
        var state = 0
        transitions.withUnsafeBufferPointer { table in
            outputStart.withUnsafeBufferPointer { start in
                outputIDs.withUnsafeBufferPointer { ids in
                    for index in 0..<bytes.count {
                        state = Int(table[state &* 256 &+ Int(bytes[index])])
                        let first = Int(start[state])
                        let end = Int(start[state &+ 1])
                        if first != end {
                            for slot in first..<end where !hit(Int(ids[slot]), index + 1) { return }
                        }
                    }
                }
            }
        }
    }
}
