import JaxCore

extension Session {
    /// `%explain f(x)`: what `jax.jit(f)` compiles for these arguments: the passes that
    /// removed, folded or shared equations, the fused loops and the bytes each kernel reads
    /// and writes. `f` may be any function jit accepts, jitted or not.
    func explain(_ argument: String) -> Bool {
        let text = argument.trimmingCharacters(in: .whitespaces)
        guard let open = Session.lastCallParenthesis(text), open > text.startIndex else {
            usageError("%explain needs a call, such as %explain f(x).")
            return false
        }
        let callee = String(text[..<open])
        let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        let arguments = inner.trimmingCharacters(in: .whitespaces).isEmpty ? "()" : "(\(inner),)"
        guard execute("__explain_f = \(callee)\n__explain_args = \(arguments)\n", filename: "<explain>", echo: false) else { return false }
        defer {
            _ = try? interpreter.unbind("__explain_f", interpreter.globals)
            _ = try? interpreter.unbind("__explain_args", interpreter.globals)
        }
        do throws(PyException) {
            let f = try interpreter.lookup("__explain_f", interpreter.globals)
            guard case .tuple(let values) = try interpreter.lookup("__explain_args", interpreter.globals) else {
                usageError("%explain needs a call, such as %explain f(x).")
                return false
            }
            var trees: [PyTree] = []
            for value in values { trees.append(try interpreter.toTree(value)) }
            let jitted = Transforms.jit(name: callee.trimmingCharacters(in: .whitespaces), interpreter.jaxFunction(f))
            sink.write(try jitted.explain(interpreter.context, trees) + "\n")
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// The opening parenthesis of the call that ends `text` (`g(f)(x)`: the one before `x`),
    /// skipping brackets and strings inside; nil when `text` does not end with a call.
    static func lastCallParenthesis(_ text: String) -> String.Index? {
        guard text.hasSuffix(")") else { return nil }
        var depth = 0
        var quote: Character? = nil
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"": quote = c
            case ")", "]", "}": depth += 1
            case "(", "[", "{":
                depth -= 1
                if depth == 0 { return c == "(" ? index : nil }
            default: break
            }
        }
        return nil
    }
}
