import XCTest
@testable import JaxCore

/// lax.transpose and lax.reshape stage nothing for an identity permutation or an unchanged
/// shape, tracers included; the expected text is what JAX 0.10.2 prints.
final class TracingIdentityTests: XCTestCase {
    /// `jnp.tanh(v) @ v`
    static func g(_ ctx: JaxContext, _ args: [PyTree]) throws(PyException) -> PyTree {
        guard case .leaf(let v)? = args.first else { throw PyException.typeError("bad args") }
        return .leaf(try JNP.matmul(ctx, try JNP.tanh(ctx, v), v))
    }

    func testGradOfVectorProductHasNoIdentityTranspose() throws {
        let ctx = JaxContext()
        let x = JaxValue.array(JaxArray(shape: [3], storage: .float32([0, 1, 2])))
        let jaxpr = try Transforms.makeJaxpr(ctx, Transforms.grad(Self.g), [.leaf(x)])
        XCTAssertEqual(jaxpr.description, """
        { lambda ; a:f32[3]. let
            b:f32[3] = tanh a
            c:f32[3] = sub 1.0:f32[] b
            _:f32[] = dot_general[
              dimension_numbers=(([0], [0]), ([], []))
              preferred_element_type=float32
            ] b a
            d:f32[3] = dot_general[
              dimension_numbers=(([], []), ([], []))
              preferred_element_type=float32
            ] 1.0:f32[] b
            e:f32[3] = dot_general[
              dimension_numbers=(([], []), ([], []))
              preferred_element_type=float32
            ] 1.0:f32[] a
            f:f32[3] = mul e c
            g:f32[3] = add_any d f
            h:f32[3] = mul f b
            i:f32[3] = add_any g h
          in (i,) }
        """)
    }
}
