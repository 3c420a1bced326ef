import Foundation
import JaxCore
import JaxRandom

/// One random-number workload: jaxlab's call and the Python statement (JAX or NumPy) it
/// reproduces bit for bit.
struct RandomWorkload {
    let name: String
    let python: String
    let run: () throws -> Void
}

/// Times jax.random and np.random beside real JAX (jitted) and NumPy in the same run. JAX comes
/// from the interpreter in JAXLAB_JAX_PYTHON (default `python3`); without it those rows say n/a.
func runRandomBench() {
    let million = 1_000_000
    // the calls `jax.random.normal(key, (n,))` and friends make, eager as in the shell
    let ctx = JaxContext()
    let zero = JaxValue.array(JaxArray.scalar(.float(0), dtype: .float32, weak: true))
    let one = JaxValue.array(JaxArray.scalar(.float(1), dtype: .float32, weak: true))
    var legacy = NumpyLegacyRandom(seed: 0)
    let workloads = [
        RandomWorkload(name: "jax.random.normal f32", python: "jax_normal()") {
            _ = try RandomOps.normal(ctx, try RandomOps.key(ctx, .array(JaxArray.scalar(.int(0), dtype: .int32)), constructor: "key"),
                                     shape: [million], dtype: .float32)
        },
        RandomWorkload(name: "jax.random.uniform f32", python: "jax_uniform()") {
            _ = try RandomOps.uniform(ctx, try RandomOps.key(ctx, .array(JaxArray.scalar(.int(0), dtype: .int32)), constructor: "key"),
                                      shape: [million], dtype: .float32, minval: zero, maxval: one)
        },
        RandomWorkload(name: "jax.random.bits u32", python: "jax_bits()") {
            _ = try RandomOps.bits(ctx, try RandomOps.key(ctx, .array(JaxArray.scalar(.int(0), dtype: .int32)), constructor: "key"),
                                   shape: [million])
        },
        RandomWorkload(name: "np.random.normal", python: "np.random.normal(size=1000000)") {
            _ = try legacy.normal(shape: [million])
        },
        RandomWorkload(name: "np.random.random", python: "np.random.random(1000000)") {
            _ = try legacy.randomSample(shape: [million])
        },
    ]
    var script = """
    import json, time
    import numpy as np
    try:
        import jax
        key = jax.random.key(0)
        normal = jax.jit(lambda k: jax.random.normal(k, (1000000,)))
        uniform = jax.jit(lambda k: jax.random.uniform(k, (1000000,)))
        bits = jax.jit(lambda k: jax.random.bits(k, (1000000,)))
        jax_normal = lambda: normal(key).block_until_ready()
        jax_uniform = lambda: uniform(key).block_until_ready()
        jax_bits = lambda: bits(key).block_until_ready()
    except ImportError:
        jax_normal = jax_uniform = jax_bits = None
    def best(f):
        if f is None:
            return None
        f()
        calls = 1
        while True:
            t = time.perf_counter()
            for _ in range(calls): f()
            if time.perf_counter() - t > 0.05 or calls >= 1 << 20: break
            calls *= 4
        result = float("inf")
        for _ in range(5):
            t = time.perf_counter()
            for _ in range(calls): f()
            result = min(result, (time.perf_counter() - t) / calls)
        return result
    np.random.seed(0)
    times = []

    """
    for w in workloads {
        let callable = w.python.hasPrefix("jax_") ? String(w.python.dropLast(2)) : "lambda: \(w.python)"
        script += "times.append(best(\(callable)))\n"
    }
    script += "print(json.dumps(times))\n"
    let interpreter = ProcessInfo.processInfo.environment["JAXLAB_JAX_PYTHON"] ?? "python3"
    let reference = pythonTimes(script, interpreter: interpreter, count: workloads.count)
    print("")
    print("random, 1e6 values (reference: \(interpreter); JAX jitted, same run)")
    print("op                          jaxlab     reference   jaxlab/reference")
    print(String(repeating: "-", count: 66))
    for (i, w) in workloads.enumerated() {
        let ours = try? bestSeconds(w.run)
        let theirs = reference[i]
        let ratio = ours.flatMap { o in theirs.map { String(format: "%6.2fx", o / $0) } } ?? "   n/a"
        print("\(w.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(format(ours))   \(format(theirs))   \(ratio)")
    }
}

/// Runs `script` (which prints a JSON list of seconds or nulls) under `interpreter`.
func pythonTimes(_ script: String, interpreter: String, count: Int) -> [Double?] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [interpreter, "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return Array(repeating: nil, count: count) }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let values = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
        return Array(repeating: nil, count: count)
    }
    return values.map { $0 as? Double }
}
