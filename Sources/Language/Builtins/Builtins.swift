import BigInt
import Foundation
import JaxCore

/// The builtin functions (`print`, `len`, `sorted`, ...).
extension Interpreter {
    func defineBuiltin(_ name: String, _ body: @escaping PyBuiltin.Body) {
        builtins[name] = .object(PyBuiltin(name, body))
    }

    func installBuiltins() {
        installBuiltinTypes()
        builtins["Ellipsis"] = .object(PyEllipsis())
        defineBuiltin("print") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var sep = " "
            var end = "\n"
            var file = PyValue.none
            for (key, value) in args.keywords {
                switch key {
                case "sep": if !value.isNone { sep = try interp.requireString(value, "sep must be None or a string, not") }
                case "end": if !value.isNone { end = try interp.requireString(value, "end must be None or a string, not") }
                case "file": file = value
                case "flush": break
                default: throw PyException.typeError("'\(key)' is an invalid keyword argument for print()")
                }
            }
            var parts: [String] = []
            for v in args.positional { parts.append(try interp.str(v)) }
            if let last = args.positional.last { interp.lastPrinted = last }
            let text = parts.joined(separator: sep) + end
            switch file {
            case .none: interp.sink.write(text)
            case .object(let stream as PyStream): stream.write(text, interp)
            default: _ = try interp.callMethod(file, "write", Arguments([.str(text)]))
            }
            return .none
        }
        defineBuiltin("len") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("len", ["obj"], required: 1, positionalOnly: 1)
            return .int(try interp.len(slots[0] ?? .none))
        }
        defineBuiltin("repr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("repr", ["obj"], required: 1, positionalOnly: 1)
            return .str(try interp.repr(slots[0] ?? .none))
        }
        defineBuiltin("isinstance") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isinstance", ["obj", "class_or_tuple"], required: 2, positionalOnly: 2)
            return .bool(try interp.isInstance(slots[0] ?? .none, slots[1] ?? .none))
        }
        defineBuiltin("abs") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("abs", ["x"], required: 1, positionalOnly: 1)
            let x = slots[0] ?? .none
            switch x {
            case .bool(let b): return .int(b ? 1 : 0)
            case .int(let i): return i == Int.min ? .int(-BigInt(i)) : .int(abs(i))
            case .bigInt(let b): return .int(BigInt(b.magnitude))
            case .float(let d): return .float(abs(d))
            case .object(let o):
                if let v = try o.absolute(interp) { return v }
            default: break
            }
            throw PyException.typeError("bad operand type for abs(): '\(x.typeName)'")
        }
        defineBuiltin("min") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try interp.extreme("min", args, wantLess: true)
        }
        defineBuiltin("max") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try interp.extreme("max", args, wantLess: false)
        }
        defineBuiltin("sum") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("sum", ["iterable", "start"], required: 1, positionalOnly: 1)
            var total = slots[1] ?? .int(0)
            if case .str = total { throw PyException.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            let iterator = try interp.iterate(slots[0] ?? .none)
            while let v = try iterator.next() {
                try interp.context.checkInterrupt()
                total = try interp.binaryOperation(.add, total, v)
            }
            return total
        }
        defineBuiltin("round") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("round", ["number", "ndigits"], required: 1)
            return try interp.round(slots[0] ?? .none, slots[1] ?? .none)
        }
        defineBuiltin("enumerate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("enumerate", ["iterable", "start"], required: 1)
            let iterator = try interp.iterate(slots[0] ?? .none)
            // the counter is a Python int, so counting past Int.max promotes instead of trapping
            var i: PyValue = .int(try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0)
            return .object(PyIterator(kind: "enumerate") { () throws(PyException) -> PyValue? in
                guard let v = try iterator.next() else { return nil }
                let current = i
                i = try interp.binaryOperation(.add, i, .int(1))
                return .tuple([current, v])
            })
        }
        defineBuiltin("zip") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var iterators: [PyIterator] = []
            for v in args.positional { iterators.append(try interp.iterate(v)) }
            return .object(PyIterator(kind: "zip") { () throws(PyException) -> PyValue? in
                if iterators.isEmpty { return nil }
                var items: [PyValue] = []
                for it in iterators {
                    guard let v = try it.next() else { return nil }
                    items.append(v)
                }
                return .tuple(items)
            })
        }
        defineBuiltin("map") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count >= 2 else { throw PyException.typeError("map() must have at least two arguments.") }
            let function = args.positional[0]
            var iterators: [PyIterator] = []
            for v in args.positional.dropFirst() { iterators.append(try interp.iterate(v)) }
            return .object(PyIterator(kind: "map") { () throws(PyException) -> PyValue? in
                var items: [PyValue] = []
                for it in iterators {
                    guard let v = try it.next() else { return nil }
                    items.append(v)
                }
                return try interp.call(function, Arguments(items))
            })
        }
        defineBuiltin("filter") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("filter", ["function", "iterable"], required: 2, positionalOnly: 2)
            let function = slots[0] ?? .none
            let iterator = try interp.iterate(slots[1] ?? .none)
            return .object(PyIterator(kind: "filter") { () throws(PyException) -> PyValue? in
                while let v = try iterator.next() {
                    try interp.context.checkInterrupt()
                    let keep = function.isNone ? v : try interp.call(function, Arguments([v]))
                    if try interp.truth(keep) { return v }
                }
                return nil
            })
        }
        defineBuiltin("reversed") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reversed", ["sequence"], required: 1, positionalOnly: 1)
            let seq = slots[0] ?? .none
            switch seq {
            case .list, .tuple, .str, .object:
                if case .object(let o) = seq, !(o is PyRange), try o.length(interp) == nil {
                    throw PyException.typeError("'\(seq.typeName)' object is not reversible")
                }
                return .object(PyIterator(kind: seq.typeName == "list" ? "list_reverseiterator" : "reversed",
                                          values: try interp.collect(seq).reversed()))
            default:
                throw PyException.typeError("'\(seq.typeName)' object is not reversible")
            }
        }
        defineBuiltin("sorted") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count == 1 else {
                throw PyException.typeError("sorted expected 1 argument, got \(args.positional.count)")
            }
            var items = try interp.collect(args.positional[0])
            try interp.sort(&items, key: args.keyword("key") ?? .none, reverse: args.keyword("reverse") ?? .bool(false))
            return .list(PyList(items))
        }
        defineBuiltin("any") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("any", ["iterable"], required: 1, positionalOnly: 1)
            let iterator = try interp.iterate(slots[0] ?? .none)
            while let v = try iterator.next() {
                try interp.context.checkInterrupt()
                if try interp.truth(v) { return .bool(true) }
            }
            return .bool(false)
        }
        defineBuiltin("all") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("all", ["iterable"], required: 1, positionalOnly: 1)
            let iterator = try interp.iterate(slots[0] ?? .none)
            while let v = try iterator.next() {
                try interp.context.checkInterrupt()
                if try !interp.truth(v) { return .bool(false) }
            }
            return .bool(true)
        }
        defineBuiltin("hasattr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("hasattr", ["obj", "name"], required: 2, positionalOnly: 2)
            let name = try interp.attributeName(slots[1] ?? .none)
            return .bool(interp.hasAttribute(slots[0] ?? .none, name))
        }
        defineBuiltin("getattr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("getattr", ["object", "name", "default"], required: 2, positionalOnly: 3)
            let name = try interp.attributeName(slots[1] ?? .none)
            do throws(PyException) {
                return try interp.getAttribute(slots[0] ?? .none, name)
            } catch {
                if let fallback = slots[2], interp.exceptionIs(error, "AttributeError") { return fallback }
                throw error
            }
        }
        defineBuiltin("setattr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("setattr", ["obj", "name", "value"], required: 3, positionalOnly: 3)
            let name = try interp.attributeName(slots[1] ?? .none)
            try interp.setAttribute(slots[0] ?? .none, name, slots[2] ?? .none)
            return .none
        }
        defineBuiltin("callable") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("callable", ["obj"], required: 1, positionalOnly: 1)
            if case .object(let o)? = slots[0] { return .bool(o.isCallable) }
            return .bool(false)
        }
        defineBuiltin("id") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("id", ["obj"], required: 1, positionalOnly: 1)
            switch slots[0] ?? .none {
            case .object(let o): return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o))))
            case .list(let l): return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(l))))
            case .dict(let d): return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(d))))
            default: return .int(try interp.hashValue(slots[0] ?? .none) & 0xFFFF_FFFF_FFFF)
            }
        }
        defineBuiltin("hash") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("hash", ["obj"], required: 1, positionalOnly: 1)
            return .int(try interp.hashValue(slots[0] ?? .none))
        }
        defineBuiltin("iter") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("iter", ["object", "sentinel"], required: 1, positionalOnly: 2)
            let object = slots[0] ?? .none
            if let sentinel = slots[1] {
                guard case .object(let f) = object, f.isCallable else { throw PyException.typeError("iter(v, w): v must be callable") }
                return .object(PyIterator(kind: "callable_iterator") { () throws(PyException) -> PyValue? in
                    let v = try interp.call(object, Arguments())
                    return try interp.valuesEqual(v, sentinel) ? nil : v
                })
            }
            switch object {
            case .object(let it as PyIterator): return .object(it)
            case .object(let instance as PyInstance):
                if let r = try interp.callSpecial(instance, "__iter__", Arguments()) {
                    if case .object(let i as PyInstance) = r, i.cls.lookupOverride("__next__") != nil { return r }
                    return .object(try interp.asIterator(r))
                }
            default: break
            }
            return .object(try interp.iterate(object))
        }
        defineBuiltin("next") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("next", ["iterator", "default"], required: 1, positionalOnly: 2)
            switch slots[0] {
            case .object(let iterator as PyIterator)?:
                if let v = try iterator.next() { return v }
                if let d = slots[1] { return d }
                throw interp.stopIteration(iterator)
            case .object(let instance as PyInstance)? where instance.cls.lookupOverride("__next__") != nil:
                do throws(PyException) {
                    return try interp.callSpecial(instance, "__next__", Arguments()) ?? .none
                } catch {
                    if let d = slots[1], interp.exceptionIs(error, "StopIteration") { return d }
                    throw error
                }
            default:
                throw PyException.typeError("'\((slots[0] ?? .none).typeName)' object is not an iterator")
            }
        }
        defineBuiltin("divmod") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("divmod", ["x", "y"], required: 2, positionalOnly: 2)
            let (x, y) = (slots[0] ?? .none, slots[1] ?? .none)
            if case .object(let i as PyInstance) = x, let r = try interp.callSpecial(i, "__divmod__", Arguments([y])),
               !interp.isNotImplemented(r) {
                return r
            }
            if case .object(let i as PyInstance) = y, let r = try interp.callSpecial(i, "__rdivmod__", Arguments([x])),
               !interp.isNotImplemented(r) {
                return r
            }
            let q: PyValue
            do throws(PyException) {
                q = try interp.binaryOperation(.floorDivide, x, y)
            } catch {
                if error.kind == "TypeError" && error.message.hasPrefix("unsupported operand type(s) for //") {
                    throw PyException.typeError("unsupported operand type(s) for divmod(): '\(x.typeName)' and '\(y.typeName)'")
                }
                throw error
            }
            let r = try interp.binaryOperation(.modulo, slots[0] ?? .none, slots[1] ?? .none)
            return .tuple([q, r])
        }
        defineBuiltin("pow") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pow", ["base", "exp", "mod"], required: 2)
            if let m = slots[2], !m.isNone { return try interp.modularPower(slots[0] ?? .none, slots[1] ?? .none, m) }
            return try interp.binaryOperation(.power, slots[0] ?? .none, slots[1] ?? .none)
        }
        defineBuiltin("chr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("chr", ["i"], required: 1, positionalOnly: 1)
            // CPython reads the argument as a C int before checking its range
            let value = slots[0] ?? .none
            if case .bigInt = value { throw PyException("OverflowError", "Python int too large to convert to C int") }
            let i = try interp.index(value)
            if Int32(exactly: i) == nil { throw PyException("OverflowError", "Python int too large to convert to C int") }
            guard let u = UInt32(exactly: i), let s = Unicode.Scalar(u) else {
                throw PyException.valueError("chr() arg not in range(0x110000)")
            }
            return .str(String(Character(s)))
        }
        defineBuiltin("ord") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("ord", ["c"], required: 1, positionalOnly: 1)
            guard case .str(let s)? = slots[0], s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
                throw PyException.typeError("ord() expected a character")
            }
            return .int(Int(u.value))
        }
        for (name, radix, prefix) in [("hex", 16, "0x"), ("oct", 8, "0o"), ("bin", 2, "0b")] {
            defineBuiltin(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["number"], required: 1, positionalOnly: 1)
                guard let big = (slots[0] ?? .none).bigIntValue else {
                    throw PyException.typeError("'\((slots[0] ?? .none).typeName)' object cannot be interpreted as an integer")
                }
                return .str((big < 0 ? "-" : "") + prefix + String(big.magnitude, radix: radix))
            }
        }
        defineBuiltin("format") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("format", ["value", "format_spec"], required: 1, positionalOnly: 2)
            let spec = try slots[1].map { (v: PyValue) throws(PyException) in try interp.requireString(v, "format() argument 2 must be str, not") } ?? ""
            return .str(try interp.formatValue(slots[0] ?? .none, spec))
        }
        defineBuiltin("dir") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let v = args.positional.first else { return .list(PyList(interp.globals.values.keys.sorted().map { .str($0) })) }
            return .list(PyList(interp.attributeNames(of: v).map { .str($0) }))
        }
        defineBuiltin("help") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            interp.sink.write(try interp.helpText(args.positional.first))
            return .none
        }
    }

    /// The name argument of `getattr`, `setattr`, `hasattr` and `delattr`.
    func attributeName(_ v: PyValue) throws(PyException) -> String {
        guard case .str(let s) = v else { throw PyException.typeError("attribute name must be string, not '\(v.typeName)'") }
        return s
    }

    func requireString(_ v: PyValue, _ message: String) throws(PyException) -> String {
        guard case .str(let s) = v else { throw PyException.typeError("\(message) \(v.typeName)") }
        return s
    }

    /// `min`/`max` over an iterable or the arguments, with `key=` and `default=`.
    private func extreme(_ name: String, _ args: Arguments, wantLess: Bool) throws(PyException) -> PyValue {
        let key = args.keyword("key") ?? .none
        let items = args.positional.count == 1 ? try collect(args.positional[0]) : args.positional
        if args.positional.isEmpty { throw PyException.typeError("\(name) expected at least 1 argument, got 0") }
        guard var best = items.first else {
            if let d = args.keyword("default") { return d }
            throw PyException.valueError("\(name)() iterable argument is empty")
        }
        var bestKey = key.isNone ? best : try call(key, Arguments([best]))
        for item in items.dropFirst() {
            try context.checkInterrupt()
            let k = key.isNone ? item : try call(key, Arguments([item]))
            let better = try truth(try compare(wantLess ? .less : .greater, k, bestKey))
            if better {
                best = item
                bestKey = k
            }
        }
        return best
    }

    /// A stable merge sort whose comparisons may raise (Python's `list.sort` semantics).
    func sort(_ items: inout [PyValue], key: PyValue, reverse: PyValue) throws(PyException) {
        let descending = try truth(reverse)
        var keys: [PyValue] = []
        for item in items {
            try context.checkInterrupt()
            keys.append(key.isNone ? item : try call(key, Arguments([item])))
        }
        var order = Array(items.indices)
        func less(_ a: Int, _ b: Int) throws(PyException) -> Bool {
            descending ? try truth(try compare(.less, keys[b], keys[a])) : try truth(try compare(.less, keys[a], keys[b]))
        }
        var buffer = order
        var width = 1
        while width < order.count {
            var start = 0
            while start < order.count {
                try context.checkInterrupt()
                let mid = min(start + width, order.count)
                let end = min(start + 2 * width, order.count)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if try less(order[j], order[i]) {
                        buffer[k] = order[j]
                        j += 1
                    } else {
                        buffer[k] = order[i]
                        i += 1
                    }
                    k += 1
                }
                while i < mid { buffer[k] = order[i]; i += 1; k += 1 }
                while j < end { buffer[k] = order[j]; j += 1; k += 1 }
                start += 2 * width
            }
            swap(&order, &buffer)
            width *= 2
        }
        items = order.map { items[$0] }
    }

    /// `round(x[, ndigits])` with round-half-to-even, as Python does.
    func round(_ x: PyValue, _ ndigitsValue: PyValue) throws(PyException) -> PyValue {
        if case .object(let o) = x, let r = try o.rounded(ndigitsValue, self) { return r }
        // CPython clamps a huge ndigits: round(1.5, 2**63) is 1.5, round(2, 10**30) is 2
        let ndigits: Int? = ndigitsValue.isNone ? nil : try sliceIndex(ndigitsValue)
        switch x {
        case .float(let d):
            guard let n = ndigits else {
                if d.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
                if d.isInfinite { throw PyException("OverflowError", "cannot convert float infinity to integer") }
                return .int(BigInt(exactly: d.rounded(.toNearestOrEven)) ?? 0)
            }
            if !d.isFinite || n > 308 { return .float(d) }
            if n < -308 { return .float(Double(signOf: d, magnitudeOf: 0)) }
            if n >= 0 {
                return .float(Double(String(format: "%.\(n)f", d)) ?? d)
            }
            let scale = Foundation.pow(10.0, Double(-n))
            return .float((d / scale).rounded(.toNearestOrEven) * scale)
        case .int, .bigInt, .bool:
            guard let n = ndigits, n < 0, let big = x.bigIntValue else { return .int(x.bigIntValue ?? 0) }
            if -n > 4300 { return .int(0) }
            let scale = BigInt(10).power(-n)
            var (q, r) = big.quotientAndRemainder(dividingBy: scale)
            if r < 0 { q -= 1; r += scale }
            let twice = r * 2
            if twice > scale || (twice == scale && !q.isMultiple(of: 2)) { q += 1 }
            return .int(q * scale)
        default:
            throw PyException.typeError("type \(x.typeName) doesn't define __round__ method")
        }
    }

    func hashValue(_ v: PyValue) throws(PyException) -> Int {
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i):
            // CPython hashes ints modulo the Mersenne prime 2**61 - 1
            let modulus = (1 << 61) - 1
            let h = i < 0 ? -Int((i.magnitude % UInt(modulus))) : i % modulus
            return h == -1 ? -2 : h
        case .bigInt(let b):
            let reduced = Int(b.magnitude % BigUInt((1 << 61) - 1))
            let h = b.sign == .minus ? -reduced : reduced
            return h == -1 ? -2 : h
        case .float(let d):
            return Interpreter.floatHash(d, identity: 0)
        case .tuple(let items):
            // CPython's tuple hash (xxHash's mixing of the items' hashes)
            let prime1: UInt = 11_400_714_785_074_694_791, prime2: UInt = 14_029_467_366_897_019_727
            let prime5: UInt = 2_870_177_450_012_600_261
            var acc = prime5
            try enterNesting("while calling a Python object")
            defer { nestingDepth -= 1 }
            for item in items {
                let lane = UInt(bitPattern: try hashValue(item))
                acc = acc &+ lane &* prime2
                acc = (acc << 31) | (acc >> 33)
                acc = acc &* prime1
            }
            acc = acc &+ (UInt(items.count) ^ (prime5 ^ 3_527_539))
            return acc == UInt.max ? 1_546_275_796 : Int(bitPattern: acc)
        case .object(let s as PySet) where s.isFrozen:
            return s.pythonHash()
        case .object(let instance as PyInstance):
            if let h = try instanceHash(instance) { return h == -1 ? -2 : h }
            if let base = instance.base { return try hashValue(base) }
            return identityHash(instance)
        case .object(let c as PyComplex):
            return try c.pythonHash(self)
        case .object(let o) where o is PyClass || o is PyFunction || o is PyPlainObject:
            return identityHash(o)
        default:
            var hasher = Hasher()
            hasher.combine(try PyKey(v))
            return hasher.finalize()
        }
    }

    /// CPython's `hash(float)`: equal to the hash of an equal int, reduced modulo 2**61 - 1.
    static func floatHash(_ v: Double, identity: Int) -> Int {
        let bits = 61
        let modulus: UInt = (1 << 61) - 1
        if !v.isFinite { return v.isNaN ? identity : (v > 0 ? 314_159 : -314_159) }
        var e: Int32 = 0
        var m = frexp(v, &e)
        var exponent = Int(e)
        var sign: Int = 1
        if m < 0 {
            sign = -1
            m = -m
        }
        var x: UInt = 0
        while m != 0 {
            x = ((x << 28) & modulus) | x >> (bits - 28)
            m *= 268_435_456.0
            exponent -= 28
            let y = UInt(m)
            m -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        exponent = exponent >= 0 ? exponent % bits : bits - 1 - ((-1 - exponent) % bits)
        x = ((x << UInt(exponent)) & modulus) | x >> UInt(bits - exponent)
        let result = Int(bitPattern: x) &* sign
        return result == -1 ? -2 : result
    }

    /// `object.__hash__`: the address shifted right by four bits, as CPython computes it.
    func identityHash(_ o: PyObject) -> Int {
        Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o)) >> 4)
    }

    /// The StopIteration an exhausted iterator raises (a generator's carries its return value).
    func stopIteration(_ iterator: PyIterator) -> PyException {
        if let generator = iterator as? PyGenerator, !generator.returnValue.isNone {
            var error = PyException("StopIteration", (try? str(generator.returnValue)) ?? "")
            error.payload = RaisedObject(PyExceptionObject(error, args: [generator.returnValue]))
            return error
        }
        return PyException("StopIteration", "")
    }

    func attributeNames(of v: PyValue) -> [String] {
        var names = builtinMethodNames(v)
        if case .object(let o) = v { names += o.attributeNames() }
        return Array(Set(names)).sorted()
    }

    private func helpText(_ v: PyValue?) throws(PyException) -> String {
        guard let v else { return "Type help(object) for help about object.\n" }
        switch v {
        case .object(let f as PyFunction):
            let params = f.code.parameters.map { p in
                (p.kind == .varArgs ? "*" : p.kind == .varKeywords ? "**" : "") + p.name + (p.defaultValue != nil ? "=..." : "")
            }
            var text = "Help on function \(f.code.name) in module __main__:\n\n\(f.code.name)(\(params.joined(separator: ", ")))\n"
            if case .str(let doc)? = try f.getAttribute("__doc__", self) { text += "    \(doc)\n" }
            return text + "\n"
        case .object(let b as PyBuiltin):
            if b.ownerType == nil, let entry = FunctionDocs.entry(module: b.module, name: b.name) {
                let place = b.module.map { " in module \($0)" } ?? ""
                return "Help on function \(b.name)\(place):\n\n\(entry.signature)\n\(FunctionDocs.wrapped(entry.summary))\n\n"
            }
            return "Help on built-in function \(b.name):\n\n\(b.name)(...)\n\n"
        case .object(let m as PyModule):
            return "Help on module \(m.name):\n\nNAME\n    \(m.name)\n\n"
        default:
            return "Help on \(v.typeName) object.\n\n"
        }
    }
}
