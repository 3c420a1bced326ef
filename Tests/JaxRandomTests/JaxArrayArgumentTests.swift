import Foundation
import JaxCore
import XCTest

/// Samplers given array arguments (populations, bounds, probabilities) against JAX 0.10.2
/// (Data/jax_random_arrays.jsonl, written by Data/record_jax_random_arrays.py).
final class JaxArrayArgumentTests: XCTestCase {
    /// One recorded call and JAX's output bits.
    struct Case: Decodable {
        var fn: String
        var key: [UInt32]
        var dtype: String
        var shape: [Int]
        var out: String
        var replace: Bool?
    }

    static let x = JaxArray(shape: [4, 6], storage: .float32((0 ..< 24).map(Float.init)))
    static let weights = JaxArray(shape: [6], storage: .float32((0 ..< 6).map { Float(0.2 + 0.8 * Double($0) / 5) }))

    func testArrayArgumentsMatchJAX() throws {
        var failures: [String] = []
        for line in try ReferenceData.lines("jax_random_arrays.jsonl") {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let got = try run(c)
            let text = JaxReferenceTests.hex(got)
            if got.shape != c.shape || got.dtype.name != c.dtype || text != c.out {
                failures.append("\(c.fn) key \(c.key): want \(c.dtype)\(c.shape) \(c.out.prefix(48)), got \(got.dtype.name)\(got.shape) \(text.prefix(48))")
            }
        }
        XCTAssertEqual(failures, [])
    }

    func run(_ c: Case) throws -> JaxArray {
        let r = RandomCalls()
        let ctx = r.ctx
        let key = r.key(c.key)
        let x = JaxValue.array(Self.x)
        switch c.fn {
        case "choice_axis1":
            return try r.array(try RandomOps.choice(ctx, key, count: nil, array: x, shape: [3], replace: c.replace ?? true, axis: 1))
        case "choice_axis1_p":
            let shape = c.replace == true ? [2, 2] : [4]
            return try r.array(try RandomOps.choice(ctx, key, count: nil, array: x, shape: shape, replace: c.replace ?? true,
                                                    p: .array(Self.weights), axis: 1))
        case "permutation_independent":
            return try r.array(try RandomOps.permutation(ctx, key, array: x, axis: 1, independent: true))
        case "permutation_rows":
            return try r.array(try RandomOps.permutation(ctx, key, array: x, axis: 0, independent: false))
        case "uniform_bounds":
            let lo = JaxArray(shape: [3], storage: .float32([-1, 0, 2]))
            let hi = JaxArray(shape: [3], storage: .float32([1, 5, 2.5]))
            return try r.array(try RandomOps.uniform(ctx, key, shape: [2, 3], dtype: .float32, minval: .array(lo), maxval: .array(hi)))
        case "randint_bounds":
            let lo = JaxArray(shape: [3], storage: .int32([0, 10, -50]))
            let hi = JaxArray(shape: [3], storage: .int32([5, 20, 50]))
            return try r.array(try RandomOps.randint(ctx, key, shape: [2, 3], minval: .array(lo), maxval: .array(hi), dtype: .int32))
        case "bernoulli_p":
            let p = JaxArray(shape: [3], storage: .float32([0.1, 0.5, 0.9]))
            return try r.array(try RandomOps.bernoulli(ctx, key, p: .array(p), shape: c.shape == [3] ? nil : c.shape))
        default:
            throw PyException.valueError("unknown case \(c.fn)")
        }
    }
}
