import JaxCore
import XCTest

/// The Threefry-2x32 hash against the published test vectors (Salmon et al., Random123).
final class ThreefryTests: XCTestCase {
    func testKnownAnswers() {
        let zero = Threefry.hash(key: 0, 0, counter: 0, 0)
        XCTAssertEqual(zero.0, 0x6B20_0159)
        XCTAssertEqual(zero.1, 0x99BA_4EFE)
        let ones = Threefry.hash(key: 0xFFFF_FFFF, 0xFFFF_FFFF, counter: 0xFFFF_FFFF, 0xFFFF_FFFF)
        XCTAssertEqual(ones.0, 0x1CB9_96FC)
        XCTAssertEqual(ones.1, 0xBB00_2BE7)
        let pi = Threefry.hash(key: 0x1319_8A2E, 0x0370_7344, counter: 0x243F_6A88, 0x85A3_08D3)
        XCTAssertEqual(pi.0, 0xC492_3A9C)
        XCTAssertEqual(pi.1, 0x483D_F7A0)
    }
}
