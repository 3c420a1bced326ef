import XCTest
@testable import JaxCore

/// Printed jaxprs of transformed functions, compared with what JAX 0.10.2 prints.
final class TracingJaxprTests: XCTestCase {
    static func ones(_ shape: [Int]) -> PyTree {
        .leaf(.array(JaxArray(shape: shape, storage: .float32(Array(repeating: 1, count: shape.reduce(1, *))))))
    }
    static func leaf(_ args: [PyTree], _ i: Int) throws(PyException) -> JaxValue {
        guard i < args.count, case .leaf(let v) = args[i] else { throw PyException.typeError("expected an array argument") }
        return v
    }
    static func weakFloat(_ v: Double) -> JaxValue { .array(JaxArray.scalar(.float(v), dtype: .float32, weak: true)) }

    /// `(x[:, None] * W).sum(axis=0) + b`
    static func simpleLinear(_ ctx: JaxContext, _ x: JaxValue, _ w: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let col = try JNP.getItem(ctx, x, [.slice(start: nil, stop: nil, step: nil), .newAxis])
        return try JNP.add(ctx, try JNP.sum(ctx, try JNP.multiply(ctx, col, w), axes: [0]), b)
    }

    func check(_ f: @escaping JaxFunction, _ args: [PyTree], _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ctx = JaxContext()
        XCTAssertEqual(try Transforms.makeJaxpr(ctx, f, args).description, expected, file: file, line: line)
    }

    func testVmapLinear() throws {
        let f = Transforms.vmap({ ctx, a throws(PyException) in
            .leaf(try Self.simpleLinear(ctx, try Self.leaf(a, 0), try Self.leaf(a, 1), try Self.leaf(a, 2)))
        }, inAxes: .each([0, nil, nil]))
        try check(f, [Self.ones([10, 4]), Self.ones([4, 3]), Self.ones([3])], """
        { lambda ; a:f32[10,4] b:f32[4,3] c:f32[3]. let
            d:f32[10,4,1] = broadcast_in_dim[broadcast_dimensions=(0, np.int64(1))] a
            e:f32[1,4,3] = broadcast_in_dim[
              broadcast_dimensions=(np.int64(1), np.int64(2))
            ] b
            f:f32[10,4,3] = mul d e
            g:f32[10,3] = reduce_sum[axes=(np.int64(1),) out_sharding=None] f
            h:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(np.int64(1),)] c
            i:f32[10,3] = add g h
          in (i,) }
        """)
    }

    func testGradLinearWeights() throws {
        let f = Transforms.grad { ctx, a throws(PyException) in
            .leaf(try JNP.sum(ctx, try Self.simpleLinear(ctx, try Self.leaf(a, 1), try Self.leaf(a, 0), try Self.leaf(a, 2))))
        }
        try check(f, [Self.ones([4, 3]), Self.ones([4]), Self.ones([3])], """
        { lambda ; a:f32[4,3] b:f32[4] c:f32[3]. let
            d:f32[4,1] = broadcast_in_dim[broadcast_dimensions=(0,)] b
            e:f32[4,3] = mul d a
            f:f32[3] = reduce_sum[axes=(0,) out_sharding=None] e
            g:f32[3] = add f c
            _:f32[] = reduce_sum[axes=(0,) out_sharding=None] g
            h:f32[3] = broadcast_in_dim 1.0:f32[]
            i:f32[4,3] = broadcast_in_dim[broadcast_dimensions=(np.int64(1),)] h
            j:f32[4,3] = mul d i
          in (j,) }
        """)
    }

    func testVmapOfGrad() throws {
        let g = Transforms.grad { ctx, a throws(PyException) in
            .leaf(try JNP.sum(ctx, try JNP.power(ctx, try Self.leaf(a, 0), .array(JaxArray.scalar(.int(3), dtype: .int32, weak: true)))))
        }
        try check(Transforms.vmap(g), [Self.ones([2, 3])], """
        { lambda ; a:f32[2,3]. let
            b:f32[2,3] = integer_pow[y=3] a
            c:f32[2,3] = integer_pow[y=2] a
            d:f32[2,3] = mul 3.0:f32[] c
            _:f32[2] = reduce_sum[axes=(np.int64(1),) out_sharding=None] b
            e:f32[3] = broadcast_in_dim 1.0:f32[]
            f:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(np.int64(1),)] e
            g:f32[2,3] = mul f d
          in (g,) }
        """)
    }

    func testGradThroughMatmulAndTanh() throws {
        let f = Transforms.grad({ ctx, a throws(PyException) in
            .leaf(try JNP.sum(ctx, try JNP.tanh(ctx, try JNP.matmul(ctx, try Self.leaf(a, 0), try Self.leaf(a, 1)))))
        }, argnums: .single(1))
        try check(f, [Self.ones([2, 4]), Self.ones([4, 3])], """
        { lambda ; a:f32[2,4] b:f32[4,3]. let
            c:f32[2,3] = dot_general[
              dimension_numbers=(([1], [0]), ([], []))
              preferred_element_type=float32
            ] a b
            d:f32[2,3] = tanh c
            e:f32[2,3] = sub 1.0:f32[] d
            _:f32[] = reduce_sum[axes=(0, 1) out_sharding=None] d
            f:f32[2,3] = broadcast_in_dim 1.0:f32[]
            g:f32[2,3] = mul f e
            h:f32[2,3] = mul g d
            i:f32[2,3] = add_any g h
            j:f32[3,4] = dot_general[
              dimension_numbers=(([0], [0]), ([], []))
              preferred_element_type=float32
            ] i a
            k:f32[4,3] = transpose[permutation=(1, 0)] j
          in (k,) }
        """)
    }

    func testNestedJit() throws {
        let inner = Transforms.jit(name: "<lambda>") { ctx, a throws(PyException) in
            .leaf(try JNP.multiply(ctx, try Self.leaf(a, 0), .array(JaxArray.scalar(.int(2), dtype: .int32, weak: true))))
        }
        let f: JaxFunction = { ctx, a throws(PyException) in
            let x = try Self.leaf(a, 0)
            guard case .leaf(let y) = try inner.call(ctx, [.leaf(x)]) else { throw PyException.typeError("bad") }
            return .leaf(try JNP.add(ctx, y, try JNP.cos(ctx, x)))
        }
        try check(f, [Self.ones([3])], """
        { lambda ; a:f32[3]. let
            b:f32[3] = jit[
              name=<lambda>
              jaxpr={ lambda ; a:f32[3]. let b:f32[3] = mul a 2.0:f32[] in (b,) }
            ] a
            c:f32[3] = cos a
            d:f32[3] = add b c
          in (d,) }
        """)
    }
}
