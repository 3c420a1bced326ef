import JaxCore

/// `jnp.isin` and the set operations `union1d`, `intersect1d`, `setdiff1d` (concrete operands,
/// as without `size` in JAX).
extension JaxNumpyModule {
    static func addSetOps(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        m.define("isin") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isin", ["element", "test_elements", "assume_unique", "invert", "method"], required: 2, maxPositional: 4)
            if let method = slots[4], !method.isNone {
                let text = try interp.str(method)
                if text == "binary_search" || text == "sort" {
                    throw PyException.notImplemented("jaxlab's isin compares every pair of elements: method='\(text)' is not supported")
                }
                guard text == "auto" || text == "compare_all" else {
                    throw PyException.valueError("method='\(text)' is not implemented; options are 'compare_all', 'binary_search', 'sort', and 'auto'")
                }
            }
            return wrap(try JNP.isin(ctx, try interp.jnpArgument(slots[0] ?? .none, "isin"), try interp.jnpArgument(slots[1] ?? .none, "isin", position: 1),
                                     invert: try interp.truth(slots[3] ?? .bool(false))))
        }
        for name in ["union1d", "intersect1d", "setdiff1d"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = ["ar1", "ar2"] + (name == "union1d" ? [] : ["assume_unique"]) + (name == "intersect1d" ? ["return_indices"] : []) + ["size", "fill_value"]
                let slots = try args.bind(name, names, required: 2, maxPositional: names.count - 2)
                // size (a padded result, for jit) and the flags that change the result are not here
                for (i, option) in names.enumerated().dropFirst(2) where option != "fill_value" {
                    guard let v = slots[i], !v.isNone else { continue }
                    if option != "size", !(try interp.truth(v)) { continue }
                    throw PyException.notImplemented("jaxlab's \(name) does not support \(option)=\(try interp.repr(v))")
                }
                let a = try interp.jnpArgument(slots[0] ?? .none, name), b = try interp.jnpArgument(slots[1] ?? .none, name, position: 1)
                switch name {
                case "union1d": return wrap(try JNP.union1d(ctx, a, b))
                case "intersect1d": return wrap(try JNP.intersect1d(ctx, a, b))
                default: return wrap(try JNP.setdiff1d(ctx, a, b))
                }
            }
        }
    }
}
