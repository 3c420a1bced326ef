import JaxCore

/// `copy`: `copy` (a new container with the same items) and `deepcopy` (new containers all
/// the way down, shared objects copied once), honouring `__copy__` and `__deepcopy__`.
enum CopyModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("copy")
        m.define("copy") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("copy", ["x"], required: 1)
            return try shallowCopy(slots[0] ?? .none, interp)
        }
        m.define("deepcopy") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("deepcopy", ["x", "memo"], required: 1)
            var memo: [ObjectIdentifier: PyValue] = [:]
            return try deepCopy(slots[0] ?? .none, &memo, interp, depth: 0)
        }
        return m
    }

    static func shallowCopy(_ v: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        switch v {
        case .list(let l): return .list(PyList(l.items))
        case .dict(let d):
            let copy = PyDict()
            for (k, value) in d.items { try copy.set(k, value) }
            return .dict(copy)
        case .object(let s as PySet): return .object(try s.copied(interp))
        case .object(let instance as PyInstance):
            if let r = try interp.callSpecial(instance, "__copy__", Arguments()) { return r }
            let copy = PyInstance(instance.cls, interpreter: interp)
            for (k, value) in instance.attributes.items { try copy.attributes.set(k, value) }
            copy.base = try instance.base.map { (b: PyValue) throws(PyException) in try shallowCopy(b, interp) }
            copy.exceptionArguments = instance.exceptionArguments
            return .object(copy)
        case .object(let o) where o is NDArrayObject:
            return try interp.callMethod(v, "copy", Arguments())
        default:
            return v
        }
    }

    static func deepCopy(_ v: PyValue, _ memo: inout [ObjectIdentifier: PyValue], _ interp: Interpreter, depth: Int) throws(PyException) -> PyValue {
        if depth > Interpreter.recursionLimit {
            throw PyException("RecursionError", "maximum recursion depth exceeded while calling a Python object")
        }
        try interp.context.checkInterrupt()
        switch v {
        case .list(let l):
            if let seen = memo[ObjectIdentifier(l)] { return seen }
            let copy = PyList()
            memo[ObjectIdentifier(l)] = .list(copy)
            for item in l.items { copy.items.append(try deepCopy(item, &memo, interp, depth: depth + 1)) }
            return .list(copy)
        case .dict(let d):
            if let seen = memo[ObjectIdentifier(d)] { return seen }
            let copy = PyDict()
            memo[ObjectIdentifier(d)] = .dict(copy)
            for (k, value) in d.items {
                try copy.set(try deepCopy(k, &memo, interp, depth: depth + 1), try deepCopy(value, &memo, interp, depth: depth + 1))
            }
            return .dict(copy)
        case .tuple(let items):
            var out: [PyValue] = []
            for item in items { out.append(try deepCopy(item, &memo, interp, depth: depth + 1)) }
            return .tuple(out)
        case .object(let s as PySet):
            var out: [PyValue] = []
            for item in s.members { out.append(try deepCopy(item, &memo, interp, depth: depth + 1)) }
            return try interp.makeSet(out)
        case .object(let instance as PyInstance):
            if let seen = memo[ObjectIdentifier(instance)] { return seen }
            if instance.cls.lookupOverride("__deepcopy__") != nil {
                return try interp.callSpecial(instance, "__deepcopy__", Arguments([.dict(PyDict())])) ?? .none
            }
            let copy = PyInstance(instance.cls, interpreter: interp)
            memo[ObjectIdentifier(instance)] = .object(copy)
            for (k, value) in instance.attributes.items { try copy.attributes.set(k, try deepCopy(value, &memo, interp, depth: depth + 1)) }
            copy.base = try instance.base.map { (b: PyValue) throws(PyException) in try deepCopy(b, &memo, interp, depth: depth + 1) }
            copy.exceptionArguments = instance.exceptionArguments
            return .object(copy)
        case .object(let o) where o is NDArrayObject:
            if let seen = memo[ObjectIdentifier(o)] { return seen }
            let copy = try interp.callMethod(v, "copy", Arguments())
            memo[ObjectIdentifier(o)] = copy
            return copy
        default:
            return v
        }
    }
}
