import BigInt
import JaxCore

/// Python's operators on values: numbers, sequences, strings, and objects that implement them.
extension Interpreter {
    func binaryOperation(_ op: BinaryOperator, _ a: PyValue, _ b: PyValue) throws(PyException) -> PyValue {
        // a right operand of a subclass that overrides the reflected method goes first
        if case .object(let right as PyInstance) = b, right.cls.lookupOverride("__r\(op.dunder)__") != nil,
           pythonType(a).isStrictSuperclass(of: right.cls),
           let r = try right.binary(op, a, reflected: true, self) {
            return r
        }
        if case .object(let o) = a, let r = try o.binary(op, b, reflected: false, self) { return r }
        if case .object(let o) = b, let r = try o.binary(op, a, reflected: true, self) { return r }
        if let x = Numbers.Operand(a), let y = Numbers.Operand(b) {
            if case .bool(let p) = a, case .bool(let q) = b {
                switch op {
                case .and: return .bool(p && q)
                case .or: return .bool(p || q)
                case .xor: return .bool(p != q)
                default: break
                }
            }
            if let r = try Numbers.binary(op, x, y) { return r }
        }
        switch (op, a, b) {
        case (.add, .str(let x), .str(let y)):
            try checkStringSize(x.utf8.count, plus: y.utf8.count)
            return .str(x + y)
        case (.add, .list(let x), .list(let y)):
            try checkSequenceLength(x.items.count, plus: y.items.count)
            return .list(PyList(x.items + y.items))
        case (.add, .tuple(let x), .tuple(let y)):
            try checkSequenceLength(x.count, plus: y.count)
            return .tuple(x + y)
        case (.multiply, .str, _), (.multiply, .list, _), (.multiply, .tuple, _):
            if let n = try repeatCount(b) { return try repeatSequence(a, n) }
        case (.multiply, _, .str), (.multiply, _, .list), (.multiply, _, .tuple):
            if let n = try repeatCount(a) { return try repeatSequence(b, n) }
        case (.modulo, .str(let format), _):
            return .str(try percentFormat(format, b))
        case (.or, .dict(let x), .dict(let y)):
            let d = PyDict()
            for (k, v) in x.items { try d.set(k, v) }
            for (k, v) in y.items { try d.set(k, v) }
            return .dict(d)
        default:
            break
        }
        if (op == .multiply) && (isSequence(a) || isSequence(b)) {
            let other = isSequence(a) ? b : a
            throw PyException.typeError("can't multiply sequence by non-int of type '\(other.typeName)'")
        }
        if op == .add, case .str = a {
            throw PyException.typeError("can only concatenate str (not \"\(b.typeName)\") to str")
        }
        if op == .add, case .list = a {
            throw PyException.typeError("can only concatenate list (not \"\(b.typeName)\") to list")
        }
        if op == .add, case .tuple = a {
            throw PyException.typeError("can only concatenate tuple (not \"\(b.typeName)\") to tuple")
        }
        let symbol = op == .power ? "** or pow()" : op.rawValue
        throw PyException.typeError("unsupported operand type(s) for \(symbol): '\(a.typeName)' and '\(b.typeName)'")
    }

    private func isSequence(_ v: PyValue) -> Bool {
        switch v {
        case .str, .list, .tuple: return true
        default: return false
        }
    }

    private func repeatCount(_ v: PyValue) throws(PyException) -> Int? {
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .bigInt: throw PyException("OverflowError", "cannot fit 'int' into an index-sized integer")
        default: return nil
        }
    }

    private func repeatSequence(_ seq: PyValue, _ n: Int) throws(PyException) -> PyValue {
        let times = max(0, n)
        let length = (try? len(seq)) ?? 0
        if length > 0 && times > Interpreter.maxSequenceLength / length {
            throw PyException.memoryError("sequence of \(length) items repeated \(times) times is too large for jaxlab")
        }
        if case .str = seq {} else { try context.limits.reserve(length * times * MemoryLayout<PyValue>.stride, for: "a sequence of \(length * times) items") }
        switch seq {
        case .str(let s):
            try checkStringSize(0, plus: times, times: s.utf8.count)
            return .str(String(repeating: s, count: times))
        case .list(let l):
            var out: [PyValue] = []
            for _ in 0..<times { out += l.items }
            return .list(PyList(out))
        case .tuple(let t):
            var out: [PyValue] = []
            for _ in 0..<times { out += t }
            return .tuple(out)
        default:
            return seq
        }
    }

    func unaryOperation(_ op: UnaryOperator, _ v: PyValue) throws(PyException) -> PyValue {
        if case .object(let o) = v, let r = try o.unary(op, self) { return r }
        switch (op, v) {
        case (.negative, .bool(let b)): return .int(b ? -1 : 0)
        case (.negative, .int(let i)): return i == Int.min ? .int(-BigInt(i)) : .int(-i)
        case (.negative, .bigInt(let b)): return .int(-b)
        case (.negative, .float(let d)): return .float(-d)
        case (.positive, .bool(let b)): return .int(b ? 1 : 0)
        case (.positive, .int), (.positive, .bigInt), (.positive, .float): return v
        case (.invert, .bool(let b)): return .int(b ? -2 : -1)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bigInt(let b)): return .int(-b - 1)
        default:
            let name = op == .negative ? "unary -" : (op == .positive ? "unary +" : "unary ~")
            throw PyException.typeError("bad operand type for \(name): '\(v.typeName)'")
        }
    }

    func compare(_ op: CompareOperator, _ a: PyValue, _ b: PyValue) throws(PyException) -> PyValue {
        switch op {
        case .is: return .bool(identical(a, b))
        case .isNot: return .bool(!identical(a, b))
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        default: break
        }
        if case .object(let o) = a, let r = try o.compare(op, b, reflected: false, self) { return r }
        if case .object(let o) = b, let r = try o.compare(op.swapped, a, reflected: true, self) { return r }
        if op == .equal { return .bool(try valuesEqual(a, b)) }
        if op == .notEqual { return .bool(!(try valuesEqual(a, b))) }
        guard let order = try ordering(a, b, op) else { return .bool(false) }
        switch op {
        case .less: return .bool(order < 0)
        case .lessEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    /// -1, 0 or 1, or nil for unordered (NaN); TypeError for types that do not order.
    func ordering(_ a: PyValue, _ b: PyValue, _ op: CompareOperator = .less) throws(PyException) -> Int? {
        if let x = Numbers.Operand(a), let y = Numbers.Operand(b) { return Numbers.compare(x, y) }
        switch (a, b) {
        case (.str(let x), .str(let y)):
            let xs = Array(x.unicodeScalars).map(\.value)
            let ys = Array(y.unicodeScalars).map(\.value)
            return xs.lexicographicallyPrecedes(ys) ? -1 : (xs == ys ? 0 : 1)
        case (.list(let x), .list(let y)):
            return try sequenceOrdering(x.items, y.items, op)
        case (.tuple(let x), .tuple(let y)):
            return try sequenceOrdering(x, y, op)
        default:
            if case .object(let o) = a, let r = try o.compare(op, b, reflected: false, self) {
                return try truth(r) ? -1 : 1
            }
            throw PyException.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    private func sequenceOrdering(_ x: [PyValue], _ y: [PyValue], _ op: CompareOperator) throws(PyException) -> Int? {
        try enterNesting("in comparison")
        defer { nestingDepth -= 1 }
        for (p, q) in zip(x, y) where try !valuesEqual(p, q) {
            return try ordering(p, q, op)
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    func identical(_ a: PyValue, _ b: PyValue) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.tuple(let x), .tuple(let y)): return x.isEmpty && y.isEmpty
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y || (x is PyEllipsis && y is PyEllipsis)
        default: return false
        }
    }

    /// Counts one level of recursion over nested data (comparing, hashing, converting), raising
    /// RecursionError as Python does instead of exhausting the stack.
    func enterNesting(_ what: String) throws(PyException) {
        nestingDepth += 1
        if nestingDepth > Interpreter.recursionLimit {
            nestingDepth = 0
            throw PyException("RecursionError", "maximum recursion depth exceeded \(what)")
        }
    }

    /// Identity or equality, as containers compare members.
    func sameOrEqual(_ a: PyValue, _ b: PyValue) throws(PyException) -> Bool {
        if identical(a, b) { return true }
        return try valuesEqual(a, b)
    }

    /// `a == b` as a Python bool (identity first, as containers do).
    func valuesEqual(_ a: PyValue, _ b: PyValue) throws(PyException) -> Bool {
        if let x = Numbers.Operand(a), let y = Numbers.Operand(b) { return Numbers.compare(x, y) == 0 }
        switch (a, b) {
        case (.none, .none): return true
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)):
            if x === y { return true }
            return try sequencesEqual(x.items, y.items)
        case (.tuple(let x), .tuple(let y)):
            return try sequencesEqual(x, y)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for (k, v) in x.items {
                guard let w = try y.get(k), try valuesEqual(v, w) else { return false }
            }
            return true
        case (.object(let x), _):
            if case .object(let y) = b, x === y { return true }
            if let r = try x.compare(.equal, b, reflected: false, self) { return try truth(r) }
            if case .object(let y) = b, let r = try y.compare(.equal, a, reflected: true, self) { return try truth(r) }
            return identical(a, b)
        case (_, .object(let y)):
            if let r = try y.compare(.equal, a, reflected: true, self) { return try truth(r) }
            return false
        default:
            return false
        }
    }

    private func sequencesEqual(_ x: [PyValue], _ y: [PyValue]) throws(PyException) -> Bool {
        try enterNesting("in comparison")
        defer { nestingDepth -= 1 }
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where !identical(p, q) {
            if try !valuesEqual(p, q) { return false }
        }
        return true
    }

    /// `item in container`.
    func contains(_ container: PyValue, _ item: PyValue) throws(PyException) -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw PyException.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .dict(let d):
            return try d.get(item) != nil
        case .list(let l):
            for v in l.items where try sameOrEqual(v, item) { return true }
            return false
        case .tuple(let t):
            for v in t where try sameOrEqual(v, item) { return true }
            return false
        case .object(let o):
            if let found = try o.containsItem(item, self) { return found }
            if let r = o as? PyRange, case .int(let i) = item {
                let n = r.count
                guard n > 0 else { return false }
                let offset = i &- r.start
                return offset % r.step == 0 && offset / r.step >= 0 && offset / r.step < n
            }
            guard let iterator = try o.makeIterator(self) else {
                throw PyException.typeError("argument of type '\(container.typeName)' is not iterable")
            }
            while let v = try iterator.next() {
                try context.checkInterrupt()
                if try sameOrEqual(v, item) { return true }
            }
            return false
        default:
            throw PyException.typeError("argument of type '\(container.typeName)' is not iterable")
        }
    }
}

extension PyValue {
    /// Whether this value is a class that `cls` derives from, and not `cls` itself.
    func isStrictSuperclass(of cls: PyClass) -> Bool {
        guard case .object(let o) = self, o !== cls else { return false }
        return cls.isSubclass(of: o)
    }
}

extension CompareOperator {
    /// The operator with its operands exchanged (`a < b` is `b > a`).
    var swapped: CompareOperator {
        switch self {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return self
        }
    }
}
