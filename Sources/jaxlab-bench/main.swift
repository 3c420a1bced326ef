// jaxlab-bench: times jaxlab beside JAX and NumPy on the same machine, in the same run: eager
// operations through the interpreter, compiled functions, matrix products, random numbers, and shell
// startup.
// Build and run in release mode: `make bench` (`.build/release/jaxlab-bench jit`: the compiled
// workloads alone; `.build/release/jaxlab-bench eager [FILTER...]`: the eager table alone).
import Foundation
import JaxCore

/// One timed workload: a name, a size label, and the NumPy statement that does the same.
struct Workload {
    let op: String
    let size: String
    let numpySetup: String
    let numpyStatement: String
    let run: () throws -> Void
}

/// The best time per call over several rounds, each round long enough to be measured.
func bestSeconds(_ body: () throws -> Void) rethrows -> Double {
    try body()  // warm up caches and lazily created state
    let clock = ContinuousClock()
    var calls = 1
    while true {
        let elapsed = try clock.measure { for _ in 0..<calls { try body() } }
        if elapsed > .milliseconds(50) || calls >= 1 << 20 { break }
        calls *= 4
    }
    var best = Double.infinity
    for _ in 0..<5 {
        let elapsed = try clock.measure { for _ in 0..<calls { try body() } }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds / Double(calls))
    }
    return best
}

/// NumPy's environment with its OpenBLAS pinned to the kernel set and thread count jaxlab uses,
/// so that products compare like with like.
let pinnedNumpyEnvironment = ["OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_NUM_THREADS": "2"]

/// Runs the same measurement loop in NumPy and returns seconds per call, keyed by position.
/// `environment` is added to this process's environment for the NumPy run.
func numpyTimes(_ workloads: [Workload], environment: [String: String] = pinnedNumpyEnvironment) -> [Double?] {
    var script = """
    import json, time
    import numpy as np
    def best(f):
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
    times = []

    """
    for w in workloads {
        script += "\(w.numpySetup)\ntimes.append(best(lambda: \(w.numpyStatement)))\n"
    }
    script += "print(json.dumps(times))\n"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        return workloads.map { _ in nil }
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let values = try? JSONSerialization.jsonObject(with: data) as? [Double] else {
        return workloads.map { _ in nil }
    }
    return values.map { Optional($0) }
}

/// A float32 array of `count` values in [-1, 1) from a fixed integer hash.
func sample(_ count: Int, seed: UInt64) -> JaxArray {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    let values = (0..<count).map { _ -> Float in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int32(truncatingIfNeeded: state >> 32)) / Float(1 << 31)
    }
    return JaxArray(shape: [count], storage: .float32(values))
}

func format(_ seconds: Double?) -> String {
    guard let s = seconds else { return "n/a" }
    if s < 1e-3 { return String(format: "%8.2f us", s * 1e6) }
    return String(format: "%8.3f ms", s * 1e3)
}

let jaxlabBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jaxlab").path
// `jaxlab-bench jit` times only the compiled workloads, `jaxlab-bench startup` only the time
// to the shell's first prompt, `jaxlab-bench eager [FILTER...]` only the eager table, or the
// rows and sizes the filters name (`jaxlab-bench eager sum 1e7`).
switch CommandLine.arguments.dropFirst().first {
case "jit":
    JitBench.runAll(jaxlabBinary: jaxlabBinary)
    exit(0)
case "startup":
    runStartupBench()
    exit(0)
case "eager":
    EagerBench.runAll(jaxlabBinary: jaxlabBinary, selection: .init(filters: Array(CommandLine.arguments.dropFirst(2))))
    exit(0)
default:
    break
}

var workloads: [Workload] = []
for n in [256, 1024] {
    let a = try Kernels.reshape(sample(n * n, seed: 3), to: [n, n])
    let b = try Kernels.reshape(sample(n * n, seed: 4), to: [n, n])
    let setup = "a = np.random.default_rng(3).uniform(-1, 1, (\(n), \(n))).astype(np.float32); b = np.random.default_rng(4).uniform(-1, 1, (\(n), \(n))).astype(np.float32)"
    workloads.append(Workload(op: "matmul", size: "\(n)x\(n)", numpySetup: setup, numpyStatement: "a @ b") {
        _ = try Kernels.matmul(a, b)
    })
}

let blas = BLASKernels.current()
print("jaxlab-bench: matrix products, float32, best time per call (jaxlab in JAX mode, NumPy \(numpyVersion()))")
if let core = blas.coreName {
    let how = blas.pinned ? "pinned by jaxlab" : "chosen by OpenBLAS"
    print("OpenBLAS kernels: \(core), \(blas.threads) threads (\(how)); NumPy runs with the same kernels")
} else {
    print("OpenBLAS could not be loaded: \(blas.loadError ?? "")")
}
let reference = numpyTimes(workloads)
let matmulRows = workloads.indices.filter { workloads[$0].op == "matmul" }
let ownChoice = numpyTimes(matmulRows.map { workloads[$0] }, environment: [:])
print("op      size        jaxlab         numpy   jaxlab/numpy")
print(String(repeating: "-", count: 56))
for (i, w) in workloads.enumerated() {
    let ours: Double?
    do {
        ours = try bestSeconds(w.run)
    } catch {
        ours = nil
    }
    let theirs = i < reference.count ? reference[i] : nil
    let ratio = ours.flatMap { o in theirs.map { String(format: "%6.2fx", o / $0) } } ?? "   n/a"
    print("\(w.op.padding(toLength: 7, withPad: " ", startingAt: 0)) \(w.size.padding(toLength: 9, withPad: " ", startingAt: 0)) \(format(ours))   \(format(theirs))   \(ratio)")
}
// The price of identical digits: NumPy with the kernels OpenBLAS picks for this CPU.
for (row, i) in matmulRows.enumerated() {
    let own = row < ownChoice.count ? ownChoice[row] : nil
    print("numpy matmul \(workloads[i].size) with OpenBLAS's own kernel choice: \(format(own))")
}

func numpyVersion() -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import numpy; print(numpy.__version__)"]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return "not found" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
JitBench.runAll(jaxlabBinary: jaxlabBinary)
EagerBench.runAll(jaxlabBinary: jaxlabBinary)
runRandomBench()
runStartupBench()
