@testable import JaxCore

/// The reference functions of generators/tracing.py, written against the Swift API.
enum TracingCases {
    typealias Inputs = [String: JaxValue]
    typealias Case = (JaxContext, Inputs) throws(PyException) -> TracingOutcome

    static func f(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let y = try JNP.add(ctx, try JNP.power(ctx, try JNP.add(ctx, x, T.weakInt(2)), T.weakInt(2)), T.weakInt(3))
        return try JNP.mean(ctx, y)
    }
    static var fF: JaxFunction { T.fn { ctx, a throws(PyException) in try f(ctx, a[0]) } }

    static func linear(_ ctx: JaxContext, _ x: JaxValue, _ w: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let col = try JNP.getItem(ctx, x, [T.all, .newAxis])
        return try JNP.add(ctx, try JNP.sum(ctx, try JNP.multiply(ctx, col, w), axes: [0]), b)
    }
    static var linearF: JaxFunction { T.fn { ctx, a throws(PyException) in try linear(ctx, a[0], a[1], a[2]) } }

    /// `jnp.tanh(x @ params["W"] + params["b"]).sum()`; leaves arrive as W, b (sorted keys), x.
    static var loss: JaxFunction { { ctx, args throws(PyException) -> PyTree in
        let p = args[0].leaves
        let x = try T.first(args[1])
        return .leaf(try JNP.sum(ctx, try JNP.tanh(ctx, try JNP.add(ctx, try JNP.matmul(ctx, x, p[0]), p[1]))))
    } }

    static func sumOf(_ body: @escaping (JaxContext, JaxValue) throws(PyException) -> JaxValue) -> JaxFunction {
        T.fn { ctx, a throws(PyException) in try JNP.sum(ctx, try body(ctx, a[0])) }
    }

    static func gradSum(_ x: JaxValue, _ body: @escaping (JaxContext, JaxValue) throws(PyException) -> JaxValue) -> Case {
        value(Transforms.grad(sumOf(body)), [.leaf(x)])
    }
    static func jaxpr(_ f: @escaping JaxFunction, _ args: [JaxValue]) -> Case {
        return { ctx, _ throws(PyException) in .jaxpr(try Transforms.makeJaxpr(ctx, f, args.map { .leaf($0) })) }
    }
    static func jaxprTrees(_ f: @escaping JaxFunction, _ args: [PyTree]) -> Case {
        return { ctx, _ throws(PyException) in .jaxpr(try Transforms.makeJaxpr(ctx, f, args)) }
    }
    /// The reprs of the traced argument that a function sees under `transform`.
    static func tracerReprs(_ transform: @escaping (@escaping JaxFunction) -> JaxFunction, _ arg: JaxValue) -> Case {
        return { ctx, _ throws(PyException) in
            let log = Log()
            let g: JaxFunction = { ctx, a throws(PyException) -> PyTree in
                let x = try T.first(a[0])
                if case .tracer(let t) = x { log.lines.append(t.description) }
                return .leaf(try JNP.sum(ctx, try JNP.multiply(ctx, x, T.weak(2))))
            }
            _ = try transform(g)(ctx, [.leaf(arg)])
            return .text(log.lines.joined(separator: "\n"))
        }
    }

    /// The lab's "Running the function with shape" loop: traces once per abstract signature.
    static func retraceLog() -> Case {
        return { ctx, _ throws(PyException) in
            let log = Log()
            let jitted = Transforms.jit(name: "my_function") { ctx, a throws(PyException) -> PyTree in
                let x = try T.first(a[0])
                log.lines.append(Shape.describe(x.shape))
                return .leaf(try JNP.mean(ctx, x))
            }
            for _ in 0..<2 {
                for i in 1...4 { _ = try jitted.call(ctx, [.leaf(try JNP.zeros(ctx, [i]))]) }
            }
            _ = try jitted.call(ctx, [.leaf(try JNP.zeros(ctx, [2], dtype: .int32))])
            _ = try jitted.call(ctx, [.leaf(T.weak(2))])
            _ = try jitted.call(ctx, [.leaf(.array(JaxArray.scalar(.float(2), dtype: .float32)))])
            return .text(log.lines.joined(separator: " "))
        }
    }

    static func jitValue(_ f: @escaping JaxFunction, _ args: [PyTree]) -> Case {
        let jitted = Transforms.jit(name: "f", f)
        return { ctx, _ throws(PyException) in .tree(try jitted.call(ctx, args)) }
    }
    static func value(_ f: @escaping JaxFunction, _ args: [PyTree]) -> Case {
        return { ctx, _ throws(PyException) in .tree(try f(ctx, args)) }
    }

    static func all(_ I: Inputs) -> [String: Case] {
        let x3 = I["x3"]!, v3 = I["v3"]!, p4 = I["p4"]!, m23 = I["m23"]!, m34 = I["m34"]!, s = I["s"]!
        let i3 = I["i3"]!, large = I["large"]!
        let labX = I["lab_x"]!, labW = I["lab_W"]!, labB = I["lab_b"]!, labXVec = I["lab_x_vec"]!
        let gJit = Transforms.jit(name: "g_jit_inner", T.fn { ctx, a throws(PyException) in try JNP.multiply(ctx, a[0], T.weakInt(2)) })
        let callG: (JaxContext, JaxValue) throws(PyException) -> JaxValue = { ctx, x throws(PyException) in
            try T.first(try gJit.call(ctx, [.leaf(x)]))
        }
        let p3 = JaxValue.array(JaxArray(shape: [3], storage: .float32([0.3, 1.7, 2.2])))
        let params: PyTree = .dict([("W", .leaf(m34)), ("b", .leaf(p4))])
        var cases: [String: Case] = [:]

        // make_jaxpr prints
        cases["jaxpr_f"] = jaxpr(fF, [x3])
        cases["jaxpr_grad_f"] = jaxpr(Transforms.grad(fF), [x3])
        cases["jaxpr_value_and_grad_f"] = jaxpr(Transforms.valueAndGrad(fF), [x3])
        cases["jaxpr_norm"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.sqrt(ctx, try JNP.sum(ctx, try JNP.power(ctx, a[0], T.weakInt(2))))
        }, [x3])
        let jitF = Transforms.jit(name: "f", fF)
        cases["jaxpr_jit_f"] = jaxpr({ ctx, a throws(PyException) in try jitF.call(ctx, a) }, [x3])
        cases["jaxpr_nested_jit"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.add(ctx, try callG(ctx, a[0]), try JNP.cos(ctx, a[0]))
        }, [x3])
        cases["jaxpr_vmap_linear"] = jaxpr(Transforms.vmap(linearF, inAxes: .each([0, nil, nil])), [labXVec, labW, labB])
        cases["jaxpr_grad_sin_cos"] = jaxpr(Transforms.grad(sumOf { ctx, x throws(PyException) in
            try JNP.multiply(ctx, try JNP.sin(ctx, x), try JNP.cos(ctx, x))
        }), [v3])
        cases["jaxpr_grad_exp_log"] = jaxpr(Transforms.grad(sumOf { ctx, x throws(PyException) in
            try JNP.log(ctx, try JNP.add(ctx, try JNP.exp(ctx, x), T.weak(1)))
        }), [v3])
        cases["jaxpr_grad_div"] = jaxpr(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.sum(ctx, try JNP.divide(ctx, a[0], a[1]))
        }, argnums: .single(1)), [v3, p3])
        cases["jaxpr_grad_slice"] = jaxpr(Transforms.grad(sumOf { ctx, x throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, x, [.slice(start: 1, stop: nil, step: nil)]), T.weak(3))
        }), [p4])
        cases["jaxpr_grad_reshape_transpose"] = jaxpr(Transforms.grad(sumOf { ctx, x throws(PyException) in
            let r = try JNP.transpose(ctx, try JNP.reshape(ctx, x, [3, 2]))
            let c = try JNP.reshape(ctx, try JNP.arange(ctx, start: .float(6), stop: nil), [2, 3])
            return try JNP.multiply(ctx, r, c)
        }), [m23])
        cases["jaxpr_grad_dict"] = jaxprTrees(Transforms.grad(loss), [params, .leaf(v3)])
        cases["jaxpr_vmap_grad"] = jaxpr(Transforms.vmap(Transforms.grad(sumOf { ctx, x throws(PyException) in
            try JNP.power(ctx, x, T.weakInt(3))
        })), [m23])
        cases["jaxpr_vmap_dot"] = jaxpr(Transforms.vmap(T.fn { ctx, a throws(PyException) in try JNP.matmul(ctx, a[0], m34) }), [m23])
        cases["jaxpr_grad_max"] = jaxpr(Transforms.grad(sumOf { ctx, x throws(PyException) in try JNP.maximum(ctx, x, T.weak(0)) }), [v3])
        cases["jaxpr_grad_reduce_max"] = jaxpr(Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.max(ctx, a[0]) }), [v3])
        cases["jaxpr_grad_mean_axis"] = jaxpr(Transforms.grad(sumOf { ctx, x throws(PyException) in try JNP.mean(ctx, x, axes: [0]) }), [m23])
        cases["jaxpr_astype"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.add(ctx, try JNP.astype(ctx, a[0], .int32), T.weakInt(1))
        }, [v3])
        cases["jaxpr_weak_scalar"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.add(ctx, try JNP.multiply(ctx, a[0], a[1]), T.weakInt(1))
        }, [T.weak(1), T.weakInt(2)])
        cases["jaxpr_zeros_plus"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.add(ctx, try JNP.zeros(ctx, [3]), a[0]) }, [v3])
        cases["jaxpr_broadcast_rank"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.add(ctx, a[0], a[1]) }, [v3, m23])
        cases["jaxpr_keepdims"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.sum(ctx, a[0], axes: [1], keepdims: true) }, [m23])
        cases["jaxpr_index"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.add(ctx, try JNP.getItem(ctx, a[0], [.int(1)]), try JNP.getItem(ctx, a[0], [.int(0), .int(2)]))
        }, [m23])
        cases["jaxpr_slices"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.getItem(ctx, a[0], [.slice(start: 1, stop: 3, step: nil), .slice(start: nil, stop: nil, step: 2)])
        }, [m34])
        cases["jaxpr_constvar"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.multiply(ctx, a[0], v3) }, [x3])
        cases["jaxpr_identity"] = jaxpr(T.fn { _, a throws(PyException) in a[0] }, [x3])
        cases["jaxpr_tuple_out"] = jaxpr(T.fnTuple { ctx, a throws(PyException) in [a[0], try JNP.multiply(ctx, a[0], T.weak(2))] }, [x3])
        let jitGradF = Transforms.jit(name: "f", Transforms.grad(fF))
        cases["jaxpr_grad_of_jit"] = jaxpr({ ctx, a throws(PyException) in try jitGradF.call(ctx, a) }, [x3])
        cases["jaxpr_concat_stack"] = jaxpr(T.fn { ctx, a throws(PyException) in
            let c = try JNP.sum(ctx, try JNP.concatenate(ctx, [a[0], try JNP.multiply(ctx, a[0], T.weak(2))]))
            return try JNP.add(ctx, c, try JNP.sum(ctx, try JNP.stack(ctx, [a[0], a[0]])))
        }, [v3])

        cases["jaxpr_where"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.where(ctx, try JNP.greater(ctx, a[0], T.weakInt(1)), a[0], T.weak(0))
        }, [v3])
        cases["jaxpr_clip"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.clip(ctx, a[0], T.weakInt(0), T.weakInt(1)) }, [v3])
        cases["jaxpr_vmap_in_axes_1"] = jaxpr(Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.sum(ctx, a[0]), a[0])
        }, inAxes: .all(1)), [m23])
        let jitVmap = Transforms.jit(name: "<lambda>", Transforms.vmap(sumOf { ctx, r throws(PyException) in try JNP.power(ctx, r, T.weakInt(2)) }))
        cases["jaxpr_jit_of_vmap"] = jaxpr({ ctx, a throws(PyException) in try jitVmap.call(ctx, a) }, [m23])

        cases["jaxpr_argmax"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.argmax(ctx, a[0]) }, [x3])
        cases["jaxpr_var"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.variance(ctx, a[0]) }, [x3])
        cases["jaxpr_std"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.std(ctx, a[0]) }, [x3])
        cases["jaxpr_var_axis_keepdims"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.variance(ctx, a[0], axes: [0], keepdims: true) }, [m23])
        cases["jaxpr_var_ddof"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.variance(ctx, a[0], ddof: 1) }, [x3])
        cases["var_std_values"] = value({ ctx, _ throws(PyException) -> PyTree in
            .tuple([.leaf(try JNP.variance(ctx, large)), .leaf(try JNP.std(ctx, large)),
                    .leaf(try JNP.variance(ctx, m34, axes: [1])), .leaf(try JNP.variance(ctx, p4, ddof: 1))])
        }, [])
        cases["jit_var"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.variance(ctx, a[0]) }, [.leaf(large)])
        cases["grad_var"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.variance(ctx, a[0]) }), [.leaf(p4)])

        cases["jaxpr_at_set"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.atUpdate(ctx, a[0], [IndexItem.int(0)], T.weak(1), mode: .set) }, [x3])
        cases["jaxpr_at_set_2d"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.atUpdate(ctx, a[0], [IndexItem.int(1), .int(2)], T.weak(5), mode: .set)
        }, [m34])
        cases["jaxpr_at_add_row"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.atUpdate(ctx, a[0], [IndexItem.int(1)], T.weak(5), mode: .add) }, [m34])
        cases["jaxpr_at_mul_negative"] = jaxpr(T.fn { ctx, a throws(PyException) in
            try JNP.atUpdate(ctx, a[0], [IndexItem.int(-1)], T.weak(5), mode: .multiply)
        }, [x3])
        cases["jit_at_values"] = jitValue(T.fnTuple { ctx, a throws(PyException) in
            [try JNP.atUpdate(ctx, a[0], [IndexItem.int(1)], T.weak(5), mode: .add),
             try JNP.atUpdate(ctx, a[0], [IndexItem.int(-1), .int(0)], T.weak(2), mode: .set),
             try JNP.atUpdate(ctx, a[0], [IndexItem.int(0)], T.weak(0), mode: .max)]
        }, [.leaf(m34)])
        let setFirst = Transforms.jit(name: "<lambda>", T.fn { ctx, a throws(PyException) in
            try JNP.atUpdate(ctx, a[0], [IndexItem.int(0)], T.weak(2), mode: .set)
        })
        cases["grad_of_jit_at"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.sum(ctx, try JNP.multiply(ctx, try T.first(try setFirst.call(ctx, [.leaf(a[0])])), a[0]))
        }), [.leaf(p4)])
        let addSecond = Transforms.jit(name: "<lambda>", T.fn { ctx, a throws(PyException) in
            try JNP.atUpdate(ctx, a[0], [IndexItem.int(1)], T.weak(10), mode: .add)
        })
        cases["vmap_of_jit_at"] = value(Transforms.vmap({ ctx, a throws(PyException) in try addSecond.call(ctx, a) }), [.leaf(m23)])

        cases["jaxpr_grad_grad_cube"] = jaxpr(Transforms.grad(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.power(ctx, a[0], T.weakInt(3))
        })), [T.weak(1)])
        cases["jaxpr_grad_grad_sin"] = jaxpr(Transforms.grad(Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.sin(ctx, a[0]) })), [T.weak(1)])
        cases["jaxpr_grad_grad_sin_times_x"] = jaxpr(Transforms.grad(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.sin(ctx, a[0]), a[0])
        })), [T.weak(1)])
        let jitGradVmap = Transforms.jit(name: "<lambda>", Transforms.vmap(Transforms.grad(sumOf { ctx, v throws(PyException) in try JNP.tanh(ctx, v) })))
        cases["jaxpr_jit_grad_vmap"] = jaxpr({ ctx, a throws(PyException) in try jitGradVmap.call(ctx, a) }, [m23])

        let labels = JaxValue.array(JaxArray(shape: [2], storage: .int32([0, 2])))
        cases["jaxpr_one_hot"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.oneHot(ctx, a[0], 4) }, [labels])
        cases["jaxpr_norm_linalg"] = jaxpr(T.fn { ctx, a throws(PyException) in try JNP.norm(ctx, a[0]) }, [v3])
        let labels3 = JaxValue.array(JaxArray(shape: [3], storage: .int32([0, 2, 5])))
        cases["one_hot_norm_values"] = value({ ctx, _ throws(PyException) -> PyTree in
            .tuple([.leaf(try JNP.oneHot(ctx, labels3, 4)), .leaf(try JNP.norm(ctx, large)), .leaf(try JNP.norm(ctx, m34)),
                    try Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.norm(ctx, a[0]) })(ctx, [.leaf(p4)])])
        }, [])

        let kinks = JaxValue.array(JaxArray(shape: [3], storage: .float32([-1, 0, 2])))
        cases["relu_values"] = value({ ctx, _ throws(PyException) -> PyTree in
            .tuple([.leaf(try JNP.relu(ctx, v3)),
                    try Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.sum(ctx, try JNP.relu(ctx, a[0])) })(ctx, [.leaf(kinks)])])
        }, [])

        // printed tracers and tracing counts
        cases["text_grad_tracer"] = tracerReprs({ Transforms.grad($0) }, x3)
        cases["text_vmap_tracer"] = tracerReprs({ Transforms.vmap($0) }, m23)
        cases["text_jit_tracer"] = tracerReprs({ f in { ctx, a throws(PyException) in try Transforms.jit(name: "g", f).call(ctx, a) } }, x3)
        cases["text_jit_weak_tracer"] = tracerReprs({ f in { ctx, a throws(PyException) in try Transforms.jit(name: "g", f).call(ctx, a) } }, T.weak(1))
        cases["text_jit_retrace"] = retraceLog()

        // grad values
        cases["grad_f"] = value(Transforms.grad(fF), [PyTree.leaf(x3)])
        cases["value_and_grad_f"] = value(Transforms.valueAndGrad(fF), [PyTree.leaf(x3)])
        cases["grad_exp"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.exp(ctx, x) }
        cases["grad_log"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in try JNP.log(ctx, x) }
        cases["grad_log1p"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in try JNP.log1p(ctx, x) }
        cases["grad_expm1"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.expm1(ctx, x) }
        cases["grad_sin"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.sin(ctx, x) }
        cases["grad_cos"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.cos(ctx, x) }
        cases["grad_tan"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.tan(ctx, x) }
        cases["grad_tanh"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.tanh(ctx, x) }
        cases["grad_sqrt"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in try JNP.sqrt(ctx, x) }
        cases["grad_abs"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.abs(ctx, x) }
        cases["grad_sigmoid"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.sigmoid(ctx, x) }
        cases["grad_arctan"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.arctan(ctx, x) }
        cases["grad_pow_float"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in try JNP.power(ctx, x, T.weak(2.5)) }
        cases["grad_pow_exponent"] = TracingCases.gradSum(v3) { ctx, y throws(PyException) in try JNP.power(ctx, T.weak(2), y) }
        cases["grad_integer_pow"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.power(ctx, x, T.weakInt(3)) }
        cases["grad_reciprocal"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in try JNP.divide(ctx, T.weak(1), x) }
        cases["grad_div_both"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.sum(ctx, try JNP.divide(ctx, a[0], a[1]))
        }, argnums: .multiple([0, 1])), [PyTree.leaf(v3), PyTree.leaf(p3)])
        cases["grad_mul_self"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.multiply(ctx, try JNP.multiply(ctx, x, x), x) }
        cases["grad_maximum"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.maximum(ctx, x, T.weak(0.5)) }
        cases["grad_minimum"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.minimum(ctx, x, T.weak(0.5)) }
        cases["grad_reduce_max"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.max(ctx, a[0]) }), [PyTree.leaf(m23)])
        cases["grad_reduce_min_axis"] = TracingCases.gradSum(m23) { ctx, x throws(PyException) in try JNP.min(ctx, x, axes: [1]) }
        cases["grad_mean_axis"] = TracingCases.gradSum(m23) { ctx, x throws(PyException) in
            try JNP.power(ctx, try JNP.mean(ctx, x, axes: [0]), T.weakInt(2))
        }
        cases["grad_matmul"] = TracingCases.gradSum(m34) { ctx, w throws(PyException) in try JNP.tanh(ctx, try JNP.matmul(ctx, m23, w)) }
        cases["grad_matvec_both"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.sum(ctx, try JNP.matmul(ctx, a[0], a[1]))
        }, argnums: .multiple([0, 1])), [PyTree.leaf(m34), PyTree.leaf(p4)])
        let twoThree = JaxValue.array(JaxArray(shape: [2], storage: .float32([2, 3])))
        cases["grad_slice"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, x, [.slice(start: 1, stop: 3, step: nil)]), twoThree)
        }
        cases["grad_index"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, a[0], [.int(1)]), try JNP.getItem(ctx, a[0], [.int(2)]))
        }), [PyTree.leaf(p4)])
        cases["grad_strided"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in
            try JNP.power(ctx, try JNP.getItem(ctx, x, [.slice(start: nil, stop: nil, step: 2)]), T.weakInt(2))
        }
        cases["grad_concatenate"] = TracingCases.gradSum(p4) { ctx, x throws(PyException) in
            let c = try JNP.concatenate(ctx, [x, try JNP.power(ctx, x, T.weakInt(2))])
            return try JNP.multiply(ctx, c, try JNP.arange(ctx, start: .float(8), stop: nil))
        }
        cases["grad_stack"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in
            try JNP.power(ctx, try JNP.stack(ctx, [x, try JNP.sin(ctx, x)]), T.weakInt(2))
        }
        cases["grad_reshape_transpose"] = TracingCases.gradSum(m23) { ctx, x throws(PyException) in
            let r = try JNP.transpose(ctx, try JNP.reshape(ctx, x, [3, 2]))
            return try JNP.multiply(ctx, r, try JNP.reshape(ctx, try JNP.arange(ctx, start: .float(6), stop: nil), [2, 3]))
        }
        cases["grad_broadcast"] = TracingCases.gradSum(v3) { ctx, b throws(PyException) in
            try JNP.power(ctx, try JNP.add(ctx, m23, b), T.weakInt(2))
        }
        cases["grad_where"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in
            try JNP.where(ctx, try JNP.greater(ctx, x, T.weakInt(0)), try JNP.power(ctx, x, T.weakInt(2)), try JNP.negative(ctx, x))
        }
        cases["grad_clip"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.clip(ctx, x, T.weak(-1), T.weak(1)) }
        cases["grad_astype"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in
            try JNP.multiply(ctx, try JNP.astype(ctx, x, .float32), T.weak(3))
        }
        cases["grad_scalar"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in
            let s = a[0]
            return try JNP.add(ctx, try JNP.multiply(ctx, try JNP.multiply(ctx, s, s), T.weak(3)), try JNP.sin(ctx, s))
        }), [PyTree.leaf(s)])
        cases["grad_grad"] = value(Transforms.grad(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.sin(ctx, a[0]), a[0])
        })), [PyTree.leaf(s)])
        cases["grad_grad_grad"] = value(Transforms.grad(Transforms.grad(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.power(ctx, a[0], T.weakInt(4))
        }))), [PyTree.leaf(s)])
        cases["grad_dict"] = value(Transforms.grad(loss), [params, PyTree.leaf(v3)])
        cases["grad_has_aux"] = value(Transforms.grad({ ctx, a throws(PyException) -> PyTree in
            let x = try T.first(a[0])
            return .tuple([.leaf(try JNP.sum(ctx, try JNP.power(ctx, x, T.weakInt(2)))), .leaf(try JNP.multiply(ctx, x, T.weak(2)))])
        }, hasAux: true), [PyTree.leaf(v3)])
        cases["value_and_grad_argnums"] = value(Transforms.valueAndGrad(T.fn { ctx, a throws(PyException) in
            try JNP.sum(ctx, try JNP.multiply(ctx, a[0], a[1]))
        }, argnums: .multiple([0, 1])), [PyTree.leaf(v3), PyTree.leaf(x3)])
        cases["grad_calls_jit"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.sum(ctx, try callG(ctx, a[0])), try JNP.sum(ctx, try JNP.cos(ctx, a[0])))
        }), [PyTree.leaf(v3)])

        // vmap
        cases["vmap_linear"] = value(Transforms.vmap(linearF, inAxes: .each([0, nil, nil]), outAxes: .all(0)), [PyTree.leaf(labXVec), PyTree.leaf(labW), PyTree.leaf(labB)])
        cases["linear_lab"] = value(linearF, [PyTree.leaf(labX), PyTree.leaf(labW), PyTree.leaf(labB)])
        cases["vmap_in_axes_1"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.sum(ctx, a[0]), a[0])
        }, inAxes: .all(1)), [PyTree.leaf(m23)])
        cases["vmap_out_axes_1"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.add(ctx, try JNP.multiply(ctx, a[0], T.weak(2)), T.weak(1))
        }, outAxes: .all(1)), [PyTree.leaf(m23)])
        let inner = Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.add(ctx, try JNP.multiply(ctx, a[0], a[1]), T.weak(1))
        }, inAxes: .each([0, nil]))
        cases["vmap_nested"] = value(Transforms.vmap(inner, inAxes: .each([nil, 0])), [PyTree.leaf(v3), PyTree.leaf(p4)])
        cases["vmap_grad"] = value(Transforms.vmap(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.sum(ctx, try JNP.sin(ctx, a[0])), try JNP.getItem(ctx, a[0], [.int(0)]))
        })), [PyTree.leaf(m23)])
        cases["vmap_unbatched_out"] = value(Transforms.vmap(T.fnTuple { ctx, a throws(PyException) in
            [try JNP.multiply(ctx, a[0], T.weak(2)), v3]
        }), [PyTree.leaf(p4)])
        cases["vmap_matmul"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in try JNP.matmul(ctx, a[0], m34) }), [PyTree.leaf(m23)])
        cases["vmap_reduce_max"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.subtract(ctx, try JNP.max(ctx, a[0]), a[0])
        }), [PyTree.leaf(m23)])
        cases["vmap_list_in_axes"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in try JNP.add(ctx, a[0], a[1]) },
                                                           inAxes: .each([0, nil])), [PyTree.leaf(m23), PyTree.leaf(v3)])

        // jit
        cases["jit_f"] = jitValue(fF, [.leaf(x3)])
        cases["jit_f_large"] = jitValue(fF, [.leaf(large)])
        cases["jit_grad_large"] = jitValue(Transforms.grad(fF), [.leaf(large)])
        cases["jit_vmap"] = jitValue(Transforms.vmap(sumOf { ctx, r throws(PyException) in try JNP.power(ctx, r, T.weakInt(2)) }), [.leaf(m23)])

        // floor division and remainder
        let ints11 = I["ints11"]!
        let p3v = p3
        cases["floordiv_int"] = value(T.fn { ctx, a throws(PyException) in try JNP.floorDivide(ctx, a[0], T.weakInt(3)) }, [.leaf(ints11)])
        cases["jit_floordiv_int"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.floorDivide(ctx, a[0], T.weakInt(3)) }, [.leaf(ints11)])
        cases["jit_floordiv_int_negative"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.floorDivide(ctx, a[0], T.weakInt(-4)) }, [.leaf(ints11)])
        cases["jit_floordiv_float"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.floorDivide(ctx, a[0], a[1]) }, [.leaf(v3), .leaf(p3v)])
        cases["jit_remainder_int"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.remainder(ctx, a[0], T.weakInt(-3)) }, [.leaf(ints11)])
        cases["jit_remainder_float"] = jitValue(T.fn { ctx, a throws(PyException) in try JNP.remainder(ctx, a[0], T.weak(0.7)) }, [.leaf(v3)])
        cases["grad_remainder"] = TracingCases.gradSum(v3) { ctx, x throws(PyException) in try JNP.remainder(ctx, x, T.weak(0.7)) }

        // traced indices
        let takeAt = T.fn { ctx, a throws(PyException) in try JNP.getItem(ctx, a[0], [JNPIndex.value(a[1])]) }
        cases["jit_traced_index"] = jitValue(takeAt, [.leaf(p4), .leaf(T.weakInt(2))])
        cases["jit_traced_index_negative"] = jitValue(takeAt, [.leaf(p4), .leaf(T.weakInt(-1))])
        let idx3 = JaxValue.array(JaxArray(shape: [3], storage: .int32([3, 0, 2])))
        let idx2 = JaxValue.array(JaxArray(shape: [2], storage: .int32([2, 0])))
        cases["vmap_index"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in try JNP.getItem(ctx, p4, [JNPIndex.value(a[0])]) }), [.leaf(idx3)])
        cases["vmap_take_rows"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, m34, [JNPIndex.value(a[0])]), T.weak(2))
        }), [.leaf(idx2)])
        cases["jit_grad_traced_index"] = jitValue(Transforms.grad(T.fn { ctx, a throws(PyException) in
            try JNP.multiply(ctx, try JNP.getItem(ctx, a[0], [JNPIndex.value(a[1])]), T.weak(3))
        }), [.leaf(p4), .leaf(T.weakInt(2))])
        cases["jit_at_set_traced"] = jitValue(T.fn { ctx, a throws(PyException) in
            try JNP.atUpdate(ctx, a[0], [JNPIndex.value(a[1])], T.weak(5), mode: .set)
        }, [.leaf(p4), .leaf(T.weakInt(1))])

        // jax.nn and jnp conveniences
        cases["softmax"] = value(T.fn { ctx, a throws(PyException) in try JNP.softmax(ctx, a[0], axes: [-1]) }, [.leaf(m23)])
        cases["softmax_axis0"] = value(T.fn { ctx, a throws(PyException) in try JNP.softmax(ctx, a[0], axes: [0]) }, [.leaf(m23)])
        cases["log_softmax"] = value(T.fn { ctx, a throws(PyException) in try JNP.logSoftmax(ctx, a[0], axes: [-1]) }, [.leaf(m23)])
        cases["logsumexp"] = value(T.fn { ctx, a throws(PyException) in try JNP.logsumexp(ctx, a[0], axes: [1]) }, [.leaf(m23)])
        cases["grad_log_softmax"] = TracingCases.gradSum(m23) { ctx, x throws(PyException) in
            try JNP.multiply(ctx, try JNP.logSoftmax(ctx, x, axes: [-1]), m23)
        }
        cases["outer"] = value(T.fn { ctx, a throws(PyException) in try JNP.outer(ctx, a[0], a[1]) }, [.leaf(v3), .leaf(p4)])

        // jit numerics
        func affine(_ f: @escaping @Sendable (JaxContext, JaxValue) throws(PyException) -> JaxValue) -> JaxFunction {
            T.fn { ctx, a throws(PyException) in
                try JNP.add(ctx, try JNP.multiply(ctx, try f(ctx, a[0]), T.weakInt(3)), T.weakInt(1))
            }
        }
        cases["jit_exp_fma"] = jitValue(affine(JNP.exp), [.leaf(large)])
        cases["jit_tanh_fma"] = jitValue(affine(JNP.tanh), [.leaf(large)])
        cases["jit_sin_fma"] = jitValue(affine(JNP.sin), [.leaf(large)])
        cases["eager_exp_fma"] = value(affine(JNP.exp), [.leaf(large)])
        let dotSum = T.fn { ctx, a throws(PyException) in try JNP.sum(ctx, try JNP.multiply(ctx, a[0], a[1])) }
        func part(_ lo: Int, _ hi: Int) -> JaxValue {
            (try? JNP.getItem(JaxContext(), large, [.slice(start: lo, stop: hi, step: nil)])) ?? large
        }
        let squareSum = T.fn { ctx, a throws(PyException) in try JNP.sum(ctx, try JNP.multiply(ctx, a[0], a[0])) }
        cases["jit_mul_sum_small"] = jitValue(dotSum, [.leaf(part(0, 20)), .leaf(part(20, 40))])
        cases["jit_square_sum_small"] = jitValue(squareSum, [.leaf(part(0, 20))])
        cases["jit_mul_sum_large"] = jitValue(dotSum, [.leaf(part(0, 500)), .leaf(part(500, 1000))])

        cases["jit_linear_lab"] = jitValue(linearF, [.leaf(labX), .leaf(labW), .leaf(labB)])
        cases["jit_vmap_linear_lab"] = jitValue(Transforms.vmap(linearF, inAxes: .each([0, nil, nil])), [.leaf(labXVec), .leaf(labW), .leaf(labB)])
        cases["jaxpr_grad_bias_broadcast"] = jaxpr(Transforms.grad(T.fn { ctx, a throws(PyException) in
            let pred = try JNP.add(ctx, try JNP.matmul(ctx, m23, m34), a[0])
            return try JNP.mean(ctx, try JNP.power(ctx, pred, T.weakInt(2)))
        }), [p4])

        // errors
        cases["err_grad_nonscalar"] = value(Transforms.grad(T.fn { ctx, a throws(PyException) in try JNP.multiply(ctx, a[0], T.weak(2)) }), [PyTree.leaf(x3)])
        cases["err_grad_int"] = value(Transforms.grad(sumOf { _, x throws(PyException) in x }), [PyTree.leaf(i3)])
        cases["err_grad_argnums"] = value(Transforms.grad(sumOf { _, x throws(PyException) in x }, argnums: .single(1)), [PyTree.leaf(x3)])
        cases["err_grad_argnums_tuple"] = value(Transforms.grad(sumOf { _, x throws(PyException) in x }, argnums: .multiple([0, 2])), [PyTree.leaf(x3), PyTree.leaf(x3)])
        cases["err_grad_tuple"] = value(Transforms.grad(T.fnTuple { ctx, a throws(PyException) in [try JNP.sum(ctx, a[0]), a[0]] }), [.leaf(x3)])
        cases["err_has_aux_leaf"] = value(Transforms.grad(sumOf { _, x throws(PyException) in x }, hasAux: true), [.leaf(x3)])
        cases["err_vmap_scalar"] = value(Transforms.vmap(T.fn { _, a throws(PyException) in a[0] }), [PyTree.leaf(s)])
        cases["err_vmap_in_axes_len"] = value(Transforms.vmap(T.fn { ctx, a throws(PyException) in try JNP.add(ctx, a[0], a[1]) },
                                                              inAxes: .each([0])), [PyTree.leaf(x3), PyTree.leaf(p4)])
        cases["err_vmap_axis_rank"] = value(Transforms.vmap(T.fn { _, a throws(PyException) in a[0] }, inAxes: .all(2)), [PyTree.leaf(x3)])
        cases["err_vmap_all_none"] = value(Transforms.vmap(T.fn { _, a throws(PyException) in a[0] }, inAxes: .all(nil)), [PyTree.leaf(x3)])
        cases["err_vmap_out_none"] = value(Transforms.vmap(T.fn { _, a throws(PyException) in a[0] }, outAxes: .all(nil)), [PyTree.leaf(x3)])
        cases.merge(shapeCases(I)) { first, _ in first }
        return cases
    }
}
