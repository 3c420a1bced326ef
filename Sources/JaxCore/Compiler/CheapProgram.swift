/// XLA's CPU client runs a program inline on the calling thread, instead of dispatching it to a
/// worker, when its cost analysis counts fewer than 1,000 floating-point operations: below that
/// the hand-over between threads (a few microseconds) costs more than the work.
enum CheapProgram {
    /// The flop count under which a call runs inline, as XLA's CPU client sets it.
    static let flopLimit = 1000

    /// Whether `jaxpr` is cheap enough to run inline: an estimate of its flops in XLA's manner
    /// (one per output element of an elementwise operation, one per input element of a
    /// reduction, at most one per pair of operand elements of a product) is under the limit.
    /// A program that calls other programs (loops, branches, nested jits) is never counted
    /// cheap: a loop's trip count is not known before it runs.
    static func isCheap(_ jaxpr: Jaxpr) -> Bool {
        var flops = 0
        for eqn in jaxpr.eqns {
            let nested = eqn.params.entries.contains { entry in
                switch entry.value {
                case .jaxpr, .jaxprs: return true
                default: return false
                }
            }
            if nested { return false }
            let inputs = eqn.inputs.map(\.aval.count)
            let outputs = eqn.outvars.map(\.aval.count)
            let cost = eqn.primitive === Primitive.dotGeneral
                ? inputs.reduce(1) { $0.multipliedReportingOverflow(by: max($1, 1)).partialValue }
                : max(inputs.max() ?? 0, outputs.max() ?? 0)
            let (sum, overflow) = flops.addingReportingOverflow(cost)
            if overflow || sum >= flopLimit { return false }
            flops = sum
        }
        return true
    }
}
