/// Which positional arguments grad differentiates: `argnums=0` or `argnums=(0, 2)`.
public enum Argnums: Sendable {
    case single(Int)
    case multiple([Int])

    public var list: [Int] {
        switch self {
        case .single(let i): return [i]
        case .multiple(let l): return l
        }
    }

    /// `argnums=0`: results for that argument alone, not in a tuple.
    var isSingle: Bool {
        if case .single = self { return true }
        return false
    }

    /// As Python prints the argument: `1` or `(0, 2)`.
    var description: String {
        switch self {
        case .single(let i): return String(i)
        case .multiple(let l): return ParamValue.tuple(l.map(String.init))
        }
    }
}

extension Transforms {
    /// `jax.grad(f, argnums, has_aux)`.
    public static func grad(_ f: @escaping JaxFunction, argnums: Argnums = .single(0), hasAux: Bool = false,
                            holomorphic: Bool = false, allowInt: Bool = false) -> JaxFunction {
        let vg = valueAndGrad(f, argnums: argnums, hasAux: hasAux, holomorphic: holomorphic, allowInt: allowInt)
        return { ctx, args throws(PyException) -> PyTree in
            guard case .tuple(let pair) = try vg(ctx, args), pair.count == 2 else {
                throw PyException("RuntimeError", "value_and_grad returned an unexpected structure")
            }
            if hasAux, case .tuple(let valueAux) = pair[0], valueAux.count == 2 {
                return .tuple([pair[1], valueAux[1]])
            }
            return pair[1]
        }
    }

    /// `jax.value_and_grad(f, argnums, has_aux)`: `(value, grad)` or `((value, aux), grad)`.
    /// `holomorphic` asks for complex inputs (which jaxlab does not have yet: JAX's error for
    /// real ones); `allowInt` lets integer inputs through, whose gradients JAX gives as
    /// float0 (not here: NotImplementedError).
    public static func valueAndGrad(_ f: @escaping JaxFunction, argnums: Argnums = .single(0), hasAux: Bool = false,
                                    holomorphic: Bool = false, allowInt: Bool = false) -> JaxFunction {
        return { ctx, args throws(PyException) -> PyTree in
            var nums: [Int] = []
            for n in argnums.list {
                let normalized = n < 0 ? n + args.count : n
                guard normalized >= 0 && normalized < args.count else {
                    let needed = argnums.list.map { $0 < 0 ? $0.magnitude : $0.magnitude + 1 }.max() ?? 1
                    throw PyException.typeError("differentiating with respect to argnums=\(argnums.description) requires at least \(needed) positional arguments to be passed by the caller, but got only \(args.count) positional arguments.")
                }
                nums.append(normalized)
            }
            var primals: [JaxValue] = []
            var counts: [Int] = []
            for n in nums {
                let leaves = args[n].leaves
                for leaf in leaves where holomorphic && !leaf.dtype.isComplex {
                    throw PyException.typeError("grad with holomorphic=True requires inputs with complex dtype, but got \(leaf.dtype.name).")
                }
                for leaf in leaves where !leaf.dtype.isInexact && allowInt {
                    throw PyException.notImplemented("jaxlab has no float0 dtype for the gradient of a \(leaf.dtype.name) input (allow_int=True)")
                }
                for leaf in leaves where !leaf.dtype.isInexact {
                    throw PyException.typeError("grad requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got \(leaf.dtype.name). If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.")
                }
                primals.append(contentsOf: leaves)
                counts.append(leaves.count)
            }
            var auxTree: PyTree = .none
            let (outs, linear) = try Tracing.linearize(ctx, primals, linearOutputs: 1) { tracers throws(PyException) -> [JaxValue] in
                var newArgs = args
                var offset = 0
                for (n, count) in zip(nums, counts) {
                    newArgs[n] = try args[n].replacingLeaves(Array(tracers[offset..<(offset + count)]))
                    offset += count
                }
                var result = try f(ctx, newArgs)
                if hasAux { (result, auxTree) = try splitAux(result) }
                guard case .leaf(let out) = result else {
                    throw PyException.typeError("Gradient only defined for scalar-output functions. Output was \(describe(result)).")
                }
                guard out.shape.isEmpty else {
                    throw PyException.typeError("Gradient only defined for scalar-output functions. Output had shape: \(Shape.describe(out.shape)).")
                }
                try checkReverseOutput("grad", holomorphic: holomorphic, out.dtype)
                return [out] + auxTree.leaves
            }
            guard let value = outs.first else { throw PyException("RuntimeError", "grad lost its output") }
            // the seed is `ones_like(out)`, weak when the output is
            let ct = JaxValue.array(JaxArray.scalar(.float(1), dtype: value.dtype, weak: value.weakType))
            let cts = try linear.transpose(ctx, [ct])
            var grads: [JaxValue] = []
            for (p, g) in zip(primals, cts) {
                if let g { grads.append(g) } else { grads.append(try weakAsPrimal(try Lax.zeros(ctx, p.aval), p)) }
            }
            var gradTrees: [PyTree] = []
            var offset = 0
            for (n, count) in zip(nums, counts) {
                gradTrees.append(try args[n].replacingLeaves(Array(grads[offset..<(offset + count)])))
                offset += count
            }
            let gradTree: PyTree
            if case .single = argnums { gradTree = gradTrees[0] } else { gradTree = .tuple(gradTrees) }
            var valueTree: PyTree = .leaf(value)
            if hasAux { valueTree = .tuple([valueTree, try auxTree.replacingLeaves(Array(outs.dropFirst()))]) }
            return .tuple([valueTree, gradTree])
        }
    }

    /// A zero gradient takes its primal's weak type, as JAX's zeros_like does.
    static func weakAsPrimal(_ g: JaxValue, _ primal: JaxValue) throws(PyException) -> JaxValue {
        guard case .array(let a) = g, a.weakType != primal.weakType else { return g }
        return .array(a.withWeakType(primal.weakType))
    }

    /// A result as JAX's error messages show it: arrays as their repr (a traced value as the
    /// value it stands for), containers as Python prints them.
    static func describe(_ tree: PyTree) -> String {
        switch tree {
        case .leaf(let v): return describe(v)
        case .none: return "None"
        case .tuple(let items): return ParamValue.tuple(items.map(describe))
        case .list(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        case .dict(let pairs): return "{" + pairs.map { "\(PyTreeNode.quoted($0.0)): \(describe($0.1))" }.joined(separator: ", ") + "}"
        case .node(let kind, let items): return kind.render(items.map(describe))
        }
    }

    static func describe(_ v: JaxValue) -> String {
        switch v {
        case .array(let a): return ArrayFormatter.repr(a, flavor: .jax)
        case .tracer(let t):
            if let j = t as? JVPTracer { return describe(j.primal) }
            return t.description
        }
    }

    /// `type(x)` and the value, as the has_aux error names them.
    /// A `has_aux` function's result: its output and its auxiliary data, or JAX's TypeError
    /// when the result is not a pair.
    static func splitAux(_ result: PyTree) throws(PyException) -> (out: PyTree, aux: PyTree) {
        guard case .tuple(let items) = result, items.count == 2 else {
            throw PyException.typeError("expected function with aux output to return a two-element tuple, but got \(describeWithType(result))")
        }
        return (items[0], items[1])
    }

    static func describeWithType(_ tree: PyTree) -> String {
        switch tree {
        case .leaf(.tracer(let t)): return "type <class 'jax._src.interpreters.ad.\(t.typeName)'> with value \(t.description)"
        case .leaf(.array(let a)): return "type <class 'jaxlib._jax.ArrayImpl'> with value \(ArrayFormatter.repr(a, flavor: .jax))"
        case .tuple: return "type <class 'tuple'> with value \(describe(tree))"
        case .list: return "type <class 'list'> with value \(describe(tree))"
        case .dict: return "type <class 'dict'> with value \(describe(tree))"
        case .none: return "type <class 'NoneType'> with value None"
        case .node: return "type \(describe(tree))"
        }
    }
}

extension Transforms {
    /// JAX's `_check_output_dtype_revderiv`: holomorphic differentiation needs complex
    /// outputs, the other kind real floating ones.
    static func checkReverseOutput(_ name: String, holomorphic: Bool, _ dtype: DType) throws(PyException) {
        if holomorphic {
            guard dtype.isComplex else {
                throw PyException.typeError("\(name) with holomorphic=True requires outputs with complex dtype, but got \(dtype.name).")
            }
        } else if dtype.isComplex {
            throw PyException.typeError("\(name) requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got \(dtype.name). For holomorphic differentiation, pass holomorphic=True. For differentiation of non-holomorphic functions involving complex outputs, use jax.vjp directly.")
        } else if !dtype.isFloating {
            throw PyException.typeError("\(name) requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got \(dtype.name). For differentiation of functions with integer outputs, use jax.vjp directly.")
        }
    }
}
