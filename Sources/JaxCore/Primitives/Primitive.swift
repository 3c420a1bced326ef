/// A primitive operation, named as JAX names it in a jaxpr, together with every rule that
/// gives it meaning: how it evaluates, its result types, its JVP, transpose and batching
/// rules. Every `jnp` function is a composition of these, bound through `Tracing.bind`.
/// Primitives are defined by family in this folder (`Elementwise.swift`, `Reductions.swift`,
/// ...), each with all its rules in one place, as Autodidax keeps its rule tables.
public final class Primitive: Sendable, Hashable, CustomStringConvertible {
    /// The name printed in a jaxpr.
    public let name: String
    let rules: Rules

    init(_ name: String, _ rules: Rules) {
        self.name = name
        self.rules = rules
    }

    public static func == (a: Primitive, b: Primitive) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { name }

    /// Every primitive, by family: what the transformation tests enumerate.
    public static var all: [Primitive] {
        elementwiseUnary + hyperbolic + elementwiseBinary + comparisons + conversions + structural + reductions
            + complexParts + [.dotGeneral, .convGeneralDilated] + indexing + sorting + linalg + random + control + customDerivatives + checkpointing + debugging + callbacks
    }
}

/// The transformations a primitive may have a rule for.
public enum Transformation: String, CaseIterable, Sendable {
    case evaluation, jvp, transpose, batching
}

/// A primitive's rules, one per transformation. A transformation a primitive does not support
/// is declared `.unsupported` (or `.notLinear`) in its definition, and `Primitive.missingRule`
/// gives JAX's error for it, so no rule is ever forgotten silently.
struct Rules: Sendable {
    /// Result types from operand types and parameters, with JAX's errors for operands that
    /// do not fit.
    typealias AbstractEval = @Sendable (_ ins: [ShapedArray], _ params: Params) throws(PyException) -> [ShapedArray]
    /// Eager evaluation on concrete arrays (the kernel binding).
    typealias Evaluate = @Sendable (_ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray]

    var abstractEval: AbstractEval
    var evaluate: Evaluate
    var jvp: JVPRule
    var transpose: TransposeRule
    var batch: BatchRule
    /// Typed PRNG keys may be operands (random and structural primitives); arithmetic on
    /// keys is JAX's TypeError.
    var acceptsKeys = false
    /// For primitives that call a jaxpr (`jit`, `custom_jvp_call`): where the body is.
    var call: CallRule?
    /// Partial evaluation's own rule (jit splits into known and unknown calls); nil stages
    /// the equation whenever any operand is unknown, which is right for every first-order
    /// primitive.
    var partialEval: PartialEvalRule?
    /// The kernel of an elementwise primitive, for code that runs elementwise operations
    /// itself (NumPy's ufuncs, and fused loops).
    var elementwise: ElementwiseKernel?
    /// The equation matters for what it does, not only for its outputs (debugging
    /// callbacks): dead-code elimination keeps it.
    var effectful = false
    /// The equation runs a Python function on the host (callbacks): it is never folded at
    /// compile time or shared with an equal one, and a program with one runs on the calling
    /// thread.
    var callsHost = false
    /// What staging the equation into a jaxpr does to its parameters. JAX retraces the body of
    /// a custom_jvp / custom_vjp function at every bind, so each staged equation holds a jaxpr
    /// of its own (and the printer shares one only when it really is used twice).
    var restage: (@Sendable (Params) -> Params)?
}

/// The eager kernel of an elementwise primitive.
enum ElementwiseKernel: Sendable {
    case unary(UnaryKernel)
    case binary(BinaryKernel)
}

/// Forward-mode differentiation of one primitive.
enum JVPRule: Sendable {
    typealias Partial = @Sendable (_ ctx: JaxContext, _ operand: Int, _ g: JaxValue, _ ans: JaxValue, _ xs: [JaxValue],
                                   _ params: Params) throws(PyException) -> JaxValue
    typealias Full = @Sendable (_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?],
                                _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?])
    /// A linear primitive: the tangent is the primitive applied to the tangents (zeros
    /// where an operand has none).
    case linear
    /// No output has a tangent (comparisons, integer results, random bits).
    case zero
    /// A single-output primitive whose tangent sums, over the operands with tangents, the
    /// contribution `partial(operand, g, ans, xs)` (lax's `defjvp`).
    case partials(Partial)
    /// A rule of its own for every operand and output.
    case rule(Full)
    case unsupported
}

extension JVPRule {
    /// A primitive linear in each of its two operands (products, convolutions; lax's
    /// `defbilinear`): the tangent is the primitive of each operand's tangent with the other
    /// operand, the two terms added.
    static let bilinear = JVPRule.rule { prim, ctx, xs, ts, params throws(PyException) in
        let out = try Tracing.bind1(ctx, prim, xs, params)
        var tangent: JaxValue?
        if let tx = ts[0] { tangent = try Tracing.bind1(ctx, prim, [tx, xs[1]], params) }
        if let ty = ts[1] {
            let term = try Tracing.bind1(ctx, prim, [xs[0], ty], params)
            tangent = try tangent.map { (a: JaxValue) throws(PyException) -> JaxValue in try Lax.addAny(ctx, a, term) } ?? term
        }
        return ([out], [tangent])
    }
}

/// Transposition (reverse mode) of one linear primitive.
enum TransposeRule: Sendable {
    typealias Single = @Sendable (_ prim: Primitive, _ ctx: JaxContext, _ ct: JaxValue, _ args: [TransposeArg],
                                  _ params: Params) throws(PyException) -> [JaxValue?]
    typealias Full = @Sendable (_ prim: Primitive, _ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg],
                                _ params: Params) throws(PyException) -> [JaxValue?]
    /// A one-output primitive, given its (nonzero) cotangent.
    case linear(Single)
    /// Given the cotangents of every output (some may be zero).
    case rule(Full)
    /// Not linear in any operand.
    case notLinear
    /// Refused with an error of its own (JAX's while loop: reverse mode needs a scan).
    case refused(@Sendable () -> PyException)
}

/// How vmap pushes a batch axis through one primitive.
enum BatchRule: Sendable {
    typealias Full = @Sendable (_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                                _ size: Int) throws(PyException) -> ([JaxValue], [Int?])
    /// Elementwise on operands of one shape (or scalars): `batching.broadcast_batcher`.
    case broadcasting
    /// One operand, elementwise: the batch axis stays where it is.
    case unary
    case rule(Full)
    case unsupported
}

/// A primitive that calls a jaxpr: the parameter holding the body.
struct CallRule: Sendable {
    let body: ParamKey<ClosedJaxpr>
}

/// Partial evaluation of a primitive with some unknown operands (see `PartialEvalTrace`).
struct PartialEvalRule: Sendable {
    typealias Apply = @Sendable (_ trace: PartialEvalTrace, _ ins: [PartialEvalTracer],
                                 _ params: Params) throws(PyException) -> [JaxValue]
    let apply: Apply
}

extension Primitive {
    /// JAX's error for a transformation this primitive has no rule for: the one place these
    /// messages are written.
    func missingRule(_ transformation: Transformation) -> PyException {
        switch transformation {
        case .evaluation: return PyException.notImplemented("Evaluation rule for '\(name)' not implemented")
        case .jvp: return PyException.notImplemented("Differentiation rule for '\(name)' not implemented")
        case .transpose:
            if case .refused(let error) = rules.transpose { return error() }
            return PyException.notImplemented("Transpose rule (for reverse-mode differentiation) for '\(name)' not implemented")
        case .batching: return PyException.notImplemented("Batching rule for '\(name)' not implemented")
        }
    }

    /// Whether this primitive has a rule for `transformation`.
    public func supports(_ transformation: Transformation) -> Bool {
        switch transformation {
        case .evaluation: return true
        case .jvp: if case .unsupported = rules.jvp { return false } else { return true }
        case .transpose:
            switch rules.transpose {
            case .notLinear, .refused: return false
            default: return true
            }
        case .batching: if case .unsupported = rules.batch { return false } else { return true }
        }
    }

    /// Result types of the primitive on operands of these types.
    func abstractEval(_ ins: [ShapedArray], _ params: Params) throws(PyException) -> [ShapedArray] {
        if !rules.acceptsKeys, ins.contains(where: \.isKey) {
            throw PyException.typeError("\(name) does not accept dtypes \(ins.map(\.dtypeName).joined(separator: ", ")).")
        }
        return try rules.abstractEval(ins, params)
    }

    /// Eager evaluation: the kernel's results, with the weak types abstract evaluation gives.
    func evaluate(_ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        let avals = try abstractEval(xs.map(ShapedArray.init), params)
        // every result is counted against the allocation limit and the session's memory budget
        // before the kernel allocates it (a cast or promotion to a wider dtype included)
        for aval in avals {
            _ = try Shape.checkedCount(aval.shape, itemSize: aval.dtype.itemSize * (aval.isKey ? 2 : 1), limits: ctx.limits)
        }
        let complex = xs.contains { $0.dtype.isComplex } || avals.contains { $0.dtype.isComplex }
        let results = complex ? try ComplexEvaluation.evaluate(self, ctx, xs, params) : try rules.evaluate(ctx, xs, params)
        // Ctrl-C during a kernel too short to check it itself still ends the statement, before
        // its target is assigned
        try ctx.checkInterrupt()
        return zip(results, avals).map { r, aval in r.weakType == aval.weakType ? r : r.withWeakType(aval.weakType) }
    }

    /// The primal outputs and their tangents (nil: zero) for operands with tangents `ts`.
    func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        switch rules.jvp {
        case .linear:
            let outs = try Tracing.bind(ctx, self, xs, params)
            var tangents: [JaxValue] = []
            for (x, t) in zip(xs, ts) {
                if let t { tangents.append(t) } else { tangents.append(try Lax.zeros(ctx, x.aval)) }
            }
            return (outs, try Tracing.bind(ctx, self, tangents, params).map { Optional($0) })
        case .zero:
            let outs = try Tracing.bind(ctx, self, xs, params)
            return (outs, outs.map { _ in nil })
        case .partials(let partial):
            let out = try Tracing.bind1(ctx, self, xs, params)
            var tangent: JaxValue?
            for (i, t) in ts.enumerated() {
                guard let t else { continue }
                let term = try partial(ctx, i, t, out, xs, params)
                tangent = try tangent.map { (a: JaxValue) throws(PyException) -> JaxValue in try Lax.addAny(ctx, a, term) } ?? term
            }
            return ([out], [tangent])
        case .rule(let rule):
            return try rule(self, ctx, xs, ts, params)
        case .unsupported:
            throw missingRule(.jvp)
        }
    }

    /// Cotangents of the linear operands from the cotangents of the outputs.
    func transposeCotangents(_ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        switch rules.transpose {
        case .linear(let rule):
            guard let first = cts.first, let ct = first else { return args.map { _ in nil } }
            return try rule(self, ctx, ct, args, params)
        case .rule(let rule):
            return try rule(self, ctx, cts, args, params)
        case .notLinear, .refused:
            throw missingRule(.transpose)
        }
    }

    /// The outputs and their batch axes for operands batched along `dims` (not all nil).
    func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params, size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        switch rules.batch {
        case .broadcasting:
            return try Batching.broadcast(ctx, self, xs, dims, params)
        case .unary:
            return ([try Tracing.bind1(ctx, self, xs, params)], [dims.first ?? nil])
        case .rule(let rule):
            return try rule(self, ctx, xs, dims, params, size)
        case .unsupported:
            throw missingRule(.batching)
        }
    }
}
