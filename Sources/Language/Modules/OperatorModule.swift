import JaxCore

/// `operator`: Python's operators as functions, and `itemgetter`, `attrgetter`,
/// `methodcaller`.
enum OperatorModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("operator")
        let binaries: [(String, BinaryOperator)] = [
            ("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .divide), ("floordiv", .floorDivide),
            ("mod", .modulo), ("pow", .power), ("matmul", .matmul), ("lshift", .leftShift), ("rshift", .rightShift),
            ("and_", .and), ("or_", .or), ("xor", .xor),
        ]
        for (name, op) in binaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard args.positional.count == 2, args.keywords.isEmpty else {
                    throw PyException.typeError("\(name) expected 2 arguments, got \(args.positional.count + args.keywords.count)")
                }
                return try interp.binaryOperation(op, args.positional[0], args.positional[1])
            }
            let inPlace = "i" + name.replacingOccurrences(of: "_", with: "")
            m.define(inPlace) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(inPlace, ["a", "b"], required: 2, positionalOnly: 2)
                return try interp.inPlaceOperation(op, slots[0] ?? .none, slots[1] ?? .none)
            }
        }
        m.attributes["concat"] = m.attributes["add"]
        let comparisons: [(String, CompareOperator)] = [
            ("eq", .equal), ("ne", .notEqual), ("lt", .less), ("le", .lessEqual), ("gt", .greater), ("ge", .greaterEqual),
            ("is_", .is), ("is_not", .isNot),
        ]
        for (name, op) in comparisons {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "b"], required: 2, positionalOnly: 2)
                return try interp.compare(op, slots[0] ?? .none, slots[1] ?? .none)
            }
        }
        for (name, op) in [("neg", UnaryOperator.negative), ("pos", .positive), ("invert", .invert), ("inv", .invert)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a"], required: 1, positionalOnly: 1)
                return try interp.unaryOperation(op, slots[0] ?? .none)
            }
        }
        m.define("not_") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("not_", ["a"], required: 1, positionalOnly: 1)
            return .bool(!(try interp.truth(slots[0] ?? .none)))
        }
        m.define("truth") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("truth", ["a"], required: 1, positionalOnly: 1)
            return .bool(try interp.truth(slots[0] ?? .none))
        }
        m.define("abs") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("abs", ["a"], required: 1, positionalOnly: 1)
            return try interp.callBuiltin("abs", [slots[0] ?? .none])
        }
        m.define("index") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("index", ["a"], required: 1, positionalOnly: 1)
            return .int(try interp.index(slots[0] ?? .none))
        }
        m.define("contains") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("contains", ["a", "b"], required: 2, positionalOnly: 2)
            return .bool(try interp.contains(slots[0] ?? .none, slots[1] ?? .none))
        }
        m.define("getitem") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("getitem", ["a", "b"], required: 2, positionalOnly: 2)
            return try interp.getItem(slots[0] ?? .none, slots[1] ?? .none)
        }
        m.define("setitem") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("setitem", ["a", "b", "c"], required: 3, positionalOnly: 3)
            try interp.setItem(slots[0] ?? .none, slots[1] ?? .none, slots[2] ?? .none)
            return .none
        }
        m.define("delitem") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("delitem", ["a", "b"], required: 2, positionalOnly: 2)
            try interp.deleteItem(slots[0] ?? .none, slots[1] ?? .none)
            return .none
        }
        m.define("itemgetter") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard !args.positional.isEmpty else { throw PyException.typeError("itemgetter expected 1 argument, got 0") }
            return .object(PyGetter(kind: .item, keys: args.positional))
        }
        m.define("attrgetter") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard !args.positional.isEmpty else { throw PyException.typeError("attrgetter expected 1 argument, got 0") }
            for key in args.positional { _ = try interp.requireString(key, "attribute name must be a string, not") }
            return .object(PyGetter(kind: .attribute, keys: args.positional))
        }
        m.define("methodcaller") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let name = args.positional.first else { throw PyException.typeError("methodcaller needs at least one argument, the method name") }
            let method = try interp.requireString(name, "method name must be a string, not")
            let rest = Arguments(Array(args.positional.dropFirst()), keywords: args.keywords)
            return .object(PyBuiltin("methodcaller", module: "operator") { (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                let slots = try call.bind("methodcaller", ["obj"], required: 1, positionalOnly: 1)
                return try interp.callMethod(slots[0] ?? .none, method, rest)
            })
        }
        return m
    }
}

/// `operator.itemgetter(...)` and `operator.attrgetter(...)`: fetch one key (or a tuple of
/// several) from their argument.
final class PyGetter: PyObject {
    /// What the getter reads.
    enum Kind { case item, attribute }

    let kind: Kind
    let keys: [PyValue]

    init(kind: Kind, keys: [PyValue]) {
        self.kind = kind
        self.keys = keys
    }

    override var typeName: String { kind == .item ? "operator.itemgetter" : "operator.attrgetter" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "\(typeName)(\(try interp.reprItems(keys)))"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        guard args.positional.count == 1, args.keywords.isEmpty else {
            throw PyException.typeError("\(kind == .item ? "itemgetter" : "attrgetter") expected 1 argument, got \(args.positional.count)")
        }
        let object = args.positional[0]
        var values: [PyValue] = []
        for key in keys {
            switch kind {
            case .item:
                values.append(try interp.getItem(object, key))
            case .attribute:
                var v = object
                for part in try interp.requireString(key, "attribute name must be a string, not").split(separator: ".") {
                    v = try interp.getAttribute(v, String(part))
                }
                values.append(v)
            }
        }
        return values.count == 1 ? values[0] : .tuple(values)
    }
}
