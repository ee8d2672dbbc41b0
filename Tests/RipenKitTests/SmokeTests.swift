import Testing
@testable import RipenKit

@Test func smoke() { #expect(Bool(true)) }
