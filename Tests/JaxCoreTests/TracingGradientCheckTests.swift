import XCTest
@testable import JaxCore

/// Gradients from grad (linearize + transpose) against central finite differences in float64,
/// for every differentiable primitive.
final class TracingGradientCheckTests: XCTestCase {
    typealias Scalar1 = (JaxContext, [JaxValue]) throws(PyException) -> JaxValue

    static func f64(_ v: [Double], _ shape: [Int]? = nil) -> JaxValue {
        .array(JaxArray(shape: shape ?? [v.count], storage: .float64(v)))
    }

    static func values(_ v: JaxValue) -> [Double] {
        guard case .array(let a) = v else { return [] }
        return (0..<a.count).map { a.storage.double(at: $0) }
    }

    /// Checks d sum(f(args)) / d args[i] for every argument against central differences.
    func check(_ name: String, _ args: [JaxValue], tolerance: Double = 1e-6, _ f: @escaping Scalar1,
               file: StaticString = #filePath, line: UInt = #line) {
        let ctx = JaxContext(enableX64: true)
        let scalar: JaxFunction = { ctx, trees throws(PyException) -> PyTree in
            .leaf(try JNP.sum(ctx, try f(ctx, trees.flatMap(\.leaves))))
        }
        do {
            let grads = try Transforms.grad(scalar, argnums: .multiple(Array(args.indices)))(ctx, args.map { .leaf($0) }).leaves
            XCTAssertEqual(grads.count, args.count, "\(name): gradient count", file: file, line: line)
            for (i, arg) in args.enumerated() {
                let base = Self.values(arg)
                let analytic = Self.values(grads[i])
                for j in base.indices {
                    let h = 1e-6 * max(1, abs(base[j]))
                    func at(_ delta: Double) throws(PyException) -> Double {
                        var moved = base
                        moved[j] += delta
                        var shifted = args
                        shifted[i] = Self.f64(moved, arg.shape)
                        return Self.values(try scalar(ctx, shifted.map { .leaf($0) }).leaves[0])[0]
                    }
                    let numeric = (try at(h) - at(-h)) / (2 * h)
                    let scale = max(1, abs(numeric))
                    XCTAssertEqual(analytic[j], numeric, accuracy: tolerance * scale * 10,
                                   "\(name): d/d arg\(i)[\(j)]", file: file, line: line)
                }
            }
        } catch {
            XCTFail("\(name): \(error)", file: file, line: line)
        }
    }

    let x = TracingGradientCheckTests.f64([0.3, -1.2, 2.1, 0.7])
    let pos = TracingGradientCheckTests.f64([0.3, 1.2, 2.1, 0.7])
    let y = TracingGradientCheckTests.f64([1.1, 0.4, -0.9, 1.6])
    let m = TracingGradientCheckTests.f64([0.5, -1.0, 2.0, 0.25, 1.5, -0.75], [2, 3])
    let w = TracingGradientCheckTests.f64([0.2, -0.3, 0.9, 1.1, -0.4, 0.6], [3, 2])

    func testUnaryPrimitives() {
        check("neg", [x]) { c, a throws(PyException) in try JNP.negative(c, a[0]) }
        check("exp", [x]) { c, a throws(PyException) in try JNP.exp(c, a[0]) }
        check("log", [pos]) { c, a throws(PyException) in try JNP.log(c, a[0]) }
        check("log1p", [pos]) { c, a throws(PyException) in try JNP.log1p(c, a[0]) }
        check("expm1", [x]) { c, a throws(PyException) in try JNP.expm1(c, a[0]) }
        check("sin", [x]) { c, a throws(PyException) in try JNP.sin(c, a[0]) }
        check("cos", [x]) { c, a throws(PyException) in try JNP.cos(c, a[0]) }
        check("tan", [x]) { c, a throws(PyException) in try JNP.tan(c, a[0]) }
        check("tanh", [x]) { c, a throws(PyException) in try JNP.tanh(c, a[0]) }
        check("atan", [x]) { c, a throws(PyException) in try JNP.arctan(c, a[0]) }
        check("sqrt", [pos]) { c, a throws(PyException) in try JNP.sqrt(c, a[0]) }
        check("rsqrt", [pos]) { c, a throws(PyException) in try JNP.rsqrt(c, a[0]) }
        check("logistic", [x]) { c, a throws(PyException) in try JNP.sigmoid(c, a[0]) }
        check("erf", [x]) { c, a throws(PyException) in try JNP.erf(c, a[0]) }
        check("abs", [x]) { c, a throws(PyException) in try JNP.abs(c, a[0]) }
        check("square", [x]) { c, a throws(PyException) in try JNP.square(c, a[0]) }
        check("integer_pow", [x]) { c, a throws(PyException) in
            try JNP.power(c, a[0], .array(JaxArray.scalar(.int(3), dtype: .int64, weak: true)))
        }
        check("integer_pow_negative", [pos]) { c, a throws(PyException) in
            try JNP.power(c, a[0], .array(JaxArray.scalar(.int(-2), dtype: .int64, weak: true)))
        }
    }

    func testBinaryPrimitives() {
        check("add", [x, y]) { c, a throws(PyException) in try JNP.add(c, a[0], a[1]) }
        check("sub", [x, y]) { c, a throws(PyException) in try JNP.subtract(c, a[0], a[1]) }
        check("mul", [x, y]) { c, a throws(PyException) in try JNP.multiply(c, a[0], a[1]) }
        check("div", [x, y]) { c, a throws(PyException) in try JNP.divide(c, a[0], a[1]) }
        check("pow", [pos, y]) { c, a throws(PyException) in try JNP.power(c, a[0], a[1]) }
        check("max", [x, y]) { c, a throws(PyException) in try JNP.maximum(c, a[0], a[1]) }
        check("min", [x, y]) { c, a throws(PyException) in try JNP.minimum(c, a[0], a[1]) }
        check("atan2", [x, y]) { c, a throws(PyException) in try JNP.arctan2(c, a[0], a[1]) }
        check("select_n", [x, y]) { c, a throws(PyException) in
            try JNP.where(c, try JNP.greater(c, a[0], a[1]), try JNP.sin(c, a[0]), try JNP.multiply(c, a[1], a[1]))
        }
    }

    func testStructuralPrimitives() {
        check("reduce_sum_axis", [m]) { c, a throws(PyException) in
            try JNP.multiply(c, try JNP.sum(c, a[0], axes: [1], keepdims: true), try JNP.sum(c, a[0], axes: [0], keepdims: true))
        }
        check("reduce_max", [m]) { c, a throws(PyException) in try JNP.max(c, a[0], axes: [0]) }
        check("reduce_min", [m]) { c, a throws(PyException) in try JNP.min(c, a[0], axes: [1]) }
        check("mean", [m]) { c, a throws(PyException) in try JNP.square(c, try JNP.mean(c, a[0], axes: [0])) }
        check("dot_general", [m, w]) { c, a throws(PyException) in try JNP.tanh(c, try JNP.matmul(c, a[0], a[1])) }
        check("dot_vector", [x, y]) { c, a throws(PyException) in try JNP.square(c, try JNP.dot(c, a[0], a[1])) }
        check("broadcast_in_dim", [m, Self.f64([0.1, 0.2, 0.3])]) { c, a throws(PyException) in
            try JNP.square(c, try JNP.add(c, a[0], a[1]))
        }
        check("reshape_transpose", [m]) { c, a throws(PyException) in
            try JNP.multiply(c, try JNP.transpose(c, try JNP.reshape(c, a[0], [3, 2])), a[0])
        }
        check("squeeze_expand", [x]) { c, a throws(PyException) in
            try JNP.square(c, try JNP.squeeze(c, try JNP.expandDims(c, a[0], [0]), [0]))
        }
        check("slice", [x]) { c, a throws(PyException) in
            try JNP.multiply(c, try JNP.getItem(c, a[0], [.slice(start: 1, stop: nil, step: 2)]),
                             try JNP.getItem(c, a[0], [.slice(start: nil, stop: 2, step: nil)]))
        }
        check("concatenate_stack", [x, y]) { c, a throws(PyException) in
            try JNP.square(c, try JNP.add(c, try JNP.concatenate(c, [a[0], a[1]]), try JNP.ravel(c, try JNP.stack(c, [a[1], a[0]]))))
        }
        let index = JaxArray(shape: [3], storage: .int64([2, 0, 2]))
        check("gather", [x]) { c, a throws(PyException) in try JNP.square(c, try JNP.getItem(c, a[0], [.array(index)])) }
        check("scatter_add", [x, Self.f64([1.5, -0.5])]) { c, a throws(PyException) in
            try JNP.square(c, try JNP.atUpdate(c, a[0], [.slice(start: 1, stop: 3, step: nil)], a[1], mode: .add))
        }
        check("scatter", [x, Self.f64([1.5, -0.5])]) { c, a throws(PyException) in
            try JNP.sin(c, try JNP.atUpdate(c, a[0], [.slice(start: 1, stop: 3, step: nil)], try JNP.square(c, a[1]), mode: .set))
        }
    }

    func testHigherOrder() {
        check("grad_of_grad", [x]) { c, a throws(PyException) in
            let inner = Transforms.grad { ctx, t throws(PyException) -> PyTree in
                .leaf(try JNP.sum(ctx, try JNP.multiply(ctx, try JNP.sin(ctx, try T.first(t[0])), try T.first(t[0]))))
            }
            return try T.first(try inner(c, [.leaf(a[0])]))
        }
        check("vmap_inside_grad", [m]) { c, a throws(PyException) in
            let rows = Transforms.vmap(T.fn { ctx, r throws(PyException) in try JNP.sum(ctx, try JNP.exp(ctx, r[0])) })
            return try T.first(try rows(c, [.leaf(a[0])]))
        }
        let jitted = Transforms.jit(name: "h", T.fn { ctx, r throws(PyException) in try JNP.tanh(ctx, try JNP.multiply(ctx, r[0], r[0])) })
        check("jit_inside_grad", [x]) { c, a throws(PyException) in try T.first(try jitted.call(c, [.leaf(a[0])])) }
    }
}
