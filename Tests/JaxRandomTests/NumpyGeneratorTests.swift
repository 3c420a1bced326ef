import Foundation
import JaxCore
import JaxRandom
import XCTest

/// NumpyGenerator against np.random.default_rng draws recorded from NumPy 2.4
/// (Data/numpy_generator.json, written by Data/record_numpy_generator.py).
final class NumpyGeneratorTests: XCTestCase {
    /// One seed's recorded draws.
    struct Case: Decodable {
        var seed: String
        var random: [UInt64]
        var ints: [Int64]
        var big: [Int64]
        var small: [Int64]
        var random2: [UInt64]
        var normal: String
        var scaled: [UInt64]
    }

    func testDrawsMatchNumPy() throws {
        let lines = try ReferenceData.lines("numpy_generator.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(lines.joined(separator: "\n").utf8))
        XCTAssertEqual(cases.count, 6)
        for c in cases {
            var g = NumpyGenerator(seed: try XCTUnwrap(UInt64(c.seed)))
            XCTAssertEqual(try bits(g.random(shape: [5])), c.random, "seed \(c.seed)")
            XCTAssertEqual(try ints(g.integers(low: 0, high: 10, shape: [7])), c.ints, "seed \(c.seed)")
            XCTAssertEqual(try ints(g.integers(low: -5, high: 1 << 40, shape: [4])), c.big, "seed \(c.seed)")
            XCTAssertEqual(try ints(g.integers(low: 100, shape: [3])), c.small, "seed \(c.seed)")
            XCTAssertEqual(try bits(g.random(shape: [3])), c.random2, "seed \(c.seed)")
            XCTAssertEqual(JaxReferenceTests.hex(try g.normal(shape: [2000])), c.normal, "seed \(c.seed)")
            XCTAssertEqual(try bits(g.normal(loc: 1.5, scale: 3, shape: [7])), c.scaled, "seed \(c.seed)")
        }
    }

    func bits(_ a: JaxArray) -> [UInt64] {
        guard case .float64(let v) = a.storage else { return [] }
        return v.map(\.bitPattern)
    }

    func ints(_ a: JaxArray) -> [Int64] {
        guard case .int64(let v) = a.storage else { return [] }
        return v
    }
}
