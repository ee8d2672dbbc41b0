import Foundation

/// The code cells of a Jupyter notebook: what runs, as opposed to the markdown prose around it.
enum Notebook {
    /// Each code cell's source, with its 1-based position among all cells; nil if the file is not a notebook.
    static func codeCells(_ bytes: [UInt8]) -> [(index: Int, source: String)]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let cells = object["cells"] as? [[String: Any]] else { return nil }
        var result: [(Int, String)] = []
        for (offset, cell) in cells.enumerated() where (cell["cell_type"] as? String) == "code" {
            if let lines = cell["source"] as? [String] {
                result.append((offset + 1, lines.joined()))
            } else if let text = cell["source"] as? String {
                result.append((offset + 1, text))
            }
        }
        return result
    }
}
