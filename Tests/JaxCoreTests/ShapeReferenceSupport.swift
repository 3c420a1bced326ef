import Foundation
import XCTest
@testable import JaxCore

/// Replays the cases of `Data/structure.json` (recorded from JAX 0.10.2 and NumPy 2.x) against
/// the structure kernels: same values and shape, or the same exception kind and message.
enum StructureReference {
    /// An input array: arange minus offset in a dtype, or explicit values.
    struct ArraySpec: Decodable {
        let shape: [Int]
        let dtype: String
        let offset: Int?
        let values: [JSONNumber]?
    }
    /// A JSON scalar that may be a bool, an integer or a float ("inf", "-inf", "nan" as strings).
    enum JSONNumber: Decodable, Equatable {
        case bool(Bool), int(Int64), float(Double)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .int(i)
            } else if let text = try? c.decode(String.self) {
                self = .float(Double(text) ?? .nan)
            } else {
                self = .float(try c.decode(Double.self))
            }
        }
        var double: Double {
            switch self {
            case .bool(let b): return b ? 1 : 0
            case .int(let i): return Double(i)
            case .float(let d): return d
            }
        }
    }
    /// One subscript entry as recorded.
    struct Item: Decodable {
        let int: Int?
        let slice: [Int?]?
        let none: Bool?
        let ellipsis: Bool?
        let array: ArraySpec?
    }
    /// A recorded result.
    struct Outcome: Decodable { let shape: [Int]; let dtype: String; let values: [JSONNumber] }
    /// A recorded exception.
    struct Failure: Decodable { let kind: String; let message: String }
    /// One recorded operation and its outcome.
    struct Case: Decodable {
        let lib: String
        let op: String
        let input: ArraySpec
        let shape: [Int]?
        let perm: [Int]?
        let axes: [Int]?
        let axis: Int?
        let other: ArraySpec?
        let start: [Int]?
        let limit: [Int]?
        let strides: [Int]?
        let sizes: [Int]?
        let reduce: String?
        let index: [Item]?
        let mode: String?
        let updates: ArraySpec?
        let result: Outcome?
        let error: Failure?
    }
    /// The whole recorded file.
    struct File: Decodable { let cases: [Case] }

    static func cases(_ ops: Set<String>) throws -> [Case] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "structure", withExtension: "json", subdirectory: "Data"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases.filter { ops.contains($0.op) }
    }

    /// The generator's input: arange minus offset (bool: multiples of 3), cast like NumPy.
    static func array(_ spec: ArraySpec, dtype override: String? = nil) -> JaxArray {
        let dtype = DType(rawValue: override ?? spec.dtype) ?? .int32
        let n = spec.shape.reduce(1, *)
        let raw: [Int64]
        if let values = spec.values {
            raw = values.map { if case .bool(let b) = $0 { return b ? 1 : 0 } else { return Int64($0.double) } }
        } else {
            raw = (0..<n).map { Int64($0 - (spec.offset ?? 0)) }
        }
        let ints = spec.dtype == "bool" && spec.values == nil ? raw.map { $0 % 3 == 0 ? 1 : 0 } : raw
        let storage: Storage
        switch dtype {
        case .bool: storage = .bool(ints.map { $0 != 0 })
        case .uint8: storage = .uint8(ints.map { UInt8(truncatingIfNeeded: $0) })
        case .uint16: storage = .uint16(ints.map { UInt16(truncatingIfNeeded: $0) })
        case .uint32: storage = .uint32(ints.map { UInt32(truncatingIfNeeded: $0) })
        case .uint64: storage = .uint64(ints.map { UInt64(truncatingIfNeeded: $0) })
        case .int8: storage = .int8(ints.map { Int8(truncatingIfNeeded: $0) })
        case .int16: storage = .int16(ints.map { Int16(truncatingIfNeeded: $0) })
        case .int32: storage = .int32(ints.map { Int32(truncatingIfNeeded: $0) })
        case .int64: storage = .int64(ints)
        case .float16: storage = .float16(ints.map { Float16(Double($0)) })
        case .bfloat16: storage = .bfloat16(ints.map { BFloat16(Float($0)) })
        case .float32: storage = .float32(ints.map { Float($0) })
        case .float64: storage = .float64(ints.map { Double($0) })
        case .complex64: storage = .complex64(ints.map { Complex64(Float($0), 0) })
        case .complex128: storage = .complex128(ints.map { Complex128(Double($0), 0) })
        }
        return JaxArray(shape: spec.shape, storage: storage)
    }

    static func canonical(_ spec: ArraySpec) -> ArraySpec {
        let dtype = DType(rawValue: spec.dtype)?.canonicalWithoutX64.rawValue ?? spec.dtype
        return ArraySpec(shape: spec.shape, dtype: dtype, offset: spec.offset, values: spec.values)
    }

    /// `a` converted to a wider integer dtype, value by value (as the libraries widen sums).
    static func widened(_ a: JaxArray, to dtype: String) -> JaxArray {
        let values = (0..<a.count).map { JSONNumber.int(a.storage.int64(at: $0)) }
        if a.dtype.isFloating { return a }
        return array(ArraySpec(shape: a.shape, dtype: dtype, offset: nil, values: values))
    }

    static func index(_ items: [Item]) -> [IndexItem] {
        items.map { item in
            if let i = item.int { return .int(i) }
            if let s = item.slice { return .slice(start: s[0], stop: s[1], step: s[2]) }
            if item.none != nil { return .newAxis }
            if item.ellipsis != nil { return .ellipsis }
            if let a = item.array { return .array(array(a)) }
            return .ellipsis
        }
    }

    /// Runs one case; nil when it behaves as recorded, else a description of the difference.
    static func check(_ c: Case) -> String? {
        let semantics: ArraySemantics = c.lib == "jax" ? .jax : .numpy
        do {
            // reductions that widen integers in the libraries are fed the widened dtype
            let widen = c.op == "reduce" && (c.reduce == "sum" || c.reduce == "product") ? c.result?.dtype : nil
            // JAX runs with x64 off: 64-bit inputs arrive as their 32-bit types
            let input = c.lib == "jax" ? canonical(c.input) : c.input
            let x = widen.map { widened(array(input), to: $0) } ?? array(input)
            let out: JaxArray
            switch c.op {
            case "reshape":
                let requested = c.shape ?? []
                let written = "[" + requested.map(String.init).joined(separator: ", ") + "]"
                let shape = try Kernels.resolveReshape(requested, from: x.shape, semantics: semantics, written: written)
                out = try Kernels.reshape(x, to: shape)
            case "transpose": out = try Kernels.transpose(x, permutation: c.perm ?? [], semantics: semantics)
            case "squeeze": out = try Kernels.squeeze(x, axes: c.axes ?? [], semantics: semantics)
            case "expand_dims": out = try Kernels.expandDims(x, axes: c.axes ?? [], semantics: semantics)
            case "concatenate":
                out = try Kernels.concatenate([x, array(c.other ?? c.input)], axis: c.axis ?? 0, semantics: semantics)
            case "slice": out = try Kernels.slice(x, start: c.start ?? [], limit: c.limit ?? [], strides: c.strides ?? [])
            case "dynamic_slice": out = try Kernels.dynamicSlice(x, start: c.start ?? [], sizes: c.sizes ?? [])
            case "reduce":
                let ops: [String: Kernels.ReduceOp] = ["sum": .sum, "product": .product, "max": .max, "min": .min, "any": .any, "all": .all]
                out = try Kernels.reduce(ops[c.reduce ?? ""] ?? .sum, x, axes: c.axes ?? [], semantics: semantics)
            case "argmax", "argmin":
                out = try Kernels.argReduce(max: c.op == "argmax", x, axis: c.axis ?? 0,
                                            indexDType: semantics == .jax ? .int32 : .int64, semantics: semantics)
            case "getitem": out = try Kernels.getItem(x, index(c.index ?? []), semantics: semantics)
            case "scatter":
                let modes: [String: ScatterMode] = ["set": .set, "add": .add, "multiply": .multiply, "min": .min, "max": .max]
                out = try Kernels.scatter(x, index(c.index ?? []), updates: array(c.updates ?? c.input),
                                          mode: modes[c.mode ?? ""] ?? .set, semantics: semantics)
            default: return "unknown op \(c.op)"
            }
            guard let expected = c.result else { return "expected \(c.error.map { "\($0.kind): \($0.message)" } ?? "?"), got a result" }
            let got = (0..<out.count).map { out.storage.double(at: $0) }
            let want = expected.values.map(\.double)
            let same = got.count == want.count && zip(got, want).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            if out.shape != expected.shape || !same {
                return "expected \(expected.shape) \(expected.values.map(\.double)), got \(out.shape) \(got)"
            }
            return nil
        } catch {
            guard let expected = c.error else { return "unexpected \(error)" }
            if error.kind != expected.kind || error.message != expected.message {
                return "expected \(expected.kind): \(expected.message), got \(error.kind): \(error.message)"
            }
            return nil
        }
    }

    /// Every difference among the cases of `ops`, one line each.
    static func failures(_ ops: Set<String>) throws -> [String] {
        try cases(ops).compactMap { c in
            check(c).map { "\(c.lib) \(c.op) \(c.input.shape) \(c.input.dtype) \(c.reduce ?? "") \(c.axes ?? []) \(c.perm ?? []) \(c.shape ?? []): \($0)" }
        }
    }
}
