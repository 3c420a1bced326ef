import Foundation
import JaxCore
import XCTest

/// Every sampler, called as the shell calls it, against outputs recorded from JAX 0.10.2 (Data/jax_random.jsonl, written by
/// Data/record_jax_random.py), compared bit for bit.
final class JaxReferenceTests: XCTestCase {
    /// One recorded call: the function, its arguments, and JAX's output bits.
    struct Case: Decodable {
        var fn: String
        var x64: Bool
        var key: [UInt32]?
        var dtype: String
        var shape: [Int]
        var out: String
        var seed: String?
        var num: [Int]?
        var data: UInt32?
        var req: String?
        var minval: Double?
        var maxval: Double?
        var p: Double?
        var n: Int?
        var replace: Bool?
        var weights: [Double]?

        enum CodingKeys: String, CodingKey {
            case fn, x64, key, dtype, shape, out, seed, num, data, req, minval, maxval, p, n, replace
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            fn = try c.decode(String.self, forKey: .fn)
            x64 = try c.decode(Bool.self, forKey: .x64)
            key = try c.decodeIfPresent([UInt32].self, forKey: .key)
            dtype = try c.decode(String.self, forKey: .dtype)
            shape = try c.decode([Int].self, forKey: .shape)
            out = try c.decode(String.self, forKey: .out)
            seed = try c.decodeIfPresent(String.self, forKey: .seed)
            num = try c.decodeIfPresent([Int].self, forKey: .num)
            data = try c.decodeIfPresent(UInt32.self, forKey: .data)
            req = try c.decodeIfPresent(String.self, forKey: .req)
            minval = try c.decodeIfPresent(Double.self, forKey: .minval)
            maxval = try c.decodeIfPresent(Double.self, forKey: .maxval)
            n = try c.decodeIfPresent(Int.self, forKey: .n)
            replace = try c.decodeIfPresent(Bool.self, forKey: .replace)
            // `p` is a number for bernoulli and a list of weights (or null) for choice.
            p = try? c.decodeIfPresent(Double.self, forKey: .p)
            weights = try? c.decodeIfPresent([Double].self, forKey: .p)
        }
    }

    func testAllRecordedSamplesMatchBitForBit() throws {
        let lines = try ReferenceData.lines("jax_random.jsonl")
        XCTAssertGreaterThan(lines.count, 4000)
        var values = 0
        var failures: [String] = []
        for line in lines {
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            let got = try run(c)
            values += got.count
            let text = JaxReferenceTests.hex(got)
            if got.shape != c.shape || got.dtype.name != c.dtype || text != c.out {
                failures.append("\(line.prefix(160))\n   got \(got.dtype.name)\(got.shape) \(text.prefix(80))")
            }
        }
        XCTAssertGreaterThan(values, 10_000)
        XCTAssertEqual(failures.count, 0, failures.prefix(8).joined(separator: "\n"))
    }

    func run(_ c: Case) throws -> JaxArray {
        let r = RandomCalls(x64: c.x64)
        let ctx = r.ctx
        let key = r.key(c.key ?? [0, 0])
        let shape = c.shape
        switch c.fn {
        case "key":
            return try r.words(try r.key(seed: try XCTUnwrap(Int64(c.seed ?? ""))))
        case "split":
            return try r.words(try RandomOps.split(ctx, key, shape: c.num ?? [2]))
        case "fold_in":
            return try r.words(try RandomOps.foldIn(ctx, key, .array(JaxArray.scalar(.int(Int64(c.data ?? 0)), dtype: .uint32))))
        case "bits":
            let dtype = r.dtype(c.req, c.x64 ? .uint64 : .uint32)
            return try r.array(try RandomOps.bits(ctx, key, shape: shape, bitWidth: dtype.itemSize * 8))
        case "normal":
            return try r.array(try RandomOps.normal(ctx, key, shape: shape, dtype: r.dtype(c.req, ctx.defaultFloat)))
        case "uniform":
            return try r.array(try RandomOps.uniform(ctx, key, shape: shape, dtype: r.dtype(c.req, ctx.defaultFloat),
                                                     minval: r.python(c.minval ?? 0), maxval: r.python(c.maxval ?? 1)))
        case "randint":
            return try r.array(try RandomOps.randint(ctx, key, shape: shape, minval: r.python(c.minval ?? 0, integer: true),
                                                     maxval: r.python(c.maxval ?? 1, integer: true), dtype: r.dtype(c.req, ctx.defaultInt)))
        case "bernoulli":
            let p = try JNP.convert(ctx, r.python(c.p ?? 0.5), to: ctx.defaultFloat)
            return try r.array(try RandomOps.bernoulli(ctx, key, p: p, shape: shape))
        case "truncated_normal":
            return try r.array(try RandomOps.truncatedNormal(ctx, key, lower: r.python(c.minval ?? 0), upper: r.python(c.maxval ?? 1),
                                                             shape: shape, dtype: r.dtype(c.req, ctx.defaultFloat)))
        case "permutation":
            return try r.array(try RandomOps.permutation(ctx, key, count: c.n ?? 0))
        case "permutation_array":
            let x = JaxArray(shape: [4, 3], storage: c.x64 ? .float64((0 ..< 12).map(Double.init)) : .float32((0 ..< 12).map(Float.init)))
            return try r.array(try RandomOps.permutation(ctx, key, array: .array(x), axis: 1, independent: false))
        case "choice":
            let p = c.weights.map { w in
                JaxValue.array(JaxArray(shape: [w.count], storage: c.x64 ? .float64(w) : .float32(w.map(Float.init))))
            }
            return try r.array(try RandomOps.choice(ctx, key, count: c.n ?? 1, array: nil, shape: c.shape,
                                                    replace: c.replace ?? true, p: p, axis: 0))
        default:
            throw PyException.valueError("unknown case \(c.fn)")
        }
    }

    /// The raw bits of each element as fixed-width lowercase hex ("0"/"1" for bools).
    static func hex(_ a: JaxArray) -> String {
        func words<T: FixedWidthInteger>(_ v: [T]) -> String {
            v.map { value in
                let text = String(value, radix: 16)
                return String(repeating: "0", count: MemoryLayout<T>.size * 2 - text.count) + text
            }.joined()
        }
        switch a.storage {
        case .bool(let v): return v.map { $0 ? "1" : "0" }.joined()
        case .uint8(let v): return words(v)
        case .uint16(let v): return words(v)
        case .uint32(let v): return words(v)
        case .uint64(let v): return words(v)
        case .int8(let v): return words(v.map { UInt8(bitPattern: $0) })
        case .int16(let v): return words(v.map { UInt16(bitPattern: $0) })
        case .int32(let v): return words(v.map { UInt32(bitPattern: $0) })
        case .int64(let v): return words(v.map { UInt64(bitPattern: $0) })
        case .float16(let v): return words(v.map(\.bitPattern))
        case .bfloat16(let v): return words(v.map(\.bitPattern))
        case .float32(let v): return words(v.map(\.bitPattern))
        case .float64(let v): return words(v.map(\.bitPattern))
        case .complex64(let v): return words(v.flatMap { [$0.re.bitPattern, $0.im.bitPattern] })
        case .complex128(let v): return words(v.flatMap { [$0.re.bitPattern, $0.im.bitPattern] })
        }
    }
}
