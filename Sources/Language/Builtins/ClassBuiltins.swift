import JaxCore

/// The builtins of Python's object model: `super`, `property`, `staticmethod`,
/// `classmethod`, `issubclass`, `vars`, `delattr` and `NotImplemented`.
extension Interpreter {
    func installClassBuiltins() {
        builtins["NotImplemented"] = .object(PyNotImplemented())
        // `if __name__ == "__main__":` — the user's code is always the main module
        builtins["__name__"] = .str("__main__")
        registerType("super", isInstance: { if case .object(let o) = $0 { return o is PySuper } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            switch args.positional.count {
            case 0: return try interp.zeroArgumentSuper()
            case 2:
                guard case .object(let start as PyClass) = args.positional[0] else {
                    throw PyException.typeError("super() argument 1 must be a type, not \(args.positional[0].typeName)")
                }
                return try interp.makeSuper(start, args.positional[1])
            default:
                throw PyException.typeError("super() takes 0 or 2 arguments in jaxlab, not \(args.positional.count)")
            }
        })
        registerType("property", isInstance: { if case .object(let o) = $0 { return o is PyProperty } else { return false } },
                     construct: { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("property", ["fget", "fset", "fdel", "doc"])
            return .object(PyProperty(getter: slots[0] ?? .none, setter: slots[1] ?? .none, deleter: slots[2] ?? .none,
                                      doc: slots[3] ?? .none))
        })
        registerType("staticmethod", isInstance: { if case .object(let o) = $0 { return o is PyStaticMethod } else { return false } },
                     construct: { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("staticmethod", ["function"], required: 1, positionalOnly: 1)
            return .object(PyStaticMethod(slots[0] ?? .none))
        })
        registerType("classmethod", isInstance: { if case .object(let o) = $0 { return o is PyClassMethod } else { return false } },
                     construct: { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("classmethod", ["function"], required: 1, positionalOnly: 1)
            return .object(PyClassMethod(slots[0] ?? .none))
        })
        defineBuiltin("issubclass") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("issubclass", ["cls", "class_or_tuple"], required: 2, positionalOnly: 2)
            return .bool(try interp.isSubclass(slots[0] ?? .none, slots[1] ?? .none))
        }
        defineBuiltin("vars") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("vars", ["object"], positionalOnly: 1)
            guard let object = slots[0] else {
                let d = PyDict()
                for name in interp.globals.values.keys.sorted() { try d.set(.str(name), interp.globals.values[name] ?? .none) }
                return .dict(d)
            }
            switch object {
            case .object(let i as PyInstance): return .dict(i.attributes)
            case .object(let c as PyClass): return .dict(c.namespace)
            case .object(let f as PyFunction): return .dict(f.attributes)
            case .object(let m as PyModule):
                let d = PyDict()
                for name in m.attributes.keys.sorted() { try d.set(.str(name), m.attributes[name] ?? .none) }
                return .dict(d)
            default:
                throw PyException.typeError("vars() argument must have __dict__ attribute")
            }
        }
        defineBuiltin("delattr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("delattr", ["obj", "name"], required: 2, positionalOnly: 2)
            let name = try interp.attributeName(slots[1] ?? .none)
            try interp.deleteAttribute(slots[0] ?? .none, name)
            return .none
        }
    }
}
