/// Prints jaxprs exactly as JAX 0.10.2's `pp_toplevel_jaxpr` does: names a, b, ..., z, ba, ...
/// in order of first appearance, `_` for results nothing uses, the flat form when it fits in 80
/// columns, and nested jaxprs used more than once (or longer than ten equations) pulled out as
/// `let name = { ... } in`.
enum JaxprPrinter {
    static func print(_ closed: ClosedJaxpr) -> String {
        let context = Context()
        let top = closed.jaxpr
        // Results nothing reads print as `_` (top level only, as in JAX).
        var used = Set(top.outvars.compactMap(\.variable))
        for eqn in top.eqns.reversed() {
            for v in eqn.outvars where !used.contains(v) { context.names[v] = "_" }
            for atom in eqn.inputs { if let v = atom.variable { used.insert(v) } }
        }
        // Count uses of nested jaxprs to decide which are printed once up front.
        var counts: [ObjectIdentifier: Int] = [:]
        var order: [(Jaxpr, String)] = []
        var queue: [Jaxpr] = [top]
        var names: [ObjectIdentifier: String] = [:]
        while !queue.isEmpty {
            let jaxpr = queue.removeFirst()
            let id = ObjectIdentifier(jaxpr)
            if counts[id] == nil { order.append((jaxpr, "")) }
            counts[id, default: 0] += 1
            if jaxpr !== top && jaxpr.eqns.count > 10 { counts[id, default: 0] += 1 }
            for eqn in jaxpr.eqns {
                // every nested jaxpr, named after its equation's `name=` when there is one (a
                // custom_jvp_call's body keeps the plain name `jaxpr`, as in JAX)
                let name = eqn.primitive == .customJvpCall ? nil : eqn.params[.name].map { String($0.drop(while: { $0 == "<" }).reversed().drop(while: { $0 == ">" }).reversed()) }
                for inner in eqn.params.subjaxprs {
                    queue.append(inner.jaxpr)
                    if let name, names[ObjectIdentifier(inner.jaxpr)] == nil { names[ObjectIdentifier(inner.jaxpr)] = name }
                }
            }
        }
        var nameCounts: [String: Int] = [:]
        var docs: [PrettyDoc] = []
        var shared: [(String, Jaxpr)] = []
        for (jaxpr, _) in order {
            let id = ObjectIdentifier(jaxpr)
            guard (counts[id] ?? 0) > 1 else { continue }
            var name = names[id] ?? "jaxpr"
            let count = nameCounts[name, default: 0]
            if count > 0 {
                nameCounts[name] = count + 1
                name += String(count)
                nameCounts[name, default: 0] += 1
            } else {
                nameCounts[name] = 1
            }
            context.sharedNames.insert(name)
            context.shared[id] = name
            shared.append((name, jaxpr))
        }
        for (name, jaxpr) in shared {
            docs.append(.concat([.text("let "), .text(name), .text(" = "), skeleton(jaxpr, context), .text(" in"), .brk(" ")]))
        }
        docs.append(doc(top, context))
        return PrettyDoc.concat(docs).format()
    }

    /// One equation alone, its variables named afresh (`a:f32[] = sin b`), as JAX prints an
    /// equation object.
    static func print(_ e: JaxprEqn) -> String {
        eqn(e, Context()).format()
    }

    /// Variable names handed out in order of first appearance.
    final class Context {
        var names: [Var: String] = [:]
        var counter = 0
        var sharedNames: Set<String> = []
        var shared: [ObjectIdentifier: String] = [:]

        func name(_ v: Var) -> String {
            if let n = names[v] { return n }
            var n: String
            repeat {
                n = encode(counter)
                counter += 1
            } while sharedNames.contains(n)
            names[v] = n
            return n
        }

        private func encode(_ value: Int) -> String {
            var n = value
            var s = ""
            repeat {
                let digit = n % 26
                n /= 26
                s = String(UnicodeScalar(UInt8(97 + digit))) + s
            } while n > 0
            return s
        }

        func suggest(_ forVars: [Var], like: [Atom]) {
            guard forVars.count == like.count else { return }
            var usedLike: Set<Var> = []
            for (f, l) in zip(forVars, like) {
                guard case .variable(let lv) = l, !usedLike.contains(lv), names[f] == nil else { continue }
                usedLike.insert(lv)
                names[f] = name(lv)
            }
        }
    }

    static func doc(_ jaxpr: Jaxpr, _ context: Context) -> PrettyDoc {
        if let name = context.shared[ObjectIdentifier(jaxpr)] { return .text(name) }
        return skeleton(jaxpr, context)
    }

    static func skeleton(_ jaxpr: Jaxpr, _ context: Context) -> PrettyDoc {
        let constvars = vars(jaxpr.constvars.map { .variable($0) }, context, shapes: true)
        let invars = vars(jaxpr.invars.map { .variable($0) }, context, shapes: true)
        let eqns = PrettyDoc.join(.brk("; "), jaxpr.eqns.map { eqn($0, context) })
        let outs = PrettyDoc.concat([.text("("), vars(jaxpr.outvars, context, separator: ","),
                                     .text(jaxpr.outvars.count == 1 ? ",)" : ")")])
        // JAX builds `group(nest(...)) + text(" }")`, and its `+` on a group appends inside the
        // group, so the closing brace counts when deciding whether the jaxpr fits on one line.
        return .group(.concat([.nest(2, .concat([
            .text("{ "), .text("lambda "), constvars, .text("; "), invars, .text(". "), .text("let"),
            .nest(2, .concat([.brk(" "), eqns])), .brk(" "), .text("in "), outs,
        ])), .text(" }")]))
    }

    static func vars(_ atoms: [Atom], _ context: Context, separator: String = "", shapes: Bool = false) -> PrettyDoc {
        let items: [PrettyDoc] = atoms.map { atom in
            let text = atomText(atom, context)
            if shapes { return .text(text + ":" + atom.aval.short) }
            return .text(text)
        }
        return .nest(2, .group(PrettyDoc.join(.concat([.text(separator), .group(.brk(" "))]), items)))
    }

    static func atomText(_ atom: Atom, _ context: Context) -> String {
        switch atom {
        case .variable(let v): return context.name(v)
        case .literal(let a): return literalText(a) + ":" + ShapedArray(a).short
        }
    }

    /// A scalar as Python's `str(x.item())` shows it.
    static func literalText(_ a: JaxArray) -> String {
        guard a.count > 0 else { return "[...]" }
        if a.count > 1 || !a.shape.isEmpty && a.shape != [1] { return "[...]" }
        switch a.dtype.kind {
        case .bool: return a.storage.double(at: 0) != 0 ? "True" : "False"
        case .signedInteger: return String(a.storage.int64(at: 0))
        case .unsignedInteger:
            if case .uint64(let v) = a.storage { return String(v[0]) }
            return String(a.storage.int64(at: 0))
        case .floating:
            // a weak literal is a Python float: as written, or else its shortest float32 digits
            if a.weakType, let written = a.writtenFloat { return PythonFloat.repr(written) }
            if a.weakType, case .float32(let v) = a.storage, let written = Double(v[0].description) {
                return PythonFloat.repr(written)
            }
            return PythonFloat.repr(a.storage.double(at: 0))
        case .complex:
            // a Python complex: a weak complex64 literal as Python wrote it (the shortest
            // float32 digits of each part), else each part's float64 value
            var (re, im) = a.storage.complexParts(at: 0)
            if a.weakType, case .complex64(let v) = a.storage {
                re = Double(v[0].re.description) ?? re
                im = Double(v[0].im.description) ?? im
            }
            return ScalarText.complexScalar(re, im, partDType: .float64)
        }
    }

    static func eqn(_ e: JaxprEqn, _ context: Context) -> PrettyDoc {
        var items = e.params.shownItems
        if e.primitive == .jit, let inner = e.params[.jaxpr] {
            if context.shared[ObjectIdentifier(inner.jaxpr)] == nil {
                context.suggest(inner.jaxpr.invars, like: e.inputs)
                // outputs pair by position; a literal output takes no name
                let paired = zip(inner.jaxpr.outvars, e.outvars).compactMap { atom, v in atom.variable.map { ($0, Atom.variable(v)) } }
                context.suggest(paired.map(\.0), like: paired.map(\.1))
            }
        }
        // JAX moves name= to the front for calls
        if e.primitive.rules.call != nil, let i = items.firstIndex(where: { $0.0 == "name" }) {
            let name = items.remove(at: i)
            items.insert(name, at: 0)
        }
        let lhs = vars(e.outvars.map { .variable($0) }, context, shapes: true)
        let params = kvPairs(items, context)
        let rhs: [PrettyDoc] = [.text(e.primitive.name), params, .concat([.text(" "), vars(e.inputs, context)])]
        if e.outvars.isEmpty { return .concat(rhs) }
        return .concat([lhs, .text(" = ")] + rhs)
    }

    static func kvPairs(_ items: [(String, ParamValue)], _ context: Context) -> PrettyDoc {
        guard !items.isEmpty else { return .empty }
        let pairs: [PrettyDoc] = items.map { name, value in
            if case .jaxpr(let j) = value { return .concat([.text(name + "="), doc(j.jaxpr, context)]) }
            if case .jaxprs(let js) = value {
                // `pp_jaxprs`: a tuple broken one jaxpr per line when it does not fit
                let tuple = PrettyDoc.group(.concat([
                    .nest(2, .concat([.text("("), .brk(""), PrettyDoc.join(.brk(" "), js.map { doc($0.jaxpr, context) })])),
                    .brk(""), .text(")"),
                ]))
                return .concat([.text(name + "="), tuple])
            }
            return .text(name + "=" + value.printed)
        }
        return .group(.concat([
            .nest(2, .concat([.text("["), .brk(""), PrettyDoc.join(.brk(" "), pairs)])),
            .brk(""), .text("]"),
        ]))
    }
}
