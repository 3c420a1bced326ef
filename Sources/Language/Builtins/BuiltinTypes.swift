import BigInt
import Foundation
import JaxCore

/// The builtin classes (`int`, `float`, `str`, `list`, ...) and their constructors.
extension Interpreter {
    func builtinType(named name: String) -> PyValue {
        .object(builtinPyType(name))
    }

    /// The builtin class `name`, made on first use for types without a constructor.
    func builtinPyType(_ name: String) -> PyType {
        if let t = builtinTypes[name] { return t }
        let t = PyType(name, isInstance: { $0.typeName == name }, construct: nil)
        builtinTypes[name] = t
        return t
    }

    /// The class `<class 'qualifiedName'>` whose instances are the objects `matches` accepts,
    /// made once per session (so `type(a) is type(b)` holds, as in Python).
    func objectType(_ qualifiedName: String, matches: @escaping (PyObject) -> Bool) -> PyValue {
        if let t = builtinTypes[qualifiedName] { return .object(t) }
        let t = PyType(qualifiedName, isInstance: { v in
            guard case .object(let o) = v else { return false }
            return matches(o)
        }, construct: nil)
        builtinTypes[qualifiedName] = t
        return .object(t)
    }

    func exceptionType(_ kind: String) -> PyValue {
        if let t = exceptionTypes[kind] { return .object(t) }
        let t = PyType(exceptionKind: kind)
        exceptionTypes[kind] = t
        return .object(t)
    }

    /// `type(value)`.
    func pythonType(_ value: PyValue) -> PyValue {
        if case .object(let o) = value { return o.pythonType(self) }
        return builtinType(named: value.typeName)
    }

    func isInstance(_ value: PyValue, _ type: PyValue) throws(PyException) -> Bool {
        switch type {
        case .tuple(let types):
            for t in types where try isInstance(value, t) { return true }
            return false
        case .object(let u as PyUnionType):
            for t in u.members where try isInstance(value, t) { return true }
            return false
        case .object(let t as PyType):
            if case .object(let instance as PyInstance) = value { return t.name == "object" || instance.cls.isSubclass(of: t) }
            return t.isInstance(value)
        case .object(let c as PyClass):
            if case .object(let instance as PyInstance) = value { return instance.cls.isSubclass(of: c) }
            return false
        case .object(let alias as PyGenericAlias):
            if case .object(let f as PyTypingForm) = alias.origin {
                throw PyException.typeError("Subscripted generics cannot be used with class and instance checks \(f.name)")
            }
            throw PyException.typeError("isinstance() argument 2 cannot be a parameterized generic")
        default:
            throw PyException.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
        }
    }

    func registerType(_ name: String, isInstance: @escaping PyType.InstanceCheck, construct: PyBuiltin.Body?) {
        let t = PyType(name, isInstance: isInstance, construct: construct)
        builtinTypes[name] = t
        builtins[name] = .object(t)
    }

    func installBuiltinTypes() {
        registerType("int", isInstance: { v in
            switch v {
            case .int, .bigInt, .bool: return true
            default: return false
            }
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("int", ["x", "base"], positionalOnly: 1)
            guard let x = slots[0] else { return .int(0) }
            if let baseValue = slots[1] {
                guard case .str(let s) = x else {
                    throw PyException.typeError("int() can't convert non-string with explicit base")
                }
                return try interp.parseInt(s, base: try interp.index(baseValue))
            }
            return try interp.toInt(x)
        })
        registerType("float", isInstance: { if case .float = $0 { return true } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("float", ["x"], positionalOnly: 1)
            guard let x = slots[0] else { return .float(0) }
            return .float(try interp.toFloat(x))
        })
        registerType("str", isInstance: { if case .str = $0 { return true } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("str", ["object"])
            return .str(try slots[0].map { (v: PyValue) throws(PyException) in try interp.str(v) } ?? "")
        })
        registerType("bool", isInstance: { if case .bool = $0 { return true } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("bool", ["x"], positionalOnly: 1)
            return .bool(try slots[0].map { (v: PyValue) throws(PyException) in try interp.truth(v) } ?? false)
        })
        registerType("list", isInstance: { if case .list = $0 { return true } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("list", ["iterable"], positionalOnly: 1)
            return .list(PyList(try slots[0].map { (v: PyValue) throws(PyException) in try interp.collect(v) } ?? []))
        })
        registerType("tuple", isInstance: { if case .tuple = $0 { return true } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tuple", ["iterable"], positionalOnly: 1)
            return .tuple(try slots[0].map { (v: PyValue) throws(PyException) in try interp.collect(v) } ?? [])
        })
        registerType("dict", isInstance: { if case .dict = $0 { return true } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if args.positional.count > 1 { throw PyException.typeError("dict expected at most 1 argument, got \(args.positional.count)") }
            let d = PyDict()
            if let source = args.positional.first {
                if let other = interp.asDict(source) {
                    for (k, v) in other.items { try d.set(k, v) }
                } else {
                    for item in try interp.collect(source) {
                        let pair = try interp.collect(item)
                        guard pair.count == 2 else {
                            throw PyException.valueError("dictionary update sequence element has length \(pair.count); 2 is required")
                        }
                        try d.set(pair[0], pair[1])
                    }
                }
            }
            for (k, v) in args.keywords { try d.set(.str(k), v) }
            return .dict(d)
        })
        registerType("set", isInstance: { if case .object(let o as PySet) = $0 { return !o.isFrozen } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("set", ["iterable"], positionalOnly: 1)
            let set = PySet()
            if let source = slots[0] { try set.update(with: source, interp) }
            return .object(set)
        })
        builtinTypes["dict"]?.attributes["fromkeys"] = .object(PyBuiltin("fromkeys", owner: "dict") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("fromkeys", ["iterable", "value"], required: 1, positionalOnly: 2)
            let d = PyDict()
            for k in try interp.collect(slots[0] ?? .none) { try d.set(k, slots[1] ?? .none) }
            return .dict(d)
        })
        registerType("frozenset", isInstance: { if case .object(let o as PySet) = $0 { return o.isFrozen } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("frozenset", ["iterable"], positionalOnly: 1)
            if case .object(let given as PySet)? = slots[0], given.isFrozen { return .object(given) }
            let set = PySet(frozen: true)
            if let source = slots[0] { try set.update(with: source, interp) }
            return .object(set)
        })
        registerType("range", isInstance: { if case .object(let o) = $0 { return o is PyRange } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if !args.keywords.isEmpty { throw PyException.typeError("range() takes no keyword arguments") }
            var bounds: [Int] = []
            for v in args.positional {
                if case .bigInt = v { throw PyException("OverflowError", "Python int too large to convert to C ssize_t") }
                do throws(PyException) {
                    bounds.append(try interp.index(v))
                } catch where error.kind == "TypeError" {
                    throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
                }
            }
            switch bounds.count {
            case 1: return .object(PyRange(0, bounds[0], 1))
            case 2: return .object(PyRange(bounds[0], bounds[1], 1))
            case 3:
                if bounds[2] == 0 { throw PyException.valueError("range() arg 3 must not be zero") }
                return .object(PyRange(bounds[0], bounds[1], bounds[2]))
            case 0: throw PyException.typeError("range expected at least 1 argument, got 0")
            default: throw PyException.typeError("range expected at most 3 arguments, got \(bounds.count)")
            }
        })
        registerType("type", isInstance: { if case .object(let o) = $0 { return o is PyType || o is PyClass } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            switch args.positional.count {
            case 1: return interp.pythonType(args.positional[0])
            case 3: return try interp.typeCall(args.positional[0], args.positional[1], args.positional[2])
            default: throw PyException.typeError("type() takes 1 or 3 arguments")
            }
        })
        registerType("object", isInstance: { _ in true }, construct: { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if !args.positional.isEmpty || !args.keywords.isEmpty { throw PyException.typeError("object() takes no arguments") }
            return .object(PyPlainObject())
        })
        installClassBuiltins()
        installComplexType()
        registerType("slice", isInstance: { if case .object(let o) = $0 { return o is PySlice } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let p = args.positional
            switch p.count {
            case 1: return .object(PySlice(.none, p[0], .none))
            case 2: return .object(PySlice(p[0], p[1], .none))
            case 3: return .object(PySlice(p[0], p[1], p[2]))
            default: throw PyException.typeError("slice expected at least 1 argument, got \(p.count)")
            }
        })
        for kind in ExceptionHierarchy.builtinNames { builtins[kind] = exceptionType(kind) }
    }

    /// `type(name, bases, dict)`: a class made without a `class` statement.
    func typeCall(_ nameValue: PyValue, _ basesValue: PyValue, _ dictValue: PyValue) throws(PyException) -> PyValue {
        guard case .str(let name) = nameValue else {
            throw PyException.typeError("type.__new__() argument 1 must be str, not \(nameValue.typeName)")
        }
        guard case .tuple(let bases) = basesValue else {
            throw PyException.typeError("type.__new__() argument 2 must be tuple, not \(basesValue.typeName)")
        }
        guard case .dict(let source) = dictValue else {
            throw PyException.typeError("type.__new__() argument 3 must be dict, not \(dictValue.typeName)")
        }
        let namespace = PyDict()
        try namespace.set(.str("__module__"), .str("__main__"))
        for (k, v) in source.items { try namespace.set(k, v) }
        return try createClass(name: name, qualifiedName: name, module: "__main__", bases: bases, namespace: namespace)
    }

    /// `int(x)` for a value.
    func toInt(_ x: PyValue) throws(PyException) -> PyValue {
        switch x {
        case .bool(let b): return .int(b ? 1 : 0)
        case .int, .bigInt: return x
        case .float(let d):
            if d.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyException("OverflowError", "cannot convert float infinity to integer") }
            return .int(BigInt(exactly: d.rounded(.towardZero)) ?? 0)
        case .str(let s):
            return try parseInt(s, base: 10)
        case .object(let o):
            if let v = try o.toInt(self) { return v }
        default:
            break
        }
        throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'")
    }

    func parseInt(_ text: String, base: Int) throws(PyException) -> PyValue {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "_", with: "")
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("+") {
            negative = s.hasPrefix("-")
            s.removeFirst()
        }
        var radix = base
        let lower = s.lowercased()
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (base == r || base == 0) {
            s.removeFirst(2)
            radix = r
        }
        if radix == 0 { radix = 10 }
        guard (2...36).contains(radix) || base == 0 else { throw PyException.valueError("int() base must be >= 2 and <= 36, or 0") }
        // CPython's limit on decimal (non power of two) conversions, checked before parsing
        if radix & (radix - 1) != 0 && s.utf8.count > 4300 {
            throw PyException.valueError("Exceeds the limit (4300 digits) for integer string conversion: value has \(s.utf8.count) digits; "
                                         + "use sys.set_int_max_str_digits() to increase the limit")
        }
        guard !s.isEmpty, let value = BigInt(s, radix: radix) else {
            throw PyException.valueError("invalid literal for int() with base \(base): \(Interpreter.stringRepr(text))")
        }
        return .int(negative ? -value : value)
    }

    /// `float(x)` for a value.
    func toFloat(_ x: PyValue) throws(PyException) -> Double {
        switch x {
        case .bool, .int, .bigInt, .float:
            return try Numbers.Operand(x)?.double() ?? 0
        case .str(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: "_", with: "")
            switch t {
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default:
                let valid = !t.isEmpty && t.allSatisfy { "0123456789.e+-".contains($0) }
                if valid, let d = Double(t) { return d }
                throw PyException.valueError("could not convert string to float: \(Interpreter.stringRepr(s))")
            }
        case .object(let o):
            if let d = try o.toFloat(self) { return d }
        default:
            break
        }
        throw PyException.typeError("float() argument must be a string or a real number, not '\(x.typeName)'")
    }

    /// A set of `items`, added in order.
    func makeSet(_ items: [PyValue]) throws(PyException) -> PyValue {
        let set = PySet()
        for item in items { try set.insert(item, self) }
        return .object(set)
    }
}
