/// How `jnp.einsum` orders the contractions of three or more operands: opt_einsum's
/// `contract_path`, which JAX calls with `optimize='auto'` (the exhaustive `optimal` search for
/// up to four operands), `True` (`optimal`), `False` (left to right) or a path given as a list.
public enum EinsumOptimize: Sendable, Equatable {
    case auto, optimal, unoptimized
    /// An optimizer opt_einsum names that jaxlab does not run (`'greedy'`, `'branch-all'`, ...).
    case named(String)
    /// A precomputed path: the positions contracted at each step, in the shrinking operand list.
    case path([[Int]])

    /// The optimizer names opt_einsum knows.
    public static let knownNames: Set<String> = ["auto", "auto-hq", "optimal", "branch-all", "branch-2", "branch-1", "greedy", "eager",
                                                 "opportunistic", "dp", "dynamic-programming"]
}

/// One step of an einsum's contraction list: the operands taken (in the order they are popped,
/// the highest position first), their labels, the labels summed away, and the labels of the
/// result, which goes to the end of the operand list.
struct EinsumStep {
    var positions: [Int]
    var inputs: [[Character]]
    var removed: Set<Character>
    var result: [Character]
}

extension JNP {
    /// opt_einsum's `contract_path(..., einsum_call=True)`: the steps for `inputs -> output`.
    static func einsumSteps(_ inputs: [[Character]], _ output: [Character], _ shapes: [[Int]],
                            _ optimize: EinsumOptimize) throws(PyException) -> [EinsumStep] {
        var sizes: [Character: Int] = [:]
        for (labels, shape) in zip(inputs, shapes) {
            for (c, n) in zip(labels, shape) where sizes[c] == nil || sizes[c] == 1 { sizes[c] = n }
        }
        let sets = inputs.map(Set.init), outputSet = Set(output)
        let path: [[Int]]
        switch optimize {
        case .path(let given):
            path = given
        case .unoptimized:
            path = inputs.count <= 2 ? [Array(inputs.indices)] : Array(repeating: [0, 1], count: inputs.count - 1)
        case _ where inputs.count <= 2:
            path = [Array(inputs.indices)]
        case .auto where inputs.count <= 4, .optimal where inputs.count <= 5:
            path = optimalEinsumPath(sets, outputSet, sizes)
        case .named(let name) where !EinsumOptimize.knownNames.contains(name):
            let options = EinsumOptimize.knownNames.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw PyException("KeyError", "\"Path optimizer '\(name)' not found, valid options are {\(options)}.\"")
        default:
            throw PyException.notImplemented("jnp.einsum of \(inputs.count) operands with optimize=\(optimize.description) is not supported "
                                             + "(jaxlab runs opt_einsum's 'optimal' search: optimize='auto' for up to 4 operands, True for up to 5, "
                                             + "False, or a path given as a list)")
        }
        var labels = inputs, remaining = sets, steps: [EinsumStep] = []
        for (number, step) in path.enumerated() {
            let positions = step.sorted(by: >)
            guard positions.count <= 2 else {
                throw PyException.notImplemented("jax.numpy.einsum does not support simultaneous contraction of 3 or more operands. "
                                                 + "Typically this means you've passed an unsupported path to the einsum optimize parameter.")
            }
            guard !positions.isEmpty, Set(positions).count == positions.count, positions.allSatisfy({ $0 >= 0 && $0 < labels.count }) else {
                throw PyException.indexError("pop index out of range")
            }
            let taken = positions.map { remaining[$0] }
            let taking = positions.map { labels[$0] }
            for p in positions {
                remaining.remove(at: p)
                labels.remove(at: p)
            }
            let contracted = taken.reduce(Set<Character>()) { $0.union($1) }
            let kept = remaining.reduce(outputSet) { $0.union($1) }.intersection(contracted)
            let result: [Character]
            if number == path.count - 1 {
                result = output
            } else {
                // tensordot's order: each label where it first appears among the inputs
                let all = Array(taking.joined())
                result = kept.sorted { (all.firstIndex(of: $0) ?? 0) < (all.firstIndex(of: $1) ?? 0) }
            }
            remaining.append(kept)
            labels.append(result)
            steps.append(EinsumStep(positions: positions, inputs: taking, removed: contracted.subtracting(kept), result: result))
        }
        guard labels.count == 1 else {
            throw PyException.notImplemented("jnp.einsum with a path that leaves \(labels.count) operands uncontracted is not supported")
        }
        return steps
    }

    /// opt_einsum's `optimal`: a depth-first search over every order of pairwise contractions,
    /// cutting branches that already cost as much as the best found; the first of equally
    /// cheap paths wins. The search visits operands in increasing order, as CPython iterates
    /// the small integer sets opt_einsum keeps them in.
    static func optimalEinsumPath(_ inputs: [Set<Character>], _ output: Set<Character>, _ sizes: [Character: Int]) -> [[Int]] {
        /// The pair of index sets opt_einsum caches a contraction's result under.
        struct Key: Hashable { let a: Set<Character>, b: Set<Character> }
        var bestFlops = Int.max
        var bestPath: [[Int]] = [Array(inputs.indices)]
        var cache: [Key: (Set<Character>, Int)] = [:]
        func size(_ labels: Set<Character>) -> Int {
            labels.reduce(1) { product, c in
                let (value, overflow) = product.multipliedReportingOverflow(by: sizes[c] ?? 1)
                return overflow ? Int.max : value
            }
        }
        func search(_ path: [[Int]], _ remaining: [Int], _ sets: [Set<Character>], _ flops: Int) {
            if remaining.count == 1 {
                bestFlops = flops
                bestPath = path
                return
            }
            for (x, i) in remaining.enumerated() {
                for j in remaining[(x + 1)...] {
                    let key = Key(a: sets[i], b: sets[j])
                    let (k12, cost): (Set<Character>, Int)
                    if let cached = cache[key] {
                        (k12, cost) = cached
                    } else {
                        // calc_k12_flops: the labels still needed elsewhere survive
                        let keep = remaining.filter { $0 != i && $0 != j }.reduce(output) { $0.union(sets[$1]) }
                        let either = sets[i].union(sets[j])
                        let inner = !sets[i].intersection(sets[j]).subtracting(keep).isEmpty
                        let (doubled, overflow) = size(either).multipliedReportingOverflow(by: inner ? 2 : 1)
                        (k12, cost) = (either.intersection(keep), overflow ? Int.max : doubled)
                        cache[key] = (k12, cost)
                    }
                    let (total, overflow) = flops.addingReportingOverflow(cost)
                    let newFlops = overflow ? Int.max : total
                    if newFlops >= bestFlops { continue }
                    search(path + [[i, j]], remaining.filter { $0 != i && $0 != j } + [sets.count], sets + [k12], newFlops)
                }
            }
        }
        search([], Array(inputs.indices), inputs, 0)
        return linearPath(bestPath)
    }

    /// opt_einsum's `ssa_to_linear`: single-assignment operand ids renumbered as positions in
    /// the list that shrinks as operands are contracted.
    private static func linearPath(_ ssa: [[Int]]) -> [[Int]] {
        var ids = Array(0..<(ssa.reduce(0) { $0 + $1.count } - ssa.count + 1))
        var next = ids.count, path: [[Int]] = []
        for step in ssa {
            let positions = step.compactMap { id in ids.firstIndex(of: id) }.sorted()
            for p in positions.reversed() { ids.remove(at: p) }
            ids.append(next)
            next += 1
            path.append(positions)
        }
        return path
    }
}

extension EinsumOptimize: CustomStringConvertible {
    public var description: String {
        switch self {
        case .auto: return "'auto'"
        case .optimal: return "True"
        case .unoptimized: return "False"
        case .named(let name): return "'\(name)'"
        case .path(let steps): return "[" + steps.map { "(" + $0.map(String.init).joined(separator: ", ") + ($0.count == 1 ? ",)" : ")") }.joined(separator: ", ") + "]"
        }
    }
}
