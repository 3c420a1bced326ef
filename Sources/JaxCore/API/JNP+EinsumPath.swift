/// How `jnp.einsum` orders the contractions of three or more operands: opt_einsum's
/// `contract_path`, which JAX calls with `optimize='auto'` (the exhaustive `optimal` search for
/// up to four operands, branch and bound beyond), `True` (`optimal`), `False` (left to right)
/// or a path given as a list.
public enum EinsumOptimize: Sendable, Equatable {
    case auto, optimal, unoptimized
    /// An optimizer opt_einsum names that jaxlab does not run (`'greedy'`, `'branch-all'`, ...).
    case named(String)
    /// A precomputed path: the positions contracted at each step, in the shrinking operand list.
    case path([[Int]])

    /// The optimizer names opt_einsum knows.
    public static let knownNames: Set<String> = ["auto", "auto-hq", "optimal", "branch-all", "branch-2", "branch-1", "greedy", "eager",
                                                 "opportunistic", "dp", "dynamic-programming", "random-greedy", "random-greedy-128"]
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
        case .auto where inputs.count <= 4, .optimal where inputs.count <= 6, .named("auto-hq") where inputs.count <= 5:
            path = optimalEinsumPath(sets, outputSet, sizes)
        case .auto where inputs.count <= 8:
            // opt_einsum's auto: branch_all for five or six operands, branch_2 for seven or eight
            path = branchEinsumPath(sets, outputSet, sizes, branches: inputs.count <= 6 ? nil : 2)
        case .named("branch-all") where inputs.count <= 8:
            path = branchEinsumPath(sets, outputSet, sizes, branches: nil)
        case .named("branch-2") where inputs.count <= 8:
            path = branchEinsumPath(sets, outputSet, sizes, branches: 2)
        case .named("branch-1") where inputs.count <= 8:
            path = branchEinsumPath(sets, outputSet, sizes, branches: 1)
        case .named(let name) where !EinsumOptimize.knownNames.contains(name):
            let options = EinsumOptimize.knownNames.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw PyException("KeyError", "\"Path optimizer '\(name)' not found, valid options are {\(options)}.\"")
        default:
            throw PyException.notImplemented("jnp.einsum of \(inputs.count) operands with optimize=\(optimize.description) is not supported "
                                             + "(jaxlab runs opt_einsum's 'optimal' and branch-and-bound "
                                             + "searches: optimize='auto' and 'branch-*' up to 8 operands, True up to 6; False and a path given as a list always)")
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

    /// The pair of index sets opt_einsum caches a contraction's result under.
    private struct PairKey: Hashable { let a: Set<Character>, b: Set<Character> }

    /// What opt_einsum's searches share: the label sizes, and `calc_k12_flops` cached by the
    /// pair of index sets (whatever else remains when a pair is first seen, as opt_einsum does).
    private struct PathCosts {
        let output: Set<Character>
        let sizes: [Character: Int]
        var cache: [PairKey: (Set<Character>, Int)] = [:]

        func size(_ labels: Set<Character>) -> Int {
            labels.reduce(1) { product, c in
                let (value, overflow) = product.multipliedReportingOverflow(by: sizes[c] ?? 1)
                return overflow ? Int.max : value
            }
        }

        /// The labels a contraction of `i` and `j` keeps, and its flop count.
        mutating func contraction(_ sets: [Set<Character>], _ remaining: CPythonIntSet, _ i: Int, _ j: Int) -> (Set<Character>, Int) {
            let key = PairKey(a: sets[i], b: sets[j])
            if let cached = cache[key] { return cached }
            let keep = remaining.elements.filter { $0 != i && $0 != j }.reduce(output) { $0.union(sets[$1]) }
            let either = sets[i].union(sets[j])
            let inner = !sets[i].intersection(sets[j]).subtracting(keep).isEmpty
            let (doubled, overflow) = size(either).multipliedReportingOverflow(by: inner ? 2 : 1)
            let result = (either.intersection(keep), overflow ? Int.max : doubled)
            cache[key] = result
            return result
        }
    }

    private static func adding(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : total
    }

    /// opt_einsum's `optimal`: a depth-first search over every order of pairwise contractions,
    /// cutting branches that already cost as much as the best found; the first of equally
    /// cheap paths wins.
    static func optimalEinsumPath(_ inputs: [Set<Character>], _ output: Set<Character>, _ sizes: [Character: Int]) -> [[Int]] {
        var costs = PathCosts(output: output, sizes: sizes)
        var bestFlops = Int.max
        var bestPath: [[Int]] = [Array(inputs.indices)]
        func search(_ path: [[Int]], _ remaining: CPythonIntSet, _ sets: [Set<Character>], _ flops: Int) {
            if remaining.count == 1 {
                bestFlops = flops
                bestPath = path
                return
            }
            for (x, y) in remaining.pairs {
                let (i, j) = (Swift.min(x, y), Swift.max(x, y))
                let (k12, cost) = costs.contraction(sets, remaining, i, j)
                let newFlops = adding(flops, cost)
                if newFlops >= bestFlops { continue }
                search(path + [[i, j]], remaining.removing(i, j).adding(sets.count), sets + [k12], newFlops)
            }
        }
        search([], CPythonIntSet(Array(inputs.indices)), inputs, 0)
        return linearPath(bestPath)
    }

    /// opt_einsum's `BranchBound` (`branch_all` for `nbranch` nil, `branch_2`, `branch_1`):
    /// at each step the pairs sharing a label (any pair when none does) are ranked by the
    /// memory they free and the best `nbranch` explored, pruning paths worse than the best
    /// found or four times costlier than the best seen at the same depth.
    static func branchEinsumPath(_ inputs: [Set<Character>], _ output: Set<Character>, _ sizes: [Character: Int], branches: Int?) -> [[Int]] {
        /// One ranked candidate: the heap order is the tuple (cost, flops12, flops, size, pair).
        struct Candidate: Comparable {
            let cost: Int, flops12: Int, flops: Int, size: Int, i: Int, j: Int
            let k12: Set<Character>
            static func < (a: Candidate, b: Candidate) -> Bool {
                (a.cost, a.flops12, a.flops, a.size, a.i, a.j) < (b.cost, b.flops12, b.flops, b.size, b.i, b.j)
            }
            static func == (a: Candidate, b: Candidate) -> Bool { !(a < b) && !(b < a) }
        }
        var costs = PathCosts(output: output, sizes: sizes)
        var sizeCache: [Set<Character>: Int] = [:]
        for k in inputs { sizeCache[k] = costs.size(k) }
        var best = (flops: Int.max, size: Int.max, path: [[Int]]?.none)
        var progress: [Int: Int] = [:]
        func search(_ path: [[Int]], _ sets: [Set<Character>], _ remaining: CPythonIntSet, _ flops: Int, _ size: Int) {
            if remaining.count == 1 {
                best = (flops, size, path)
                return
            }
            func assess(_ i: Int, _ j: Int) -> Candidate? {
                let (k12, flops12) = costs.contraction(sets, remaining, i, j)
                let size12 = sizeCache[k12] ?? costs.size(k12)
                sizeCache[k12] = size12
                let newFlops = adding(flops, flops12), newSize = Swift.max(size, size12)
                guard (newFlops, newSize) < (best.flops, best.size) else { return nil }
                let level = sets.count
                if newFlops < progress[level, default: Int.max] {
                    progress[level] = newFlops
                } else if let seen = progress[level], Double(newFlops) > 4 * Double(seen) {
                    return nil
                }
                let cost = size12 - (sizeCache[sets[i]] ?? 0) - (sizeCache[sets[j]] ?? 0)
                return Candidate(cost: cost, flops12: flops12, flops: newFlops, size: newSize, i: i, j: j, k12: k12)
            }
            var candidates: [Candidate] = []
            for (x, y) in remaining.pairs {
                let (i, j) = (Swift.min(x, y), Swift.max(x, y))
                if sets[i].isDisjoint(with: sets[j]) { continue }
                if let c = assess(i, j) { candidates.append(c) }
            }
            if candidates.isEmpty {
                for (x, y) in remaining.pairs {
                    if let c = assess(Swift.min(x, y), Swift.max(x, y)) { candidates.append(c) }
                }
            }
            candidates.sort()
            for c in candidates.prefix(branches ?? candidates.count) {
                search(path + [[c.i, c.j]], sets + [c.k12], remaining.removing(c.i, c.j).adding(sets.count), c.flops, c.size)
            }
        }
        search([], inputs, CPythonIntSet(Array(inputs.indices)), 0, 0)
        return linearPath(best.path ?? [Array(inputs.indices)])
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
