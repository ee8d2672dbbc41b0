/// Finds many literals in one pass over a file (Aho-Corasick, as a dense DFA), ASCII case folded.
///
/// Running every check's regex over every file is what makes naive audits slow; instead each file is
/// scanned once for the literals the patterns require, and regexes run only on the lines that hit.
struct LiteralMatcher: Sendable {
    let literals: [[UInt8]]
    /// Bytes that behave alike (all bytes no literal contains share class 0; letters fold case).
    private let byteClass: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]`: the next state, with the top bit set when a literal
    /// ends there, so the hot loop makes one load per byte. Small enough to stay in cache.
    private let transitions: [UInt32]
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
        // Byte classes: one per distinct (lower-cased) byte the literals use, 0 for the rest.
        var classes = [UInt8](repeating: 0, count: 256)
        var representative: [Int] = [0]
        for byte in Set(self.literals.joined()).sorted() where classes[Int(byte)] == 0 {
            representative.append(Int(byte))
            classes[Int(byte)] = UInt8(representative.count - 1)
        }
        for upper in 65...90 where classes[upper + 32] != 0 { classes[upper] = classes[upper + 32] }
        // A byte no literal uses: every state's transition on it is the same as on any other such byte.
        var unused = 0
        while unused < 255, classes[unused] != 0 || (65...90).contains(unused) { unused += 1 }
        representative[0] = unused
        byteClass = classes
        classCount = representative.count
        // Entries hold the next state's row offset (state × classes), so the hot loop needs no multiply.
        var table = [UInt32](repeating: 0, count: goto.count * representative.count)
        for state in 0..<goto.count {
            for (index, byte) in representative.enumerated() {
                let next = Int(goto[state][byte])
                table[state * representative.count + index] = UInt32(next * representative.count)
                    | (outputs[next].isEmpty ? 0 : 0x8000_0000)
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
        var row = 0
        let width = classCount
        transitions.withUnsafeBufferPointer { table in
          byteClass.withUnsafeBufferPointer { classes in
            outputStart.withUnsafeBufferPointer { start in
                outputIDs.withUnsafeBufferPointer { ids in
                    for index in 0..<bytes.count {
                        let entry = table[row &+ Int(classes[Int(bytes[index])])]
                        row = Int(entry & 0x7FFF_FFFF)
                        if entry & 0x8000_0000 != 0 {
                            let state = row / width
                            for slot in Int(start[state])..<Int(start[state &+ 1]) where !hit(Int(ids[slot]), index + 1) {
                                return
                            }
                        }
                    }
                }
            }
          }
        }
    }
}
