import JaxCore

/// `typing`: the names a program imports for its annotations. Annotations are evaluated
/// where CPython evaluates them and otherwise ignored; the forms print as CPython prints
/// them, `NamedTuple` makes named tuple classes and `Generic`/`Protocol` may be bases.
enum TypingModule {
    static let plainForms = [
        "Any", "Optional", "Union", "ClassVar", "Final", "Literal", "Type", "NoReturn", "Never", "Self", "Annotated",
        "TypeAlias", "Concatenate", "Required", "NotRequired", "LiteralString", "Unpack", "TypeGuard",
    ]
    /// Aliases of builtin and collections classes (`List` stands for `list`).
    static let classAliases = [
        "List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset", "Text": "str",
        "Callable": "collections.abc.Callable", "Iterable": "collections.abc.Iterable", "Iterator": "collections.abc.Iterator",
        "Sequence": "collections.abc.Sequence", "Mapping": "collections.abc.Mapping", "MutableMapping": "collections.abc.MutableMapping",
        "MutableSequence": "collections.abc.MutableSequence", "Generator": "collections.abc.Generator", "Hashable": "collections.abc.Hashable",
        "Sized": "collections.abc.Sized", "Container": "collections.abc.Container", "AbstractSet": "collections.abc.Set",
        "DefaultDict": "collections.defaultdict", "OrderedDict": "collections.OrderedDict", "Counter": "collections.Counter",
        "Deque": "collections.deque",
    ]

    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("typing")
        for name in plainForms { m.attributes[name] = .object(PyTypingForm(name)) }
        for name in classAliases.keys { m.attributes[name] = .object(PyTypingForm(name)) }
        // Generic and Protocol are real classes, so they appear in their subclasses' MRO
        let generic = try interp.libraryClass("Generic", module: "typing", bases: [], source: "", names: [:])
        m.attributes["Generic"] = .object(generic)
        m.attributes["Protocol"] = .object(try interp.libraryClass("Protocol", module: "typing", bases: [.object(generic)],
                                                                    source: "", names: [:]))
        let namedTuple = PyTypingForm("NamedTuple", role: .namedTupleBase, reprText: "<function NamedTuple>") {
            (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try NamedTuples.functional(interp, args)
        }
        m.attributes["NamedTuple"] = .object(namedTuple)
        m.attributes["TYPE_CHECKING"] = .bool(false)
        m.define("TypeVar") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let first = args.positional.first else { throw PyException.typeError("TypeVar() missing required argument 'name'") }
            let name = try interp.requireString(first, "TypeVar name must be a string, not")
            return .object(PyTypingForm(name, reprText: "~\(name)"))
        }
        m.define("ParamSpec") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let name = try interp.requireString(args.positional.first ?? .none, "ParamSpec name must be a string, not")
            return .object(PyTypingForm(name, reprText: "~\(name)"))
        }
        m.define("NewType") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("NewType", ["name", "tp"], required: 2)
            let name = try interp.requireString(slots[0] ?? .none, "NewType name must be a string, not")
            return .object(PyTypingForm(name, reprText: "__main__.\(name)") { (_: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                let s = try call.bind(name, ["x"], required: 1, positionalOnly: 1)
                return s[0] ?? .none
            })
        }
        m.define("cast") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cast", ["typ", "val"], required: 2)
            return slots[1] ?? .none
        }
        for name in ["overload", "final", "no_type_check", "runtime_checkable"] {
            m.define(name) { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["arg"], required: 1, positionalOnly: 1)
                return slots[0] ?? .none
            }
        }
        m.define("get_type_hints") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("get_type_hints", ["obj", "globalns", "localns", "include_extras"], required: 1)
            let hints = PyDict()
            let object = slots[0] ?? .none
            if case .object(let cls as PyClass) = object {
                for case .object(let c as PyClass) in cls.mro.reversed() {
                    if case .dict(let a)? = try c.namespace.get(.str("__annotations__")) {
                        for (k, v) in a.items { try hints.set(k, v) }
                    }
                }
            }
            return .dict(hints)
        }
        return m
    }
}
