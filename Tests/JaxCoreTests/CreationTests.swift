import XCTest
@testable import JaxCore

/// full, arange, linspace, eye and iota against values recorded from JAX and NumPy.
final class CreationTests: XCTestCase {
    struct PyScalar: Decodable {
        let int: Int64?
        let float: Double?
        let bool: Bool?
        var scalar: Scalar {
            if let b = bool { return .bool(b) }
            if let i = int { return .int(i) }
            return .float(float ?? 0)
        }
    }

    struct Case: Decodable {
        let fn: String
        let semantics: String?
        let dtype: String
        let start: FlexibleStart?
        let stop: FlexibleStart?
        let step: PyScalar?
        let num: Int?
        let endpoint: Bool?
        let n: Int?, m: Int?, k: Int?
        let shape: [Int]?
        let dimension: Int?
        let value: PyScalar?
        let out: RecordedArray?
        let error: String?
    }

    /// `start`/`stop` are Python scalars for arange and plain floats for linspace.
    enum FlexibleStart: Decodable {
        case scalar(PyScalar)
        case number(Double)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let d = try? container.decode(Double.self) { self = .number(d) } else { self = .scalar(try container.decode(PyScalar.self)) }
        }
        var scalar: Scalar {
            switch self {
            case .scalar(let s): return s.scalar
            case .number(let d): return .float(d)
            }
        }
        var double: Double { scalar.doubleValue }
    }

    func testRecordedCreation() throws {
        let cases = try Reference.load("elementwise-creation", as: [Case].self)
        var failures: [String] = []
        for c in cases {
            guard let dtype = DType(rawValue: c.dtype) else { continue }
            let sem: ArraySemantics = c.semantics == "numpy" ? .numpy : .jax
            let limits = ArrayLimits.standard
            let body: () throws -> JaxArray
            switch c.fn {
            case "arange":
                body = { try Kernels.arange(start: c.start?.scalar ?? .int(0), stop: c.stop?.scalar ?? .int(0),
                                            step: c.step?.scalar ?? .int(1), dtype: dtype, limits: limits, semantics: sem) }
            case "linspace":
                body = { try Kernels.linspace(start: c.start?.double ?? 0, stop: c.stop?.double ?? 0, num: c.num ?? 0,
                                              endpoint: c.endpoint ?? true, dtype: dtype, limits: limits, semantics: sem) }
            case "eye":
                body = { try Kernels.eye(n: c.n ?? 0, m: c.m ?? 0, k: c.k ?? 0, dtype: dtype, limits: limits) }
            case "iota":
                body = { try Kernels.iota(dtype: dtype, shape: c.shape ?? [], dimension: c.dimension ?? 0, limits: limits) }
            default:
                body = { try Kernels.full(shape: c.shape ?? [], value: c.value?.scalar ?? .int(0), dtype: dtype, limits: limits) }
            }
            if let problem = Reference.compare(body, RecordedOutcome(out: c.out, error: c.error)) {
                failures.append("\(c.fn) \(c.semantics ?? "") \(c.dtype) \(String(describing: c.start?.double)) \(String(describing: c.stop?.double)): \(problem)")
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    func testHugeArangeIsAMemoryError() {
        XCTAssertThrowsError(try Kernels.arange(start: .int(0), stop: .int(1 << 40), step: .int(1), dtype: .float32,
                                                limits: ArrayLimits(maxBytes: 1 << 30))) { error in
            XCTAssertEqual((error as? PyException)?.kind, "MemoryError")
        }
    }

    func testScalarConversionWraps() {
        XCTAssertEqual(Reference.bits(JaxArray.scalar(.int(300), dtype: .uint8)), ["2c"])
        XCTAssertEqual(Reference.bits(JaxArray.scalar(.float(-1.5), dtype: .int8)), ["ff"])
        XCTAssertTrue(JaxArray.scalar(.float(2.5), dtype: .float32, weak: true).weakType)
        XCTAssertEqual(JaxArray.scalar(.int(-3), dtype: .int16).scalarValue(at: 0), .int(-3))
        XCTAssertEqual(JaxArray.scalar(.bool(true), dtype: .bool).scalarValue(at: 0), .bool(true))
        XCTAssertEqual(JaxArray.scalar(.float(0.5), dtype: .float16).scalarValue(at: 0), .float(0.5))
    }
}
