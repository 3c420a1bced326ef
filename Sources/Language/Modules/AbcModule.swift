import JaxCore

/// `abc`: `ABC` to derive from, `ABCMeta` as a metaclass, and `abstractmethod`; a class
/// with abstract methods left unimplemented cannot be instantiated.
enum AbcModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("abc")
        for name in ["ABC", "ABCMeta"] {
            let namespace = PyDict()
            try namespace.set(.str("__module__"), .str("abc"))
            try namespace.set(.str("__slots__"), .tuple([]))
            m.attributes[name] = try interp.createClass(name: name, qualifiedName: name, module: "abc",
                                                        bases: [interp.builtinType(named: "object")], namespace: namespace)
        }
        m.define("abstractmethod") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("abstractmethod", ["funcobj"], required: 1, positionalOnly: 1)
            let function = slots[0] ?? .none
            try? interp.setAttribute(function, "__isabstractmethod__", .bool(true))
            return function
        }
        return m
    }
}
