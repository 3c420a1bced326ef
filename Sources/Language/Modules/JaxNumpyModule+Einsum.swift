import JaxCore

/// `jnp.einsum(subscripts, *operands, optimize=..., ...)`.
extension JaxNumpyModule {
    static func addEinsum(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("einsum") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            for (name, value) in args.keywords {
                switch name {
                case "optimize": continue  // any path gives one contraction for one or two operands
                case "out", "precision", "preferred_element_type", "out_sharding", "_dot_general":
                    if !value.isNone { throw PyException.notImplemented("jnp.einsum's \(name) argument is not supported") }
                default: throw PyException.typeError("einsum() got an unexpected keyword argument '\(name)'")
                }
            }
            guard let first = args.positional.first else {
                throw PyException.typeError("einsum() missing 1 required positional argument: 'subscripts'")
            }
            guard case .str(let subscripts) = first else {
                throw PyException.notImplemented("jnp.einsum with operands and subscript lists (no subscripts string) is not supported")
            }
            var operands: [JaxValue] = []
            for (i, v) in args.positional.dropFirst().enumerated() { operands.append(try interp.jnpArgument(v, "einsum", position: i)) }
            return .object(JaxArrayObject(try JNP.einsum(ctx, subscripts, operands)))
        }
    }
}
