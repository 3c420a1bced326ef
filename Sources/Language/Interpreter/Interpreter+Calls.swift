import JaxCore

/// Calling values, binding parameters, and the object protocol (attributes, items, iteration).
extension Interpreter {
    func call(_ callee: PyValue, _ args: Arguments) throws(PyException) -> PyValue {
        guard case .object(let o) = callee else {
            throw PyException.typeError("'\(callee.typeName)' object is not callable")
        }
        if calledFunctions != nil, let builtin = o as? PyBuiltin, let module = builtin.module {
            calledFunctions?.insert(module + "." + builtin.name)
        }
        return try o.call(self, args)
    }

    /// Calls the method `name` of `object`.
    func callMethod(_ object: PyValue, _ name: String, _ args: Arguments) throws(PyException) -> PyValue {
        try call(try getAttribute(object, name), args)
    }

    func callFunction(_ function: PyFunction, _ args: Arguments) throws(PyException) -> PyValue {
        let code = function.code
        if frames.count > Interpreter.recursionLimit {
            throw PyException("RecursionError", "maximum recursion depth exceeded")
        }
        try context.checkInterrupt()
        let scope = Scope(parent: function.enclosing, locals: code.locals, globalNames: code.globals,
                          nonlocalNames: code.nonlocals)
        scope.classCell = function.classCell
        try bindParameters(function, args, scope)
        if code.isGenerator { return .object(PyGenerator(function: function, scope: scope, interpreter: self)) }
        let frame = Frame(name: code.name, file: code.file, line: code.position.line, scope: scope,
                          firstParameter: code.parameters.first?.name)
        frames.append(frame)
        defer { frames.removeLast() }
        if code.isLambda, case .return(let e?)? = code.body.first?.kind {
            // a lambda's body is one expression: evaluate it directly (its line is the lambda's)
            do throws(PyException) {
                return try eval(e, scope)
            } catch var error {
                stampTraceback(&error)
                throw error
            }
        }
        let flow = try execBlock(code.body, scope, frame)
        if case .returnValue(let v) = flow { return v }
        return .none
    }

    private func bindParameters(_ function: PyFunction, _ args: Arguments, _ scope: Scope) throws(PyException) {
        let code = function.code
        let name = function.qualifiedName
        let positionalParams = code.parameters.filter { $0.kind == .normal }
        let varArgs = code.parameters.first { $0.kind == .varArgs }
        let varKeywords = code.parameters.first { $0.kind == .varKeywords }
        var extra: [PyValue] = []
        for (i, value) in args.positional.enumerated() {
            if i < positionalParams.count {
                scope.values[positionalParams[i].name] = value
            } else if varArgs != nil {
                extra.append(value)
            } else {
                let required = positionalParams.filter { $0.defaultValue == nil }.count
                let takes = required == positionalParams.count ? "\(required)" : "from \(required) to \(positionalParams.count)"
                let plural = positionalParams.count == 1 && required == 1 ? "argument" : "arguments"
                throw PyException.typeError(
                    "\(name)() takes \(takes) positional \(plural) but \(args.positional.count) \(args.positional.count == 1 ? "was" : "were") given")
            }
        }
        if let varArgs { scope.values[varArgs.name] = .tuple(extra) }
        let kwargs = PyDict()
        for (key, value) in args.keywords {
            if let p = code.parameters.first(where: { $0.name == key && ($0.kind == .normal || $0.kind == .keywordOnly) }) {
                if scope.values[p.name] != nil {
                    throw PyException.typeError("\(name)() got multiple values for argument '\(key)'")
                }
                scope.values[p.name] = value
            } else if varKeywords != nil {
                try kwargs.set(.str(key), value)
            } else {
                throw PyException.typeError("\(name)() got an unexpected keyword argument '\(key)'")
            }
        }
        if let varKeywords { scope.values[varKeywords.name] = .dict(kwargs) }
        var missing: [String] = []
        var missingKeywordOnly: [String] = []
        for p in code.parameters where p.kind == .normal || p.kind == .keywordOnly {
            if scope.values[p.name] != nil { continue }
            if let d = function.defaults[p.name] {
                scope.values[p.name] = d
            } else if p.kind == .normal {
                missing.append("'\(p.name)'")
            } else {
                missingKeywordOnly.append("'\(p.name)'")
            }
        }
        func listText(_ names: [String]) -> String {
            names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
        if !missing.isEmpty {
            throw PyException.typeError(
                "\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(listText(missing))")
        }
        if !missingKeywordOnly.isEmpty {
            throw PyException.typeError(
                "\(name)() missing \(missingKeywordOnly.count) required keyword-only argument\(missingKeywordOnly.count == 1 ? "" : "s"): \(listText(missingKeywordOnly))")
        }
    }

    // MARK: attributes

    func getAttribute(_ object: PyValue, _ name: String) throws(PyException) -> PyValue {
        if name == "__class__" { return pythonType(object) }
        if let v = try builtinMethod(object, name) { return v }
        if case .object(let o) = object, let v = try o.getAttribute(name, self) { return v }
        if case .object(let m as PyModule) = object {
            if let removal = m.removedAttributes[name] { throw PyException("AttributeError", removal) }
            throw PyException("AttributeError", "module '\(m.name)' has no attribute '\(name)'")
        }
        if case .object(let t as PyType) = object {
            throw PyException("AttributeError", "type object '\(t.name)' has no attribute '\(name)'")
        }
        if case .object(let c as PyClass) = object {
            throw PyException("AttributeError", "type object '\(c.name)' has no attribute '\(name)'")
        }
        if case .object(is PySuper) = object {
            throw PyException("AttributeError", "'super' object has no attribute '\(name)'")
        }
        throw PyException("AttributeError", "'\(object.typeName)' object has no attribute '\(name)'")
    }

    func setAttribute(_ object: PyValue, _ name: String, _ value: PyValue) throws(PyException) {
        guard case .object(let o) = object else {
            if try builtinMethod(object, name) != nil {
                throw PyException("AttributeError", "'\(object.typeName)' object attribute '\(name)' is read-only")
            }
            throw PyException("AttributeError", "'\(object.typeName)' object has no attribute '\(name)'")
        }
        try o.setAttribute(name, value, self)
    }

    func hasAttribute(_ object: PyValue, _ name: String) -> Bool {
        (try? getAttribute(object, name)) != nil
    }

    // MARK: items

    func getItem(_ object: PyValue, _ index: PyValue) throws(PyException) -> PyValue {
        switch object {
        case .list(let list):
            return try sequenceItem(list.items, index, kind: "list") { .list(PyList($0)) }
        case .tuple(let items):
            return try sequenceItem(items, index, kind: "tuple") { .tuple($0) }
        case .str(let s):
            let chars = s.map { PyValue.str(String($0)) }
            return try sequenceItem(chars, index, kind: "string") { parts in
                .str(parts.map { if case .str(let c) = $0 { return c } else { return "" } }.joined())
            }
        case .dict(let dict):
            if let v = try dict.get(index) { return v }
            throw try keyError(index)
        case .object(let o):
            return try o.getItem(index, self)
        default:
            throw PyException.typeError("'\(object.typeName)' object is not subscriptable")
        }
    }

    private func sequenceItem(_ items: [PyValue], _ index: PyValue, kind: String,
                              make: ([PyValue]) -> PyValue) throws(PyException) -> PyValue {
        if case .object(let o) = index, let s = o as? PySlice {
            return make(try s.positions(length: items.count, self).map { items[$0] })
        }
        if case .bigInt = index { throw PyException.indexError("cannot fit 'int' into an index-sized integer") }
        guard let i = try? self.index(index) else {
            throw PyException.typeError("\(kind) indices must be integers or slices, not \(index.typeName)")
        }
        let j = i < 0 ? i &+ items.count : i
        guard j >= 0 && j < items.count else { throw PyException.indexError("\(kind) index out of range") }
        return items[j]
    }

    func setItem(_ object: PyValue, _ index: PyValue, _ value: PyValue) throws(PyException) {
        switch object {
        case .list(let list):
            if case .object(let o) = index, let s = o as? PySlice {
                let (start, stop, step) = try s.indices(length: list.items.count, self)
                // bounded and interruptible: `a[:] = itertools.count()` ends in MemoryError
                let replacement = try collect(value)
                guard step == 1 else {
                    let positions = try s.positions(length: list.items.count, self)
                    guard positions.count == replacement.count else {
                        throw PyException.valueError(
                            "attempt to assign sequence of size \(replacement.count) to extended slice of size \(positions.count)")
                    }
                    for (p, v) in zip(positions, replacement) where p < list.items.count { list.items[p] = v }
                    return
                }
                // the bounds were computed before the new items were read, which may have run
                // Python code that changed the list
                let count = list.items.count
                let lower = min(max(start, 0), count)
                list.items.replaceSubrange(lower..<min(max(lower, stop), count), with: replacement)
                return
            }
            if case .bigInt = index { throw PyException.indexError("cannot fit 'int' into an index-sized integer") }
            guard let i = try? self.index(index) else {
                throw PyException.typeError("list indices must be integers or slices, not \(index.typeName)")
            }
            let j = i < 0 ? i &+ list.items.count : i
            guard j >= 0 && j < list.items.count else { throw PyException.indexError("list assignment index out of range") }
            list.items[j] = value
        case .dict(let dict):
            try dict.set(index, value)
        case .object(let o):
            try o.setItem(index, value, self)
        default:
            throw PyException.typeError("'\(object.typeName)' object does not support item assignment")
        }
    }

    func deleteItem(_ object: PyValue, _ index: PyValue) throws(PyException) {
        switch object {
        case .list(let list):
            if case .object(let o) = index, let s = o as? PySlice {
                let drop = Set(try s.positions(length: list.items.count, self))
                var keep: [PyValue] = []
                for (k, v) in list.items.enumerated() where !drop.contains(k) { keep.append(v) }
                list.items = keep
                return
            }
            let i = try self.index(index)
            let j = i < 0 ? i &+ list.items.count : i
            guard j >= 0 && j < list.items.count else { throw PyException.indexError("list assignment index out of range") }
            list.items.remove(at: j)
        case .dict(let dict):
            if try dict.remove(index) == nil { throw try keyError(index) }
        case .object(let o):
            try o.deleteItem(index, self)
        default:
            throw PyException.typeError("'\(object.typeName)' object doesn't support item deletion")
        }
    }

    // MARK: iteration and conversion

    func iterate(_ value: PyValue, unpacking: Bool = false) throws(PyException) -> PyIterator {
        switch value {
        case .list(let list):
            var i = 0
            return PyIterator(kind: "list_iterator") { () throws(PyException) -> PyValue? in
                guard i < list.items.count else { return nil }
                i += 1
                return list.items[i - 1]
            }
        case .tuple(let items):
            return PyIterator(kind: "tuple_iterator", values: items)
        case .str(let s):
            return PyIterator(kind: "str_ascii_iterator", values: s.map { .str(String($0)) })
        case .dict(let d):
            return PyIterator(kind: "dict_keyiterator", values: d.keys)
        case .object(let o):
            if let iterator = try o.makeIterator(self) { return iterator }
        default:
            break
        }
        if unpacking { throw PyException.typeError("cannot unpack non-iterable \(value.typeName) object") }
        throw PyException.typeError("'\(value.typeName)' object is not iterable")
    }

    /// All values of an iterable, in order.
    func collect(_ value: PyValue) throws(PyException) -> [PyValue] {
        switch value {
        case .list(let l): return l.items
        case .tuple(let t): return t
        default:
            // refuse what cannot fit before allocating (list(range(2**62))), and stop a
            // generator that never ends before it takes the machine's memory
            if case .object(let o) = value, let n = try o.length(self), n > Interpreter.maxSequenceLength {
                throw tooLong(n)
            }
            var out: [PyValue] = []
            let iterator = try iterate(value)
            while let v = try iterator.next() {
                try context.checkInterrupt()
                if out.count == Interpreter.maxSequenceLength { throw tooLong(nil) }
                out.append(v)
            }
            return out
        }
    }

    /// The MemoryError for a sequence longer than jaxlab holds.
    func tooLong(_ count: Int?) -> PyException {
        let size = count.map { "of \($0) items " } ?? ""
        return PyException.memoryError(
            "a sequence \(size)is longer than the \(Interpreter.maxSequenceLength) items jaxlab can hold")
    }

    func truth(_ value: PyValue) throws(PyException) -> Bool {
        switch value {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .bigInt(let b): return b != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .dict(let d): return d.count != 0
        case .object(let o): return try o.truth(self)
        }
    }

    /// The value as a Python index (`__index__`): ints, bools and integer arrays of size 1.
    func index(_ value: PyValue) throws(PyException) -> Int {
        switch value {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .bigInt:
            // an argument (`pop`, `insert`, `ljust`): subscripts raise IndexError instead
            throw PyException("OverflowError", "Python int too large to convert to C ssize_t")
        case .object(let o):
            if let i = try o.toIndex(self) { return i }
        default:
            break
        }
        throw PyException.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
    }

    /// A slice bound: a huge int is clamped, as CPython clamps it (`[1, 2][2**63:]` is `[]`).
    func sliceIndex(_ value: PyValue) throws(PyException) -> Int {
        if case .bigInt(let b) = value { return b.signum() < 0 ? -Int.max : Int.max }
        return try index(value)
    }

    func len(_ value: PyValue) throws(PyException) -> Int {
        switch value {
        case .str(let s): return s.count
        case .tuple(let t): return t.count
        case .list(let l): return l.items.count
        case .dict(let d): return d.count
        case .object(let o):
            if let n = try o.length(self) { return n }
        default:
            break
        }
        throw PyException.typeError("object of type '\(value.typeName)' has no len()")
    }
}
