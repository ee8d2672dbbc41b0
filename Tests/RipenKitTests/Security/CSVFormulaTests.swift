import Testing
@testable import RipenKit

/// F7: a repository's check title or command must never reach a spreadsheet as a formula.
@Suite struct CSVFormulaTests {
    @Test(arguments: ["=HYPERLINK(\"http://evil.invalid\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tx", "\r=1"])
    func formulaCellsStayText(_ cell: String) {
        let quoted = FleetCSVReporter.quote(cell)
        let unquoted = quoted.hasPrefix("\"") ? String(quoted.dropFirst()) : quoted
        #expect(unquoted.hasPrefix("'"), "\(quoted)")
    }

    @Test func ordinaryCellsAreUnchanged() {
        #expect(FleetCSVReporter.quote("ci-pipeline") == "ci-pipeline")
        #expect(FleetCSVReporter.quote("2.5") == "2.5")
        #expect(FleetCSVReporter.quote("a, b") == "\"a, b\"")
    }
}
