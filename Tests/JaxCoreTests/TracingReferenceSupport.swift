import Foundation
import XCTest
@testable import JaxCore

/// Loads tracing-cases.json (recorded from JAX by Data/generators/tracing.py) and builds the
/// small vocabulary the reference cases are written in.
enum TracingReference {
    struct Encoded: Decodable {
        let dtype: String
        let shape: [Int]
        let bits: [String]
    }

    struct Case: Decodable {
        let jaxpr: String?
        let text: String?
        let leaves: [Encoded]?
        let error: String?
    }

    struct File: Decodable {
        let inputs: [String: Encoded]
        let cases: [String: Case]
    }

    static func load() throws -> File {
        guard let url = Bundle.module.url(forResource: "tracing-cases", withExtension: "json", subdirectory: "Data") else {
            throw PyException("FileNotFoundError", "tracing-cases.json")
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static func decode(_ e: Encoded) -> JaxArray? {
        let words = e.bits.compactMap { UInt64($0, radix: 16) }
        guard words.count == e.bits.count else { return nil }
        switch e.dtype {
        case "float32": return JaxArray(shape: e.shape, storage: .float32(words.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }))
        case "float64": return JaxArray(shape: e.shape, storage: .float64(words.map { Double(bitPattern: $0) }))
        case "int32": return JaxArray(shape: e.shape, storage: .int32(words.map { Int32(bitPattern: UInt32(truncatingIfNeeded: $0)) }))
        case "bool": return JaxArray(shape: e.shape, storage: .bool(words.map { $0 != 0 }))
        default: return nil
        }
    }

    /// The raw bit patterns of an array's elements as lowercase hex, as the generator writes them.
    static func bits(_ a: JaxArray) -> [String] {
        switch a.storage {
        case .float32(let v): return v.map { String($0.bitPattern, radix: 16) }
        case .float64(let v): return v.map { String($0.bitPattern, radix: 16) }
        case .int32(let v): return v.map { String(UInt32(bitPattern: $0), radix: 16) }
        case .bool(let v): return v.map { $0 ? "1" : "0" }
        default: return []
        }
    }
}

/// What a reference case produces in Swift.
enum TracingOutcome {
    case jaxpr(ClosedJaxpr)
    case tree(PyTree)
    case text(String)
}

/// Collects lines printed by a traced function (its side effects run at trace time).
final class Log {
    var lines: [String] = []
}

/// Shorthands for writing the reference functions.
enum T {
    static func weak(_ v: Double) -> JaxValue { .array(JaxArray.scalar(.float(v), dtype: .float32, weak: true)) }
    static func weakInt(_ v: Int64) -> JaxValue { .array(JaxArray.scalar(.int(v), dtype: .int32, weak: true)) }
    static let all: IndexItem = .slice(start: nil, stop: nil, step: nil)

    /// A function of array leaves returning one array.
    static func fn(_ body: @escaping (JaxContext, [JaxValue]) throws(PyException) -> JaxValue) -> JaxFunction {
        return { ctx, args throws(PyException) -> PyTree in .leaf(try body(ctx, args.flatMap(\.leaves))) }
    }

    /// A function of array leaves returning several arrays as a tuple.
    static func fnTuple(_ body: @escaping (JaxContext, [JaxValue]) throws(PyException) -> [JaxValue]) -> JaxFunction {
        return { ctx, args throws(PyException) -> PyTree in .tuple(try body(ctx, args.flatMap(\.leaves)).map { .leaf($0) }) }
    }

    static func first(_ tree: PyTree) throws(PyException) -> JaxValue {
        guard let v = tree.leaves.first else { throw PyException.typeError("no result") }
        return v
    }
}
