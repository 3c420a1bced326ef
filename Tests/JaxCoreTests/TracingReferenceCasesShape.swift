@testable import JaxCore

/// The reshape, negative-step and batched-index cases of generators/tracing.py, written against the Swift API.
extension TracingCases {
    static func shapeCases(_ I: Inputs) -> [String: Case] {
        guard let x3 = I["x3"], let m23 = I["m23"], let m34 = I["m34"], let p4 = I["p4"], let ints11 = I["ints11"] else { return [:] }
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

        // negative steps: a static slice, then rev
        func sl(_ start: Int?, _ stop: Int?, _ step: Int?) -> IndexItem { .slice(start: start, stop: stop, step: step) }
        cases["jaxpr_rev"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.getItem(ctx, a[0], [sl(nil, nil, -1)]) }, [p4])
        cases["jaxpr_rev_strided"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.getItem(ctx, a[0], [.newAxis, sl(nil, nil, -2), sl(3, 0, -1)])
        }, [m34])
        cases["rev_values"] = value(T.fnTuple { ctx, a throws(PyException) in
            [try JNP.getItem(ctx, a[0], [sl(nil, nil, -1)]), try JNP.getItem(ctx, a[1], [sl(nil, nil, -2), sl(3, 0, -1)]),
             try JNP.getItem(ctx, a[2], [sl(-2, nil, -3)]), try JNP.getItem(ctx, a[0], [sl(1, 3, -1)]),
             try JNP.getItem(ctx, a[2], [sl(20, -20, -4)])]
        }, [.leaf(p4), .leaf(m34), .leaf(ints11)])
        let revWeighted = sumOf { ctx, x throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, x, [sl(nil, nil, -2)]), try JNP.arange(ctx, start: .float(2), stop: nil))
        }
        cases["jaxpr_grad_rev"] = jaxpr(Transforms.grad(revWeighted), [p4])
        cases["grad_rev"] = value(Transforms.grad(revWeighted), [.leaf(p4)])
        let revRow = T.fn { ctx, a throws(PyException) in try JNP.getItem(ctx, a[0], [sl(nil, nil, -1)]) }
        cases["jaxpr_vmap_rev"] = jaxpr(Transforms.vmap(revRow, inAxes: .all(1)), [m34])
        cases["vmap_rev"] = value(Transforms.vmap(revRow, inAxes: .all(1)), [.leaf(m34)])

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
