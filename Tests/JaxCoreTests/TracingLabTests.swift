import XCTest
@testable import JaxCore

/// The lab's tracing cells, driven through the Swift API.
final class TracingLabTests: XCTestCase {
    static func f32(_ values: [Float], _ shape: [Int]? = nil) -> JaxValue {
        .array(JaxArray(shape: shape ?? [values.count], storage: .float32(values)))
    }
    static func int(_ v: Int64) -> JaxValue { .array(JaxArray.scalar(.int(v), dtype: .int32, weak: true)) }

    /// `((x + 2) ** 2 + 3).mean()`
    static func f(_ ctx: JaxContext, _ args: [PyTree]) throws(PyException) -> PyTree {
        guard case .leaf(let x)? = args.first else { throw PyException.typeError("bad args") }
        var y = try JNP.add(ctx, x, int(2))
        y = try JNP.power(ctx, y, int(2))
        y = try JNP.add(ctx, y, int(3))
        return .leaf(try JNP.mean(ctx, y))
    }

    func testJaxprOfF() throws {
        let ctx = JaxContext()
        let jaxpr = try Transforms.makeJaxpr(ctx, Self.f, [.leaf(Self.f32([0, 1, 2]))])
        XCTAssertEqual(jaxpr.description, """
        { lambda ; a:f32[3]. let
            b:f32[3] = add a 2.0:f32[]
            c:f32[3] = integer_pow[y=2] b
            d:f32[3] = add c 3.0:f32[]
            e:f32[] = reduce_sum[axes=(0,) out_sharding=None] d
            f:f32[] = div e 3.0:f32[]
          in (f,) }
        """)
    }

    func testJaxprOfGrad() throws {
        let ctx = JaxContext()
        let jaxpr = try Transforms.makeJaxpr(ctx, Transforms.grad(Self.f), [.leaf(Self.f32([0, 1, 2]))])
        XCTAssertEqual(jaxpr.description, """
        { lambda ; a:f32[3]. let
            b:f32[3] = add a 2.0:f32[]
            c:f32[3] = integer_pow[y=2] b
            d:f32[3] = mul 2.0:f32[] b
            e:f32[3] = add c 3.0:f32[]
            f:f32[] = reduce_sum[axes=(0,) out_sharding=None] e
            _:f32[] = div f 3.0:f32[]
            g:f32[] = div 1.0:f32[] 3.0:f32[]
            h:f32[3] = broadcast_in_dim g
            i:f32[3] = mul h d
          in (i,) }
        """)
    }

    func testJaxprOfValueAndGrad() throws {
        let ctx = JaxContext()
        let jaxpr = try Transforms.makeJaxpr(ctx, Transforms.valueAndGrad(Self.f), [.leaf(Self.f32([0, 1, 2]))])
        XCTAssertEqual(jaxpr.description, """
        { lambda ; a:f32[3]. let
            b:f32[3] = add a 2.0:f32[]
            c:f32[3] = integer_pow[y=2] b
            d:f32[3] = mul 2.0:f32[] b
            e:f32[3] = add c 3.0:f32[]
            f:f32[] = reduce_sum[axes=(0,) out_sharding=None] e
            g:f32[] = div f 3.0:f32[]
            h:f32[] = div 1.0:f32[] 3.0:f32[]
            i:f32[3] = broadcast_in_dim h
            j:f32[3] = mul i d
          in (g, j) }
        """)
    }

    static func text(_ tree: PyTree) -> String {
        switch tree {
        case .leaf(.array(let a)): return ArrayFormatter.str(a)
        case .tuple(let items): return "(" + items.map { item in
            if case .leaf(.array(let a)) = item { return ArrayFormatter.repr(a, flavor: .jax) }
            return text(item)
        }.joined(separator: ", ") + ")"
        default: return "?"
        }
    }

    func testEagerGradAndJit() throws {
        let ctx = JaxContext()
        let x: PyTree = .leaf(Self.f32([0, 1, 2]))
        XCTAssertEqual(Self.text(try Self.f(ctx, [x])), "12.666667")
        XCTAssertEqual(Self.text(try Transforms.grad(Self.f)(ctx, [x])), "[1.3333334 2.        2.6666667]")
        XCTAssertEqual(Self.text(try Transforms.valueAndGrad(Self.f)(ctx, [x])),
                       "(Array(12.666667, dtype=float32), Array([1.3333334, 2.       , 2.6666667], dtype=float32))")
        let jitted = Transforms.jit(name: "f", Self.f)
        XCTAssertEqual(Self.text(try jitted.call(ctx, [x])), "12.666667")
        XCTAssertEqual(Self.text(try jitted.call(ctx, [x])), "12.666667")
        XCTAssertEqual(jitted.cacheSize, 1)
    }
}
