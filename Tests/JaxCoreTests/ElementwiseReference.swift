import Foundation
import XCTest
@testable import JaxCore

/// An array recorded from JAX or NumPy as its dtype, shape and raw element bits in hex.
struct RecordedArray: Decodable {
    let dtype: String
    let shape: [Int]
    let bits: [String]

    var dtypeValue: DType? { DType(rawValue: dtype) }

    /// The recorded array as a JaxArray (nil if the dtype is unknown).
    var array: JaxArray? {
        guard let dtype = dtypeValue else { return nil }
        let raw = bits.map { UInt64($0, radix: 16) ?? 0 }
        let storage: Storage
        switch dtype {
        case .bool: storage = .bool(raw.map { $0 != 0 })
        case .uint8: storage = .uint8(raw.map { UInt8(truncatingIfNeeded: $0) })
        case .uint16: storage = .uint16(raw.map { UInt16(truncatingIfNeeded: $0) })
        case .uint32: storage = .uint32(raw.map { UInt32(truncatingIfNeeded: $0) })
        case .uint64: storage = .uint64(raw)
        case .int8: storage = .int8(raw.map { Int8(truncatingIfNeeded: $0) })
        case .int16: storage = .int16(raw.map { Int16(truncatingIfNeeded: $0) })
        case .int32: storage = .int32(raw.map { Int32(truncatingIfNeeded: $0) })
        case .int64: storage = .int64(raw.map { Int64(bitPattern: $0) })
        case .float16: storage = .float16(raw.map { Float16(bitPattern: UInt16(truncatingIfNeeded: $0)) })
        case .bfloat16: storage = .bfloat16(raw.map { BFloat16(bitPattern: UInt16(truncatingIfNeeded: $0)) })
        case .float32: storage = .float32(raw.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) })
        case .float64: storage = .float64(raw.map { Double(bitPattern: $0) })
        // no recorded elementwise case has a complex dtype
        case .complex64, .complex128: return nil
        }
        return JaxArray(shape: shape, storage: storage)
    }
}

/// What a recorded call produced: an array, or the exception's `Kind: message`.
struct RecordedOutcome: Decodable {
    let out: RecordedArray?
    let error: String?
}

/// Loading recorded cases and comparing arrays bit for bit.
enum Reference {
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Data") else {
            throw PyException.valueError("missing test data \(name).json")
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// The raw bits of every element, as recorded files spell them.
    static func bits(_ a: JaxArray) -> [String] {
        func hex<T: BinaryInteger>(_ v: [T]) -> [String] { v.map { String($0, radix: 16) } }
        switch a.storage {
        case .bool(let v): return v.map { $0 ? "1" : "0" }
        case .uint8(let v): return hex(v)
        case .uint16(let v): return hex(v)
        case .uint32(let v): return hex(v)
        case .uint64(let v): return hex(v)
        case .int8(let v): return hex(v.map { UInt8(bitPattern: $0) })
        case .int16(let v): return hex(v.map { UInt16(bitPattern: $0) })
        case .int32(let v): return hex(v.map { UInt32(bitPattern: $0) })
        case .int64(let v): return hex(v.map { UInt64(bitPattern: $0) })
        case .float16(let v): return hex(v.map(\.bitPattern))
        case .bfloat16(let v): return hex(v.map(\.bitPattern))
        case .float32(let v): return hex(v.map(\.bitPattern))
        case .float64(let v): return hex(v.map(\.bitPattern))
        case .complex64(let v): return v.map { String($0.re.bitPattern, radix: 16) + ":" + String($0.im.bitPattern, radix: 16) }
        case .complex128(let v): return v.map { String($0.re.bitPattern, radix: 16) + ":" + String($0.im.bitPattern, radix: 16) }
        }
    }

    /// Indices where `got` differs from `expected` (dtype, shape or bits); empty when equal.
    /// A NaN matches any NaN: sign and payload never show in printed output.
    static func mismatches(_ got: JaxArray, _ expected: RecordedArray) -> [Int] {
        guard got.dtype.rawValue == expected.dtype, got.shape == expected.shape else { return [-1] }
        let g = bits(got)
        guard g.count == expected.bits.count, let want = expected.array else { return [-1] }
        let nanMask = (got.dtype.isFloating ? (0..<got.count).map { got.storage.double(at: $0).isNaN && want.storage.double(at: $0).isNaN }
                                            : [Bool](repeating: false, count: got.count))
        return g.indices.filter { g[$0] != expected.bits[$0] && !nanMask[$0] }
    }

    /// Compares an outcome with a recorded one, returning a description of the difference.
    static func compare(_ body: () throws -> JaxArray, _ expected: RecordedOutcome, inputs: [JaxArray] = []) -> String? {
        do {
            let got = try body()
            guard let want = expected.out else { return "expected error \(expected.error ?? "?"), got \(got.dtype) array" }
            let bad = mismatches(got, want)
            if bad.isEmpty { return nil }
            if bad == [-1] { return "got \(got.dtype)\(got.shape), want \(want.dtype)\(want.shape)" }
            let gotBits = bits(got)
            let detail = bad.prefix(4).map { i -> String in
                let ins = inputs.map { $0.count == got.count ? bits($0)[i] : "b" }.joined(separator: ",")
                return "[\(i)] in(\(ins)) got \(gotBits[i]) want \(want.bits[i])"
            }.joined(separator: "; ")
            return "\(bad.count) of \(gotBits.count) differ: \(detail)"
        } catch {
            let text = (error as? PyException)?.description ?? "\(error)"
            if let want = expected.error { return text == want ? nil : "error \(text), want \(want)" }
            return "unexpected error \(text)"
        }
    }
}
