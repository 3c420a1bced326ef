import JaxCore

/// Expression evaluation and assignment targets.
extension Interpreter {
    func eval(_ e: Expr, _ scope: Scope) throws(PyException) -> PyValue {
        switch e.kind {
        case .name(let n):
            return try lookup(n, scope)
        case .constant(let v):
            return v
        case .fstring(let parts):
            return .str(try formatParts(parts, scope))
        case .unary(let op, let operand):
            let v = try eval(operand, scope)
            if op == .not { return .bool(!(try truth(v))) }
            return try unaryOperation(op, v)
        case .binary(let op, let l, let r):
            let left = try eval(l, scope)
            let right = try eval(r, scope)
            return try binaryOperation(op, left, right)
        case .and(let items):
            var value: PyValue = .none
            for item in items {
                value = try eval(item, scope)
                if try !truth(value) { return value }
            }
            return value
        case .or(let items):
            var value: PyValue = .none
            for item in items {
                value = try eval(item, scope)
                if try truth(value) { return value }
            }
            return value
        case .compare(let first, let rest):
            var left = try eval(first, scope)
            var result: PyValue = .bool(true)
            for (op, rightExpr) in rest {
                let right = try eval(rightExpr, scope)
                result = try compare(op, left, right)
                if rest.count > 1, try !truth(result) { return result }
                left = right
            }
            return result
        case .conditional(let test, let body, let orElse):
            return try eval(try truth(try eval(test, scope)) ? body : orElse, scope)
        case .lambda(let code):
            return try makeFunction(code, scope)
        case .call(let calleeExpr, let argExprs):
            let callee = try eval(calleeExpr, scope)
            let args = try evalArguments(argExprs, scope)
            return try call(callee, args)
        case .attribute(let objectExpr, let name):
            return try getAttribute(try eval(objectExpr, scope), name)
        case .subscription(let objectExpr, let indexExpr):
            let object = try eval(objectExpr, scope)
            let index = try eval(indexExpr, scope)
            return try getItem(object, index)
        case .slice(let a, let b, let c):
            func part(_ x: Expr?) throws(PyException) -> PyValue { try x.map { (x: Expr) throws(PyException) in try eval(x, scope) } ?? .none }
            return .object(PySlice(try part(a), try part(b), try part(c)))
        case .tuple(let items):
            return .tuple(try evalItems(items, scope))
        case .list(let items):
            return .list(PyList(try evalItems(items, scope)))
        case .set(let items):
            let values = try evalItems(items, scope)
            if items.count >= 3 && items.allSatisfy(\.isConstant) {
                // CPython's compiler folds a display of three or more constants into a frozenset
                // (built in source order, then rebuilt in that set's order when constants are
                // merged) and copies it into the new set: the members can print in another order
                let folded = PySet(frozen: true)
                for v in values { try folded.insert(v, self) }
                let merged = PySet(frozen: true)
                for v in folded.members { try merged.insert(v, self) }
                return .object(try merged.copied(frozen: false, self))
            }
            return try makeSet(values)
        case .dict(let entries):
            let dict = PyDict()
            for (keyExpr, valueExpr) in entries {
                if let keyExpr {
                    let key = try eval(keyExpr, scope)
                    try dict.set(key, try eval(valueExpr, scope))
                } else {
                    let mapping = try eval(valueExpr, scope)
                    guard let other = asDict(mapping) else {
                        throw PyException.typeError("'\(mapping.typeName)' object is not a mapping")
                    }
                    for (k, v) in other.items { try dict.set(k, v) }
                }
            }
            return .dict(dict)
        case .starred:
            throw PyException("SyntaxError", "can't use starred expression here")
        case .listComprehension(let element, let clauses):
            var out: [PyValue] = []
            try comprehend(clauses, scope) { (inner: Scope) throws(PyException) in out.append(try eval(element, inner)) }
            return .list(PyList(out))
        case .setComprehension(let element, let clauses):
            var out: [PyValue] = []
            try comprehend(clauses, scope) { (inner: Scope) throws(PyException) in out.append(try eval(element, inner)) }
            return try makeSet(out)
        case .generator(let element, let clauses):
            return .object(try generatorExpression(element, clauses, scope))
        case .yield, .yieldFrom:
            // the parser admits `yield` only where a generator's executor runs it
            throw PyException("SyntaxError", "'yield' outside function")
        case .dictComprehension(let keyExpr, let valueExpr, let clauses):
            let dict = PyDict()
            try comprehend(clauses, scope) { (inner: Scope) throws(PyException) in
                let key = try eval(keyExpr, inner)
                try dict.set(key, try eval(valueExpr, inner))
            }
            return .dict(dict)
        case .namedExpr(let name, let valueExpr):
            let value = try eval(valueExpr, scope)
            var target = scope
            while isComprehensionScope(target), let parent = target.parent { target = parent }
            try store(name, value, target)
            return value
        }
    }

    private func isComprehensionScope(_ scope: Scope) -> Bool { scope.values["<comprehension>"] != nil }

    func evalItems(_ items: [Expr], _ scope: Scope) throws(PyException) -> [PyValue] {
        var out: [PyValue] = []
        out.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                out += try collect(try eval(inner, scope))
            } else {
                out.append(try eval(item, scope))
            }
        }
        return out
    }

    func evalArguments(_ argExprs: [Argument], _ scope: Scope) throws(PyException) -> Arguments {
        var args = Arguments()
        for arg in argExprs {
            switch arg {
            case .positional(let e):
                args.positional.append(try eval(e, scope))
            case .star(let e):
                args.positional.append(contentsOf: try collect(try eval(e, scope)))
            case .keyword(let name, let e):
                args.keywords.append((name, try eval(e, scope)))
            case .doubleStar(let e):
                let mapping = try eval(e, scope)
                guard let d = asDict(mapping) else {
                    throw PyException.typeError("argument after ** must be a mapping, not \(mapping.typeName)")
                }
                for (k, v) in d.items {
                    guard case .str(let name) = k else { throw PyException.typeError("keywords must be strings") }
                    args.keywords.append((name, v))
                }
            }
        }
        return args
    }

    /// Runs the clauses of a comprehension in its own scope, calling `body` for each element.
    func comprehend(_ clauses: [Comprehension], _ scope: Scope,
                    _ body: (Scope) throws(PyException) -> Void) throws(PyException) {
        let inner = comprehensionScope(clauses, scope)
        // the first iterable is evaluated in the enclosing scope, as in Python
        let first = try iterate(try eval(clauses[0].iterable, scope))
        try runClause(0, clauses, inner, first, body)
    }

    /// The scope a comprehension's loop variables live in.
    private func comprehensionScope(_ clauses: [Comprehension], _ scope: Scope) -> Scope {
        var names: Set<String> = ["<comprehension>"]
        var scanner = ScopeScanner()
        for clause in clauses {
            scanner.visit(Stmt(kind: .assign([clause.target], clause.target), position: clause.target.position))
        }
        names.formUnion(scanner.assigned)
        let inner = Scope(parent: scope, locals: names)
        inner.values["<comprehension>"] = PyValue.none
        inner.classCell = scope.classCell
        return inner
    }

    /// `(expr for x in xs if c)`: a lazy iterator that runs the clauses one element at a time;
    /// only the first iterable is evaluated at once, as in Python.
    func generatorExpression(_ element: Expr, _ clauses: [Comprehension], _ scope: Scope) throws(PyException) -> PyIterator {
        let inner = comprehensionScope(clauses, scope)
        var iterators = [try iterate(try eval(clauses[0].iterable, scope))]
        return PyGeneratorExpression { [unowned self] () throws(PyException) -> PyValue? in
            while let top = iterators.last {
                try self.context.checkInterrupt()
                guard let item = try top.next() else {
                    iterators.removeLast()
                    continue
                }
                let level = iterators.count - 1
                let clause = clauses[level]
                try self.assign(clause.target, item, inner)
                var keep = true
                for condition in clause.conditions where try !self.truth(try self.eval(condition, inner)) {
                    keep = false
                    break
                }
                if !keep { continue }
                if level + 1 < clauses.count {
                    iterators.append(try self.iterate(try self.eval(clauses[level + 1].iterable, inner)))
                    continue
                }
                return try self.eval(element, inner)
            }
            return nil
        }
    }

    private func runClause(_ i: Int, _ clauses: [Comprehension], _ scope: Scope, _ iterator: PyIterator,
                           _ body: (Scope) throws(PyException) -> Void) throws(PyException) {
        let clause = clauses[i]
        outer: while let item = try iterator.next() {
            try context.checkInterrupt()
            try assign(clause.target, item, scope)
            for condition in clause.conditions where try !truth(try eval(condition, scope)) { continue outer }
            if i + 1 < clauses.count {
                try runClause(i + 1, clauses, scope, try iterate(try eval(clauses[i + 1].iterable, scope)), body)
            } else {
                try body(scope)
            }
        }
    }

    // MARK: assignment

    func assign(_ target: Expr, _ value: PyValue, _ scope: Scope) throws(PyException) {
        switch target.kind {
        case .name(let n):
            try store(n, value, scope)
        case .attribute(let objectExpr, let name):
            try setAttribute(try eval(objectExpr, scope), name, value)
        case .subscription(let objectExpr, let indexExpr):
            let object = try eval(objectExpr, scope)
            try setItem(object, try eval(indexExpr, scope), value)
        case .tuple(let targets), .list(let targets):
            try unpack(targets, value, scope)
        case .starred:
            throw PyException("SyntaxError", "starred assignment target must be in a list or tuple")
        default:
            throw PyException("SyntaxError", "cannot assign to expression")
        }
    }

    private func unpack(_ targets: [Expr], _ value: PyValue, _ scope: Scope) throws(PyException) {
        var items: [PyValue] = []
        let iterator = try iterate(value, unpacking: true)
        let starIndex = targets.firstIndex { if case .starred = $0.kind { return true } else { return false } }
        while let v = try iterator.next() {
            try context.checkInterrupt()
            items.append(v)
            // as CPython: without a starred target, one value too many is enough to fail
            // (`a, b = itertools.count()` ends at once)
            if starIndex == nil && items.count > targets.count { break }
            if items.count > Interpreter.maxSequenceLength { throw tooLong(nil) }
        }
        guard let starIndex else {
            if items.count > targets.count {
                throw PyException.valueError("too many values to unpack (expected \(targets.count))")
            }
            if items.count < targets.count {
                throw PyException.valueError("not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            for (t, v) in zip(targets, items) { try assign(t, v, scope) }
            return
        }
        let after = targets.count - starIndex - 1
        if items.count < targets.count - 1 {
            throw PyException.valueError("not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
        }
        for i in 0..<starIndex { try assign(targets[i], items[i], scope) }
        if case .starred(let inner) = targets[starIndex].kind {
            try assign(inner, .list(PyList(Array(items[starIndex..<(items.count - after)]))), scope)
        }
        for i in 0..<after { try assign(targets[starIndex + 1 + i], items[items.count - after + i], scope) }
    }

    func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr, _ scope: Scope) throws(PyException) {
        switch target.kind {
        case .name(let n):
            let current = try lookup(n, scope)
            let result = try inPlaceOperation(op, current, try eval(valueExpr, scope))
            try context.checkInterrupt()
            try store(n, result, scope)
        case .attribute(let objectExpr, let name):
            let object = try eval(objectExpr, scope)
            let current = try getAttribute(object, name)
            let value = try eval(valueExpr, scope)
            try setAttribute(object, name, try inPlaceOperation(op, current, value))
        case .subscription(let objectExpr, let indexExpr):
            let object = try eval(objectExpr, scope)
            let index = try eval(indexExpr, scope)
            let current = try getItem(object, index)
            let value = try eval(valueExpr, scope)
            try setItem(object, index, try inPlaceOperation(op, current, value))
        default:
            throw PyException("SyntaxError", "illegal expression for augmented assignment")
        }
    }

    /// `a op= b`: lists extend in place (`+=`); arrays in NumPy mode update in place; else `a op b`.
    func inPlaceOperation(_ op: BinaryOperator, _ current: PyValue, _ value: PyValue) throws(PyException) -> PyValue {
        if op == .add, case .list(let list) = current {
            // collected first: `c += c` must add the items c had, not chase its own growth
            try extend(list, with: try collect(value))
            return current
        }
        if case .object(let o) = current, let inPlace = o as? InPlaceUpdatable {
            if let result = try inPlace.inPlace(op, value, self) { return result }
        }
        if case .object(let instance as PyInstance) = current {
            if let result = try instanceInPlace(instance, op, value) { return result }
            if op == .add, instance.cls.lookupOverride("__add__") == nil, case .list(let list)? = instance.base {
                try extend(list, with: try collect(value))
                return current
            }
        }
        return try binaryOperation(op, current, value)
    }

    func delete(_ target: Expr, _ scope: Scope) throws(PyException) {
        switch target.kind {
        case .name(let n):
            try unbind(n, scope)
        case .subscription(let objectExpr, let indexExpr):
            let object = try eval(objectExpr, scope)
            let index = try eval(indexExpr, scope)
            try deleteItem(object, index)
        case .tuple(let items), .list(let items):
            for item in items { try delete(item, scope) }
        case .attribute(let objectExpr, let name):
            try deleteAttribute(try eval(objectExpr, scope), name)
        default:
            throw PyException("SyntaxError", "cannot delete expression")
        }
    }

    // MARK: f-strings

    func formatParts(_ parts: [FStringPart], _ scope: Scope) throws(PyException) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s):
                out += s
            case .field(let valueExpr, let conversion, let specParts, let debugText):
                if let debugText { out += debugText }
                let value = try eval(valueExpr, scope)
                let spec = try specParts.map { (p: [FStringPart]) throws(PyException) in try formatParts(p, scope) } ?? ""
                switch conversion {
                case "r": out += try formatValue(.str(try repr(value)), spec)
                case "s": out += try formatValue(.str(try str(value)), spec)
                case "a": out += try formatValue(.str(try repr(value)), spec)
                default: out += try formatValue(value, spec)
                }
            }
        }
        return out
    }
}

extension Expr {
    /// A literal, or what CPython's compiler folds into one (`-1`, `(1, 'a')`).
    var isConstant: Bool {
        switch kind {
        case .constant: return true
        case .unary(let op, let operand): return op != .not && operand.isConstant
        case .tuple(let items): return items.allSatisfy(\.isConstant)
        default: return false
        }
    }
}

/// An object that updates itself for `x op= y` (NumPy arrays); nil falls back to `x op y`.
protocol InPlaceUpdatable {
    func inPlace(_ op: BinaryOperator, _ value: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue?
}
