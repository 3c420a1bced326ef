import JaxCore

/// `jax`: devices, `device_get`/`device_put`, `config`, `errors` and the transformations
/// (`JaxModule+Transforms.swift`).
enum JaxModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax", file: "/jaxlab/jax/__init__.py")
        m.attributes["__version__"] = .str("0.10.2")
        m.attributes["Array"] = interp.jaxAbstractArrayType
        m.attributes["config"] = .object(PyJaxConfig())
        installTransforms(m)
        let errors = PyModule("jax.errors")
        for kind in ExceptionHierarchy.jaxErrorNames { errors.attributes[kind] = interp.exceptionType(kind) }
        m.attributes["errors"] = .object(errors)
        m.define("devices") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            _ = try args.bind("devices", ["backend"])
            return .list(PyList([.object(PyDevice())]))
        }
        for name in ["local_devices"] {
            m.define(name) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .list(PyList([.object(PyDevice())])) }
        }
        m.define("device_count") { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .int(1) }
        m.define("default_backend") { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .str("cpu") }
        m.define("device_get") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("device_get", ["x"], required: 1)
            return try mapLeaves(interp, slots[0] ?? .none) { (leaf: PyValue) throws(PyException) -> PyValue in
                if case .object(let o as JaxArrayObject) = leaf { return .object(NDArrayObject(try o.concrete("__array__"))) }
                return leaf
            }
        }
        m.define("device_put") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("device_put", ["x", "device"], required: 1)
            return try mapLeaves(interp, slots[0] ?? .none) { (leaf: PyValue) throws(PyException) -> PyValue in
                switch leaf {
                case .object(let o as NDArrayObject): return .object(JaxArrayObject(interp.deviceArray(o.array)))
                case .object(let o as JaxArrayObject): return .object(o)
                default:
                    guard let a = try interp.jaxOperand(leaf) else {
                        throw PyException.typeError("Value '\(try interp.repr(leaf))' with type \(interp.pythonTypeName(leaf)) is not a valid JAX type")
                    }
                    return .object(JaxArrayObject(a))
                }
            }
        }
        m.define("typeof") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("typeof", ["x"], required: 1)
            return try typeOf(interp, slots[0] ?? .none)
        }
        m.define("disable_jit") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("disable_jit", ["disable"])
            let disable = try interp.truth(slots[0] ?? .bool(true))
            var before = false
            return .object(PyContextManager(enter: { (interp: Interpreter) throws(PyException) -> PyValue in
                before = interp.disableJit
                interp.disableJit = disable
                return .none
            }, exit: { (interp: Interpreter, _: PyException?) throws(PyException) -> Bool in
                interp.disableJit = before
                return false
            }))
        }
        m.define("effects_barrier") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            // programs with debugging callbacks run before their call returns: nothing is left to wait for
            _ = try args.bind("effects_barrier", [])
            return .none
        }
        m.define("block_until_ready") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            // every array leaf waits for its dispatched call (and raises its error)
            let tree = args.positional.first ?? .none
            _ = try mapLeaves(interp, tree) { (leaf: PyValue) throws(PyException) -> PyValue in
                if case .object(let array as JaxArrayObject) = leaf { _ = try array.value }
                return leaf
            }
            return tree
        }
        return m
    }

    /// Applies `transform` to each leaf of a tuple/list/dict tree, keeping the containers.
    private static func mapLeaves(_ interp: Interpreter, _ v: PyValue,
                                  _ transform: (PyValue) throws(PyException) -> PyValue) throws(PyException) -> PyValue {
        try interp.enterNesting("while mapping a pytree")
        defer { interp.nestingDepth -= 1 }
        switch v {
        case .tuple(let items):
            var out: [PyValue] = []
            for item in items { out.append(try mapLeaves(interp, item, transform)) }
            return .tuple(out)
        case .list(let l):
            var out: [PyValue] = []
            for item in l.items { out.append(try mapLeaves(interp, item, transform)) }
            return .list(PyList(out))
        case .dict(let d):
            let result = PyDict()
            for (k, value) in d.items { try result.set(k, try mapLeaves(interp, value, transform)) }
            return .dict(result)
        case .none:
            return .none
        default:
            return try transform(v)
        }
    }
}

/// `jax.config`: `update("jax_enable_x64", True)` switches the session to 64-bit defaults.
final class PyJaxConfig: PyObject {
    override var typeName: String { "Config" }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "jax_enable_x64", "x64_enabled": return .bool(interp.context.enableX64)
        case "jax_explain_cache_misses": return .bool(interp.explainCacheMisses)
        case "jax_disable_jit": return .bool(interp.disableJit)
        case "update":
            return .object(PyBuiltin("update", owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("update", ["name", "val"], required: 2)
                guard case .str(let option)? = slots[0] else { throw PyException.typeError("config option name must be a string") }
                switch option {
                case "jax_enable_x64":
                    interp.context.enableX64 = try interp.truth(slots[1] ?? .bool(false))
                case "jax_explain_cache_misses":
                    interp.explainCacheMisses = try interp.truth(slots[1] ?? .bool(false))
                case "jax_platform_name", "jax_platforms", "jax_default_matmul_precision":
                    break
                case "jax_disable_jit":
                    interp.disableJit = try interp.truth(slots[1] ?? .bool(false))
                case "jax_debug_nans", "jax_debug_infs":
                    // checking each result for NaNs is not there:
                    // turning it on is refused rather than ignored
                    if try interp.truth(slots[1] ?? .bool(false)) {
                        throw PyException.notImplemented("jaxlab does not have the \(option) option yet")
                    }
                default:
                    throw PyException("AttributeError", "Unrecognized config option: \(option)")
                }
                return .none
            })
        default:
            return nil
        }
    }
}
