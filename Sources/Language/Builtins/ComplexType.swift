import JaxCore

/// The `complex` class: its constructor from numbers and strings, as CPython parses them.
extension Interpreter {
    func installComplexType() {
        registerType("complex", isInstance: { if case .object(let o) = $0 { return o is PyComplex } else { return false } },
                     construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try interp.makeComplex(args)
        })
    }

    private func makeComplex(_ args: Arguments) throws(PyException) -> PyValue {
        if args.positional.count + args.keywords.count > 2 {
            throw PyException.typeError("complex() takes at most 2 arguments (\(args.positional.count + args.keywords.count) given)")
        }
        let slots = try args.bind("complex", ["real", "imag"])
        guard let realArgument = slots[0] else {
            if let imag = slots[1] { return .object(PyComplex(try complexPart(imag, first: false))) }
            return .object(PyComplex(0, 0))
        }
        if case .str(let text) = realArgument {
            if slots[1] != nil { throw PyException.typeError("complex() can't take second arg if first is a string") }
            return .object(PyComplex(try parseComplex(text)))
        }
        if case .object(let c as PyComplex) = realArgument, slots[1] == nil { return .object(c) }
        let r = try complexPart(realArgument, first: true)
        guard let imagArgument = slots[1] else { return .object(PyComplex(r)) }
        if case .str = imagArgument { throw PyException.typeError("complex() second arg can't be a string") }
        let i = try complexPart(imagArgument, first: false)
        // as CPython: only a complex argument's other part takes part in arithmetic, so
        // complex(-2, -0.0) keeps its negative zero
        let re = isComplexArgument(imagArgument) ? r.re - i.im : r.re
        let im = isComplexArgument(realArgument) ? i.re + r.im : i.re
        return .object(PyComplex(re, im))
    }

    /// Whether CPython's `complex()` treats the argument as complex (a complex number, an
    /// object with `__complex__`, a complex array) rather than as a real one.
    private func isComplexArgument(_ v: PyValue) -> Bool {
        switch v {
        case .object(_ as PyComplex): return true
        case .object(let instance as PyInstance):
            guard let method = instance.cls.lookupOverride("__complex__") else { return false }
            return !method.isNone
        case .object(let array as JaxArrayObject): return array.aval.dtype.isComplex
        default: return false
        }
    }

    /// One argument of `complex()` as a complex value.
    private func complexPart(_ v: PyValue, first: Bool) throws(PyException) -> ComplexMath.Value {
        if let c = try PyComplex.operand(v) { return c }
        if case .object(let instance as PyInstance) = v {
            if let r = try callSpecial(instance, "__complex__", Arguments()) {
                guard case .object(let c as PyComplex) = r else {
                    throw PyException.typeError("__complex__ returned non-complex (type \(r.typeName))")
                }
                return c.value
            }
            if let d = try instance.toFloat(self) { return ComplexMath.Value(re: d, im: 0) }
        }
        if case .object(let array as JaxArrayObject) = v {
            let a = try array.concrete("complex")
            guard a.count == 1 else { throw PyException.typeError("only length-1 arrays can be converted to Python scalars") }
            let (re, im) = a.storage.complexParts(at: 0)
            return ComplexMath.Value(re: re, im: im)
        }
        if first {
            throw PyException.typeError("complex() first argument must be a string or a number, not '\(v.typeName)'")
        }
        throw PyException.typeError("complex() second argument must be a number, not '\(v.typeName)'")
    }

    /// `complex('1+2j')`: `[real][±imag j]` with optional parentheses and surrounding spaces.
    func parseComplex(_ text: String) throws(PyException) -> ComplexMath.Value {
        let malformed = PyException.valueError("complex() arg is a malformed string")
        var t = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if t.hasPrefix("(") && t.hasSuffix(")") && t.count >= 2 {
            t = Substring(t.dropFirst().dropLast().trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if t.isEmpty || t.contains(" ") { throw malformed }
        func number(_ s: Substring) throws(PyException) -> Double {
            let lower = s.lowercased()
            switch lower {
            case "", "+": return 1
            case "-": return -1
            default:
                guard lower.allSatisfy({ "0123456789.e+-_infatyn".contains($0) }), let d = try? toFloat(.str(lower)) else {
                    throw malformed
                }
                return d
            }
        }
        guard let last = t.last, last == "j" || last == "J" else {
            guard t.lowercased().allSatisfy({ "0123456789.e+-_infatyn".contains($0) }), let d = try? toFloat(.str(String(t))) else {
                throw malformed
            }
            return ComplexMath.Value(re: d, im: 0)
        }
        let body = t.dropLast()
        // the imaginary part starts at the last sign that does not belong to an exponent
        var split: Substring.Index?
        var i = body.endIndex
        while i > body.startIndex {
            i = body.index(before: i)
            let c = body[i]
            if (c == "+" || c == "-") && i > body.startIndex {
                let before = body[body.index(before: i)]
                if before != "e" && before != "E" {
                    split = i
                    break
                }
            }
        }
        guard let split else { return ComplexMath.Value(re: 0, im: try number(body)) }
        let realText = body[..<split]
        let imagText = body[split...]
        if realText.isEmpty { throw malformed }
        return ComplexMath.Value(re: try number(realText), im: try number(imagText))
    }
}
