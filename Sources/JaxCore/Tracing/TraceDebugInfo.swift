/// What JAX's errors say about a user function being traced by `jit` or `make_jaxpr`: its
/// name and where it was defined, what it is traced for, and its parameters' names (which
/// name the argument a traced value came from).
public struct TraceDebugInfo: Sendable {
    /// `f at cell:1`: the function's name, file and first line (its first decorator's).
    public var functionSource: String
    /// `jit` or `make_jaxpr`.
    public var tracedFor: String
    /// The Python parameters, in order.
    public var parameterNames: [String]

    public init(functionSource: String, tracedFor: String, parameterNames: [String]) {
        self.functionSource = functionSource
        self.tracedFor = tracedFor
        self.parameterNames = parameterNames
    }

    /// The name of each flattened argument leaf, as JAX names them: the parameter, then the
    /// leaf's path inside a container (`x[0]`, `params['w']`).
    func argumentNames(_ args: [PyTree]) -> [String] {
        var names: [String] = []
        for (i, tree) in args.enumerated() {
            let name = i < parameterNames.count ? parameterNames[i] : "args[\(i)]"
            names += tree.leafPaths.map { name + $0 }
        }
        return names
    }
}

/// The traced function a value of a jaxpr being built came from, for JAX's error messages.
struct TraceOrigin {
    let info: TraceDebugInfo
    let argumentNames: [String]
}

extension JaxprTracer {
    /// `_origin_msg`: which arguments of which traced function this value depends on (empty
    /// when the trace has no debug information, as for jaxlab's own helpers).
    var originMessage: String {
        guard let trace = trace as? JaxprTrace, let origin = trace.builder.origin else { return "" }
        var text = "\nThe error occurred while tracing the function \(origin.info.functionSource) for \(origin.info.tracedFor). "
        let positions = trace.builder.inputsFeeding(atom)
        let names = positions.compactMap { $0 < origin.argumentNames.count ? origin.argumentNames[$0] : nil }
        guard !names.isEmpty, names.count == positions.count else { return text }
        let listed: String
        switch names.count {
        case 1: listed = "the argument \(names[0])"
        case 2: listed = "the arguments \(names[0]) and \(names[1])"
        default: listed = "the arguments \(names.dropLast().joined(separator: ", ")), and \(names[names.count - 1])"
        }
        text += "This concrete value was not available in Python because it depends on the value\(names.count > 1 ? "s" : "") of \(listed)."
        return text
    }
}

extension JaxprBuilder {
    /// The positions of the inputs a value is computed from (`find_progenitors`).
    func inputsFeeding(_ atom: Atom) -> [Int] {
        guard let v = atom.variable else { return [] }
        var needed: Set<Var> = [v]
        for eqn in eqns.reversed() where eqn.outvars.contains(where: needed.contains) {
            for input in eqn.inputs { if let u = input.variable { needed.insert(u) } }
        }
        return invars.indices.filter { needed.contains(invars[$0]) }
    }
}
