/// How each kind of `.at[...]` update stages: its scatter primitive and the `update_jaxpr`
/// JAX prints with it.
extension ScatterMode {
    init(_ prim: Primitive) {
        switch prim {
        case .scatterAdd: self = .add
        case .scatterMul: self = .multiply
        case .scatterMin: self = .min
        case .scatterMax: self = .max
        default: self = .set
        }
    }

    var primitive: Primitive {
        switch self {
        case .set: return .scatter
        case .add: return .scatterAdd
        case .multiply: return .scatterMul
        case .min: return .scatterMin
        case .max: return .scatterMax
        }
    }

    /// `update_jaxpr`: the combining primitive on two scalars of `dtype`; None for `set`.
    func updateJaxpr(_ dtype: DType) -> ParamValue {
        let combine: Primitive
        switch self {
        case .set: return .none
        case .add: combine = .add
        case .multiply: combine = .mul
        case .min: combine = .min
        case .max: combine = .max
        }
        let scalar = ShapedArray(shape: [], dtype: dtype)
        let a = Var(scalar), b = Var(scalar), c = Var(scalar)
        let body = Jaxpr(constvars: [], invars: [a, b], eqns: [JaxprEqn(primitive: combine, inputs: [.variable(a), .variable(b)],
                                                                    params: Params(), outvars: [c])], outvars: [.variable(c)])
        return .jaxpr(ClosedJaxpr(jaxpr: body, consts: []))
    }
}
