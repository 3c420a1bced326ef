import JaxCore

/// `itertools`: the common lazy iterators (`count`, `cycle`, `repeat`, `chain`, `islice`,
/// `product`, `permutations`, `combinations`, `accumulate`, `groupby`, `zip_longest`, ...).
enum ItertoolsModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("itertools")
        m.define("count") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("count", ["start", "step"])
            var current = slots[0] ?? .int(0)
            let step = slots[1] ?? .int(1)
            return .object(PyIterator(kind: "itertools.count") { () throws(PyException) -> PyValue? in
                let value = current
                current = try interp.binaryOperation(.add, current, step)
                return value
            })
        }
        m.define("cycle") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cycle", ["iterable"], required: 1, positionalOnly: 1)
            let source = try interp.iterate(slots[0] ?? .none)
            var saved: [PyValue] = []
            var exhausted = false
            var i = 0
            return .object(PyIterator(kind: "itertools.cycle") { () throws(PyException) -> PyValue? in
                if !exhausted {
                    if let v = try source.next() {
                        saved.append(v)
                        return v
                    }
                    exhausted = true
                }
                guard !saved.isEmpty else { return nil }
                defer { i = (i + 1) % saved.count }
                return saved[i]
            })
        }
        m.define("repeat") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("repeat", ["object", "times"], required: 1)
            let value = slots[0] ?? .none
            var remaining = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) }
            return .object(PyIterator(kind: "itertools.repeat") { () throws(PyException) -> PyValue? in
                if let r = remaining {
                    if r <= 0 { return nil }
                    remaining = r - 1
                }
                return value
            })
        }
        let chain = PyType("itertools.chain", isInstance: { _ in false }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if !args.keywords.isEmpty { throw PyException.typeError("chain() takes no keyword arguments") }
            return .object(chained(interp, PyIterator(kind: "tuple_iterator", values: args.positional)))
        })
        chain.attributes["from_iterable"] = .object(PyBuiltin("from_iterable", module: "itertools") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("from_iterable", ["iterable"], required: 1, positionalOnly: 1)
            return .object(chained(interp, try interp.iterate(slots[0] ?? .none)))
        })
        m.attributes["chain"] = .object(chain)
        m.define("islice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard (2...4).contains(args.positional.count) else {
                throw PyException.typeError("islice expected at most 4 arguments, got \(args.positional.count)")
            }
            let source = try interp.iterate(args.positional[0])
            func bound(_ v: PyValue, _ what: String) throws(PyException) -> Int? {
                if v.isNone { return nil }
                guard let i = try? interp.index(v), i >= 0 else {
                    throw PyException.valueError("\(what) argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
                }
                return i
            }
            var start = 0
            var stop: Int?
            var step = 1
            if args.positional.count == 2 {
                stop = try bound(args.positional[1], "Stop")
            } else {
                start = try bound(args.positional[1], "Indices") ?? 0
                stop = try bound(args.positional[2], "Stop")
                if args.positional.count == 4 { step = try bound(args.positional[3], "Step") ?? 1 }
                if step == 0 { throw PyException.valueError("Step for islice() must be a positive integer or None.") }
            }
            var position = 0
            var nextWanted = start
            return .object(PyIterator(kind: "itertools.islice") { () throws(PyException) -> PyValue? in
                while true {
                    if let stop, nextWanted >= stop { return nil }
                    guard let v = try source.next() else { return nil }
                    position += 1
                    if position - 1 == nextWanted {
                        let (next, overflow) = nextWanted.addingReportingOverflow(step)
                        // past Int.max nothing more can be wanted: end after this item
                        nextWanted = overflow ? Int.max : next
                        if overflow { stop = min(stop ?? Int.max, position) }
                        return v
                    }
                }
            })
        }
        m.define("product") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let repeatCount = try args.keyword("repeat").map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1
            var pools: [[PyValue]] = []
            for v in args.positional { pools.append(try interp.collect(v)) }
            if repeatCount < 0 { throw PyException.valueError("repeat argument cannot be negative") }
            if pools.count > 0 && repeatCount > Interpreter.maxSequenceLength / pools.count {
                throw PyException.memoryError("product too large for jaxlab")
            }
            pools = Array([[[PyValue]]](repeating: pools, count: repeatCount).joined())
            var results: [[PyValue]] = [[]]
            for pool in pools {
                var next: [[PyValue]] = []
                for r in results {
                    for item in pool {
                        next.append(r + [item])
                        if next.count > Interpreter.maxSequenceLength { throw PyException.memoryError("product too large for jaxlab") }
                    }
                }
                results = next
            }
            return .object(PyIterator(kind: "itertools.product", values: results.map { .tuple($0) }))
        }
        m.define("permutations") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("permutations", ["iterable", "r"], required: 1)
            let pool = try interp.collect(slots[0] ?? .none)
            let r = try slots[1].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) } ?? pool.count
            if r < 0 { throw PyException.valueError("r must be non-negative") }
            return .object(selections(pool, r, kind: "itertools.permutations", ordered: true, replacement: false))
        }
        m.define("combinations") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("combinations", ["iterable", "r"], required: 2)
            let r = try interp.index(slots[1] ?? .none)
            if r < 0 { throw PyException.valueError("r must be non-negative") }
            return .object(selections(try interp.collect(slots[0] ?? .none), r, kind: "itertools.combinations", ordered: false, replacement: false))
        }
        m.define("combinations_with_replacement") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("combinations_with_replacement", ["iterable", "r"], required: 2)
            let r = try interp.index(slots[1] ?? .none)
            if r < 0 { throw PyException.valueError("r must be non-negative") }
            if r > Interpreter.maxSequenceLength { throw PyException.memoryError("combinations of \(r) items are too large for jaxlab") }
            return .object(selections(try interp.collect(slots[0] ?? .none), r, kind: "itertools.combinations_with_replacement",
                                      ordered: false, replacement: true))
        }
        m.define("accumulate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("accumulate", ["iterable", "func", "initial"], required: 1)
            let source = try interp.iterate(slots[0] ?? .none)
            let function = slots[1] ?? .none
            var total: PyValue? = slots[2].flatMap { $0.isNone ? nil : $0 }
            var pendingInitial = total != nil
            return .object(PyIterator(kind: "itertools.accumulate") { () throws(PyException) -> PyValue? in
                if pendingInitial {
                    pendingInitial = false
                    return total
                }
                guard let v = try source.next() else { return nil }
                if let current = total {
                    total = function.isNone ? try interp.binaryOperation(.add, current, v) : try interp.call(function, Arguments([current, v]))
                } else {
                    total = v
                }
                return total
            })
        }
        m.define("groupby") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("groupby", ["iterable", "key"], required: 1)
            let items = try interp.collect(slots[0] ?? .none)
            let key = slots[1] ?? .none
            var groups: [PyValue] = []
            var currentKey: PyValue?
            var members: [PyValue] = []
            for item in items {
                let k = key.isNone ? item : try interp.call(key, Arguments([item]))
                if let c = currentKey, try interp.valuesEqual(c, k) {
                    members.append(item)
                } else {
                    if let c = currentKey { groups.append(.tuple([c, .object(PyIterator(kind: "itertools._grouper", values: members))])) }
                    currentKey = k
                    members = [item]
                }
            }
            if let c = currentKey { groups.append(.tuple([c, .object(PyIterator(kind: "itertools._grouper", values: members))])) }
            return .object(PyIterator(kind: "itertools.groupby", values: groups))
        }
        m.define("zip_longest") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let fill = args.keyword("fillvalue") ?? .none
            var iterators: [PyIterator?] = []
            for v in args.positional { iterators.append(try interp.iterate(v)) }
            return .object(PyIterator(kind: "itertools.zip_longest") { () throws(PyException) -> PyValue? in
                guard iterators.contains(where: { $0 != nil }) else { return nil }
                var row: [PyValue] = []
                for i in iterators.indices {
                    if let it = iterators[i], let v = try it.next() {
                        row.append(v)
                    } else {
                        iterators[i] = nil
                        row.append(fill)
                    }
                }
                return iterators.contains(where: { $0 != nil }) ? .tuple(row) : nil
            })
        }
        m.define("starmap") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("starmap", ["function", "iterable"], required: 2, positionalOnly: 2)
            let source = try interp.iterate(slots[1] ?? .none)
            return .object(PyIterator(kind: "itertools.starmap") { () throws(PyException) -> PyValue? in
                guard let v = try source.next() else { return nil }
                return try interp.call(slots[0] ?? .none, Arguments(try interp.collect(v)))
            })
        }
        for name in ["takewhile", "dropwhile", "filterfalse"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["predicate", "iterable"], required: 2, positionalOnly: 2)
                let predicate = slots[0] ?? .none
                let source = try interp.iterate(slots[1] ?? .none)
                var switched = false
                return .object(PyIterator(kind: "itertools.\(name)") { () throws(PyException) -> PyValue? in
                    while let v = try source.next() {
                        try interp.context.checkInterrupt()
                        let test = predicate.isNone ? try interp.truth(v) : try interp.truth(try interp.call(predicate, Arguments([v])))
                        switch name {
                        case "takewhile":
                            if switched || !test {
                                switched = true
                                return nil
                            }
                            return v
                        case "dropwhile":
                            if switched || !test {
                                switched = true
                                return v
                            }
                        default:
                            if !test { return v }
                        }
                    }
                    return nil
                })
            }
        }
        m.define("compress") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("compress", ["data", "selectors"], required: 2)
            let data = try interp.iterate(slots[0] ?? .none)
            let selectors = try interp.iterate(slots[1] ?? .none)
            return .object(PyIterator(kind: "itertools.compress") { () throws(PyException) -> PyValue? in
                while let v = try data.next() {
                    try interp.context.checkInterrupt()
                    guard let s = try selectors.next() else { return nil }
                    if try interp.truth(s) { return v }
                }
                return nil
            })
        }
        m.define("pairwise") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pairwise", ["iterable"], required: 1, positionalOnly: 1)
            let source = try interp.iterate(slots[0] ?? .none)
            var previous: PyValue?
            return .object(PyIterator(kind: "itertools.pairwise") { () throws(PyException) -> PyValue? in
                if previous == nil { previous = try source.next() }
                guard let a = previous, let b = try source.next() else { return nil }
                previous = b
                return .tuple([a, b])
            })
        }
        m.define("tee") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tee", ["iterable", "n"], required: 1, positionalOnly: 2)
            let n = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 2
            if n < 0 { throw PyException.valueError("n must be >= 0") }
            if n > Interpreter.maxSequenceLength { throw PyException.memoryError("tee of \(n) iterators is too large for jaxlab") }
            let items = try interp.collect(slots[0] ?? .none)
            return .tuple((0..<n).map { _ in .object(PyIterator(kind: "itertools._tee", values: items)) })
        }
        return m
    }

    private static func chained(_ interp: Interpreter, _ sources: PyIterator) -> PyIterator {
        var current: PyIterator?
        return PyIterator(kind: "itertools.chain") { () throws(PyException) -> PyValue? in
            while true {
                if let c = current, let v = try c.next() { return v }
                guard let nextSource = try sources.next() else { return nil }
                current = try interp.iterate(nextSource)
            }
        }
    }

    /// Permutations and combinations of `r` items of `pool`, in itertools' order.
    private static func selections(_ pool: [PyValue], _ r: Int, kind: String, ordered: Bool, replacement: Bool) -> PyIterator {
        let n = pool.count
        var indices: [Int]? = nil
        var started = false
        var used: [Bool] = []
        return PyIterator(kind: kind) { () throws(PyException) -> PyValue? in
            if !started {
                started = true
                if r > n && !replacement { return nil }
                if replacement && n == 0 && r > 0 { return nil }
                if ordered {
                    indices = Array(0..<r)
                    used = (0..<n).map { $0 < r }
                } else {
                    indices = replacement ? [Int](repeating: 0, count: r) : Array(0..<r)
                }
                return .tuple((indices ?? []).map { pool[$0] })
            }
            guard var idx = indices else { return nil }
            if ordered {
                // next permutation in lexicographic order of index tuples, without repeats
                var i = r - 1
                while i >= 0 {
                    used[idx[i]] = false
                    var candidate = idx[i] + 1
                    while candidate < n && used[candidate] { candidate += 1 }
                    if candidate < n {
                        idx[i] = candidate
                        used[candidate] = true
                        var fill = 0
                        for j in (i + 1)..<max(i + 1, r) {
                            while used[fill] { fill += 1 }
                            idx[j] = fill
                            used[fill] = true
                        }
                        indices = idx
                        return .tuple(idx.map { pool[$0] })
                    }
                    i -= 1
                }
                indices = nil
                return nil
            }
            var i = r - 1
            while i >= 0 && idx[i] == (replacement ? n - 1 : i + n - r) { i -= 1 }
            if i < 0 {
                indices = nil
                return nil
            }
            idx[i] += 1
            for j in (i + 1)..<max(i + 1, r) { idx[j] = replacement ? idx[i] : idx[j - 1] + 1 }
            indices = idx
            return .tuple(idx.map { pool[$0] })
        }
    }
}
