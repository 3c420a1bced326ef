import Foundation

/// Times the lab's compiled workloads (issue 13's table) the way the lab runs them: one Python
/// script under `jaxlab run` and under real JAX, and its NumPy twin where NumPy has one, in
/// alternating rounds, each keeping its best time. Beside them, the memory bandwidth the
/// machine reaches (a copy of 1e8 bytes), so that kernel times can be read against it.
enum JitBench {
    static let sizes = [1_000, 10_000, 100_000, 1_000_000, 10_000_000]

    /// The rows in print order: label and the Python expression timed per size (nil: once).
    static func script(numpy: Bool) -> String {
        var lines = BenchPrelude.lines(numpy: numpy)
        if numpy {
            lines.append("""
            def f(x):
                return ((x + 2) ** 2 + 3).mean()
            def grad_f(x):
                return (2 * (x + 2)) * (1 / x.size)
            for n in \(sizes):
                x = (np.arange(n, dtype=np.float32) / n).astype(np.float32)
                measure("eager f", n, lambda: f(x))
                measure("grad f", n, lambda: grad_f(x))
            xs = np.ones((100000, 4), np.float32); W = np.ones((4, 3), np.float32); b = np.ones(3, np.float32)
            measure("vmap simple_linear", 100000, lambda: (xs[:, :, None] * W).sum(axis=1) + b)
            rng = np.random.default_rng(0)
            measure("normal", 1000000, lambda: rng.standard_normal(1000000, dtype=np.float32))
            """)
        } else {
            lines.append("""
            def f(x):
                x = x + 2
                x = x ** 2
                x = x + 3
                return x.mean()
            jitted_f = jax.jit(f)
            jitted_grad_f = jax.jit(jax.grad(f))
            for n in \(sizes):
                x = (jnp.arange(n, dtype=jnp.float32) / n).astype(jnp.float32)
                measure("eager f", n, lambda: f(x).block_until_ready())
                measure("jit f", n, lambda: jitted_f(x).block_until_ready())
                measure("jit grad f", n, lambda: jitted_grad_f(x).block_until_ready())
            def simple_linear(x, W, b):
                return (x[:, None] * W).sum(axis=0) + b
            xs = jnp.ones((100000, 4), jnp.float32); W = jnp.ones((4, 3), jnp.float32); b = jnp.ones(3, jnp.float32)
            batched = jax.jit(jax.vmap(simple_linear, in_axes=(0, None, None)))
            measure("jit vmap simple_linear", 100000, lambda: batched(xs, W, b).block_until_ready())
            key = jax.random.PRNGKey(0)
            normal = jax.jit(lambda k: jax.random.normal(k, (1000000,)))
            measure("jit normal", 1000000, lambda: normal(key).block_until_ready())
            small = jnp.arange(1000, dtype=jnp.float32)
            def first_call():
                def g(x):
                    x = x + 2
                    x = x ** 2
                    x = x + 3
                    return x.mean()
                jax.jit(g)(small).block_until_ready()
            print(f"first call\\t1000\\t{min(best(first_call, 1) for _ in range(1))}")
            one = jax.jit(lambda v: v + 1)
            s = jnp.float32(1.0)
            measure("dispatch", 1, lambda: one(s).block_until_ready())
            measure("make_jaxpr f", 1000, lambda: jax.make_jaxpr(f)(small))
            """)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rows of the table: (label in the script, label printed, sizes).
    static let rows: [(String, [Int])] = [
        ("eager f", sizes), ("jit f", sizes), ("jit grad f", sizes),
        ("jit vmap simple_linear", [100_000]), ("jit normal", [1_000_000]),
        ("first call", [1_000]), ("dispatch", [1]), ("make_jaxpr f", [1_000]),
    ]

    /// NumPy's equivalent of a row, where it has one.
    static func numpyName(_ name: String) -> String? {
        switch name {
        case "eager f", "jit f": "eager f"
        case "jit grad f": "grad f"
        case "jit vmap simple_linear": "vmap simple_linear"
        case "jit normal": "normal"
        default: nil
        }
    }

    /// Seconds for one copy of 1e8 bytes (best of 5), with the elements split across cores as
    /// the kernels split them.
    static func copySeconds() -> Double {
        let count = 100_000_000 / 4
        let source = [Float](repeating: 1, count: count)
        var target = [Float](repeating: 0, count: count)
        var best = Double.infinity
        let pieces = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for _ in 0..<6 {
            let start = Date()
            source.withUnsafeBufferPointer { src in
                target.withUnsafeMutableBufferPointer { dst in
                    guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                    let from = UncheckedPointer(s), to = UncheckedPointer(d)
                    DispatchQueue.concurrentPerform(iterations: pieces) { p in
                        let lo = count * p / pieces, hi = count * (p + 1) / pieces
                        (to.mutable + lo).update(from: from.pointer + lo, count: hi - lo)
                    }
                }
            }
            best = min(best, Date().timeIntervalSince(start))
        }
        return best
    }

    static func runAll(jaxlabBinary: String) {
        let rounds = Int(ProcessInfo.processInfo.environment["JAXLAB_BENCH_ROUNDS"] ?? "") ?? 2
        let jaxPython = ProcessInfo.processInfo.environment["JAXLAB_JAX_PYTHON"] ?? "python3"
        let jaxScript = script(numpy: false), numpyScript = script(numpy: true)
        print("")
        print("compiled functions, best µs per call (f(x) = mean((x+2)**2+3) on float32), jaxlab vs JAX (\(jaxPython)) vs NumPy,")
        print("\(rounds) alternating rounds; load average before: \(EagerBench.loadAverage())")
        var ours: [String: Double] = [:], jax: [String: Double] = [:], numpy: [String: Double] = [:]
        for _ in 0..<rounds {
            ours.merge(EagerBench.run([jaxlabBinary, "run"], script: jaxScript)) { min($0, $1) }
            jax.merge(EagerBench.run([jaxPython], script: jaxScript)) { min($0, $1) }
            numpy.merge(EagerBench.run(["python3"], script: numpyScript)) { min($0, $1) }
        }
        let copy = copySeconds()
        let bandwidth = 2e8 / copy
        print("workload                       size      jaxlab         JAX       NumPy   jaxlab/JAX  bound")
        print(String(repeating: "-", count: 92))
        for (name, rowSizes) in rows {
            for n in rowSizes {
                let key = "\(name)/\(n)"
                let numpyKey = numpyName(name).map { "\($0)/\(n)" }
                let ratio = ours[key].flatMap { o in jax[key].map { o / $0 } }
                let ratioText = ratio.map { String(format: "%8.2f", $0) } ?? "     n/a"
                // f and grad f read 4 bytes per element (grad f also writes 4)
                var bound = ""
                if name.hasPrefix("jit"), name.hasSuffix(" f"), n >= 1_000_000 {
                    let bytes = Double(n) * (name == "jit grad f" ? 8 : 4)
                    bound = String(format: "  %5.2fx", (ours[key] ?? .nan) / (bytes / bandwidth))
                }
                print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(EagerBench.label(n).leftPadded(9)) "
                      + "\(EagerBench.micro(ours[key])) \(EagerBench.micro(jax[key])) \(EagerBench.micro(numpyKey.flatMap { numpy[$0] }))   \(ratioText)\(bound)")
            }
        }
        print(String(format: "memory bandwidth: a copy of 1e8 bytes takes %.1f ms on %d threads: %.1f GB/s read + written",
                     copy * 1e3, ProcessInfo.processInfo.activeProcessorCount, bandwidth / 1e9))
        print("bound: jaxlab's time over the time to stream the arrays at that bandwidth; load average after: \(EagerBench.loadAverage())")
    }
}

/// Pointers handed to the copy's worker threads.
private struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    let mutable: UnsafeMutablePointer<Float>
    init(_ p: UnsafePointer<Float>) { pointer = p; mutable = UnsafeMutablePointer(mutating: p) }
    init(_ p: UnsafeMutablePointer<Float>) { pointer = UnsafePointer(p); mutable = p }
}
