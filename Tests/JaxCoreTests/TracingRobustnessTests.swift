import XCTest
@testable import JaxCore

/// Bad input to the transformations gives a Python exception with JAX's kind, never a crash.
final class TracingRobustnessTests: XCTestCase {
    let x = JaxValue.array(JaxArray(shape: [3], storage: .float32([1, 2, 3])))
    let identity = T.fn { _, a throws(PyException) in a[0] }

    func kind(_ body: () throws(PyException) -> Void) -> String {
        do {
            try body()
            return "ok"
        } catch {
            return error.kind
        }
    }

    func testExtremeArguments() {
        let ctx = JaxContext()
        let x = self.x
        XCTAssertEqual(kind { () throws(PyException) in _ = try Transforms.vmap(identity, inAxes: .all(Int.max))(ctx, [.leaf(x)]) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try Transforms.vmap(identity, inAxes: .all(Int.min))(ctx, [.leaf(x)]) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try Transforms.vmap(identity, outAxes: .all(Int.max))(ctx, [.leaf(x)]) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try Transforms.vmap(identity, outAxes: .each([0, 1]))(ctx, [.leaf(x)]) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try Transforms.grad(identity, argnums: .single(Int.max))(ctx, [.leaf(x)]) }, "TypeError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try Transforms.grad(identity, argnums: .multiple([Int.min]))(ctx, [.leaf(x)]) }, "TypeError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.getItem(ctx, x, [.slice(start: Int.min, stop: Int.max, step: Int.max)]) }, "ok")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.getItem(ctx, x, [.int(0), .int(0)]) }, "IndexError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.sum(ctx, x, axes: [Int.min]) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.transpose(ctx, x, [5]) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.matmul(ctx, x, JaxValue.array(JaxArray(shape: [2], storage: .float32([1, 2])))) }, "TypeError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.arange(ctx, start: .float(1e300), stop: nil) }, "ValueError")
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.add(ctx, x, JaxValue.array(JaxArray(shape: [2], storage: .float32([1, 2])))) }, "TypeError")
    }

    func testLeakedTracerAndBoolConversion() throws {
        let ctx = JaxContext()
        var leaked: JaxValue?
        _ = try Transforms.makeJaxpr(ctx, { _, a throws(PyException) -> PyTree in
            leaked = try T.first(a[0])
            return a[0]
        }, [.leaf(x)])
        guard let leaked else { return XCTFail("no tracer captured") }
        XCTAssertEqual(kind { () throws(PyException) in _ = try JNP.add(ctx, leaked, leaked) }, "UnexpectedTracerError")
        let jitted = Transforms.jit(name: "f") { ctx, a throws(PyException) -> PyTree in
            _ = try Concrete.bool(try JNP.greater(ctx, try JNP.sum(ctx, try T.first(a[0])), T.weakInt(0)))
            return a[0]
        }
        XCTAssertEqual(kind { () throws(PyException) in _ = try jitted.call(ctx, [.leaf(self.x)]) }, "TracerBoolConversionError")
        let converted = Transforms.jit(name: "g") { _, a throws(PyException) -> PyTree in
            _ = try Concrete.value(try T.first(a[0]), function: "int")
            return a[0]
        }
        XCTAssertEqual(kind { () throws(PyException) in _ = try converted.call(ctx, [.leaf(self.x)]) }, "ConcretizationTypeError")
        // grad keeps concrete primals, so Python control flow on them works as in JAX.
        let branchy = Transforms.grad { ctx, a throws(PyException) -> PyTree in
            let v = try T.first(a[0])
            let positive = try Concrete.bool(try JNP.greater(ctx, v, T.weakInt(0)))
            return .leaf(positive.storage.double(at: 0) != 0 ? try JNP.multiply(ctx, v, v) : v)
        }
        let g = try branchy(ctx, [.leaf(.array(JaxArray.scalar(.float(3), dtype: .float32)))])
        XCTAssertEqual(try T.first(g).concrete?.storage.double(at: 0), 6)
    }

    func testDeepNestingIsRefused() {
        let ctx = JaxContext()
        var f: JaxFunction = T.fn { ctx, a throws(PyException) in try JNP.sum(ctx, try JNP.sin(ctx, a[0])) }
        for _ in 0..<250 { f = Transforms.vmap(f) }
        let big = JaxValue.array(JaxArray(shape: [1], storage: .float32([1])))
        XCTAssertNotEqual(kind { () throws(PyException) in _ = try f(ctx, [.leaf(big)]) }, "ok")
    }
}
