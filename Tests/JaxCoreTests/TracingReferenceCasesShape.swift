@testable import JaxCore

/// The reshape and batched-index cases of generators/tracing.py, written against the Swift API.
extension TracingCases {
    static func shapeCases(_ I: Inputs) -> [String: Case] {
        guard let x3 = I["x3"], let m23 = I["m23"], let m34 = I["m34"] else { return [:] }
        var cases: [String: Case] = [:]
        func reshape(_ x: JaxValue, _ shape: [Int], written: String? = nil) -> Case {
            value(T.fn { ctx, a throws(PyException) in try JNP.reshape(ctx, a[0], shape, written: written) }, [.leaf(x)])
        }

        // reshape: jnp's TypeErrors quote the requested shape as written
        cases["reshape_unknown"] = value(T.fnTuple { ctx, a throws(PyException) in
            [try JNP.reshape(ctx, a[0], [3, -1]), try JNP.reshape(ctx, a[1], [-1, 6]), try JNP.reshape(ctx, a[0], [6], written: "6")]
        }, [.leaf(m23), .leaf(m34)])
        cases["err_reshape_size"] = reshape(m23, [4])
        cases["err_reshape_int"] = reshape(m23, [4], written: "4")
        cases["err_reshape_list"] = reshape(m23, [4, 2], written: "[4, 2]")
        cases["err_reshape_not_dividing"] = reshape(x3, [2, -1])
        cases["err_reshape_two_unknown"] = reshape(x3, [-1, -1])
        cases["err_reshape_negative"] = reshape(m23, [-2, 3])
        cases["err_reshape_negative_sizes"] = reshape(m23, [-2, -3])
        cases["err_reshape_negative_unknown"] = reshape(m23, [-1, -2])
        cases["err_reshape_zero_unknown"] = reshape(x3, [0, -1])
        cases["err_reshape_huge"] = reshape(m23, [1 << 62, 4, 3])
        cases["err_reshape_huge_unknown"] = reshape(m23, [1 << 62, 4, -1])
        cases["err_jit_reshape"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.reshape(ctx, a[0], [3, 3]) }, [.leaf(m23)])
        cases["err_vmap_reshape"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in try JNP.reshape(ctx, a[0], [2, 2]) }),
                                          [.leaf(m23)])

        // batched arrays indexed by batched indices
        let takeAt = T.fn { ctx, a throws(PyException) in try JNP.getItem(ctx, a[0], [JNPIndex.value(a[1])]) }
        func ints(_ v: [Int32]) -> PyTree { .leaf(.array(JaxArray(shape: [v.count], storage: .int32(v)))) }
        cases["vmap_batched_index"] = value(Transforms.vmap(takeAt), [.leaf(m34), ints([3, 0, -1])])
        let blocks = (try? JNP.reshape(JaxContext(), m34, [3, 2, 2])) ?? m34
        cases["vmap_batched_index_rows"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, a[0], [JNPIndex.value(a[1])]), T.weak(2))
        }), [.leaf(blocks), ints([1, 0, 1])])
        cases["vmap_batched_index_clamped"] = value(Transforms.vmap(takeAt), [.leaf(m34), ints([7, -9, 2])])
        cases["jit_vmap_batched_index"] = jitValue(Transforms.vmap(takeAt), [.leaf(m34), ints([2, 1, 0])])
        cases["vmap_grad_batched_index"] = value(Transforms.vmap(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, a[0], [JNPIndex.value(a[1])]), T.weak(3))
        })), [.leaf(m34), ints([2, 1, 0])])
        return cases
    }
}
