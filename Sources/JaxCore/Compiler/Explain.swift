/// The text `%explain f(x)` and `jax.jit(f).lower(x).compile().as_text()` print: what the
/// compiler did to a function's jaxpr (equations inlined, folded, shared and removed) and the
/// kernels it runs, with the bytes each reads and writes, so a student can see why the jitted
/// function is faster.
extension CompiledFunction {
    func explanation(name: String, signature: String) -> String {
        var lines = ["optimised program of \(name)(\(signature)):"]
        lines.append("  passes: \(plural(report.inlined, "nested call")) inlined, \(plural(report.folded, "equation")) folded, "
                     + "\(plural(report.shared, "repeated equation")) shared, \(plural(report.dead, "dead equation")) removed")
        lines.append("  \(plural(optimised.eqns.count, "equation")) left, run as \(plural(kernelCount, "kernel")):")
        var index = 0
        for instruction in instructionList {
            index += 1
            switch instruction {
            case .fused(let loop):
                var text = "  \(index). fused loop over \(ShapedArray(shape: loop.shape, dtype: .float32, weakType: false).short): "
                text += loop.names.filter { $0 != "reduce_sum" }.joined(separator: ", ")
                if loop.sum != nil { text += " -> reduce_sum" }
                let (read, written) = loop.traffic
                text += "\n       reads \(bytes(read)), writes \(bytes(written))"
                if loop.count > FusedLoop.blockSize { text += ", in blocks of \(FusedLoop.blockSize) elements" }
                lines.append(text)
            case .productSum(let productSum):
                let out = optimised.eqns[productSum.last].outvars[0].aval
                let read = productSum.inputs(optimised.eqns).reduce(0) { $0 + $1.aval.count * 4 }
                if let linear = productSum.linear {
                    lines.append("  \(index). mul + reduce_sum\(linear.bias == nil ? "" : " + add") as one batched x @ W"
                                 + "\(linear.bias == nil ? "" : " + b") -> \(out.short)\n       reads \(bytes(read)), writes \(bytes(out.count * 4))")
                } else {
                    lines.append("  \(index). mul + reduce_sum as one sum of products -> \(out.short)"
                                 + "\n       reads \(bytes(read)), writes \(bytes(out.count * 4)) (and a buffer of the products)")
                }
            case .equation(let i):
                let eqn = optimised.eqns[i]
                var names = eqn.primitive.name
                if let j = fusionPlan.contracted[i] { names = "\(optimised.eqns[j].primitive.name) + \(names) as one fma" }
                if let j = fusionPlan.dotSums[i] { names = "\(optimised.eqns[j].primitive.name) + \(names) as an fma chain" }
                let read = eqn.inputs.reduce(0) { $0 + $1.aval.count * $1.aval.dtype.itemSize }
                let written = eqn.outvars.reduce(0) { $0 + $1.aval.count * $1.aval.dtype.itemSize }
                lines.append("  \(index). \(names) -> \(eqn.outvars.map(\.aval.short).joined(separator: ", "))"
                             + "\n       reads \(bytes(read)), writes \(bytes(written))")
            }
        }
        return lines.joined(separator: "\n")
    }

    private var kernelCount: Int { instructionList.count }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    private func bytes(_ n: Int) -> String {
        if n >= 1_000_000 { return "\(n / 1_000_000).\(n % 1_000_000 / 100_000) MB" }
        if n >= 1_000 { return "\(n / 1_000).\(n % 1_000 / 100) kB" }
        return "\(n) bytes"
    }
}
