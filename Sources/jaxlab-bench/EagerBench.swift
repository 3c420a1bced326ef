import Foundation

/// Times every `EagerWorkloads` operation the way a user meets it: the same Python script run by
/// `jaxlab run` and by real JAX (`JAXLAB_JAX_PYTHON`), each call `op(x).block_until_ready()`
/// in a timing loop, beside NumPy's equivalent, at 1e4, 1e6 and 1e7 elements. The three run in
/// alternating rounds (`JAXLAB_BENCH_ROUNDS`, default 2) and each keeps its best time, so a
/// change of load on a shared machine touches all three alike.
enum EagerBench {
    static let allSizes = [10_000, 1_000_000, 10_000_000]

    /// What `jaxlab-bench eager [FILTER...]` keeps: sizes named by a filter (`1e4`, `1e6`,
    /// `1e7`; all when none is), operations whose name contains one of the other filters (all
    /// when there are none). Indices stay those of the full table.
    struct Selection {
        var sizes = EagerBench.allSizes
        var names: [String] = []

        init(filters: [String] = []) {
            let sizeFilters = EagerBench.allSizes.filter { filters.contains(EagerBench.label($0)) }
            if !sizeFilters.isEmpty { sizes = sizeFilters }
            names = filters.filter { f in !EagerBench.allSizes.contains { EagerBench.label($0) == f } }
        }

        func keeps(_ w: EagerWorkload) -> Bool { names.isEmpty || names.contains { w.name.contains($0) } }
    }

    /// The Python program of one flavour (`jax` for jaxlab and JAX, `numpy`): it prints one
    /// line per measurement, `index<TAB>size<TAB>seconds` (-1 when the operation failed).
    static func script(numpy: Bool, selection: Selection) -> String {
        let m = numpy ? "np" : "jnp"
        var lines = BenchPrelude.lines(numpy: numpy)
        lines.append("""
            def f(x):
                return ((x + 2) ** 2 + 3).mean()
            """)
        func emit(_ table: [EagerWorkload], offset: Int) {
            for (i, w) in table.enumerated() where selection.keeps(w) {
                guard let expression = numpy ? w.numpy : w.jax else { continue }
                let call = numpy ? "lambda: \(expression)" : "lambda: (\(expression)).block_until_ready()"
                lines.append("measure(\(offset + i), n, \(call))")
            }
        }
        let x = "x = (\(m).abs(\(m).sin(\(m).arange(n, dtype=\(m).float32) * 12.9898)) * 0.9 + 0.1).astype(\(m).float32)"
        for n in selection.sizes {
            lines.append("n = \(n)")
            lines.append(x)
            lines.append("z = (\(m).abs(\(m).cos(\(m).arange(n, dtype=\(m).float32) * 7.233)) + 1.0).astype(\(m).float32)")
            lines.append("h = x.astype(\(m).float16)")
            lines.append("xi = \(m).arange(n, dtype=\(m).int32) % 11")
            lines.append("yi = \(m).arange(n, dtype=\(m).int32) % 7")
            lines.append("x2 = x.reshape(n // 1000, 1000)")
            emit(EagerWorkloads.float32, offset: 0)
        }
        if !numpy { lines.append("jax.config.update('jax_enable_x64', True)") }
        for n in selection.sizes {
            lines.append("n = \(n)")
            lines.append(x)
            lines.append("d = x.astype(\(m).float64)")
            lines.append("e = (d + 1.0) * 0.5")
            emit(EagerWorkloads.float64, offset: EagerWorkloads.float32.count)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Best seconds per (workload index, size) from running `script` with `command`.
    static func run(_ command: [String], script: String) -> [String: Double] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jaxlab-bench-\(getpid())-eager.py")
        guard (try? script.write(to: file, atomically: true, encoding: .utf8)) != nil else { return [:] }
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [:] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var times: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let seconds = Double(fields[2]), seconds >= 0 else { continue }
            times["\(fields[0])/\(fields[1])"] = seconds
        }
        return times
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    static func runAll(jaxlabBinary: String, selection: Selection = Selection()) {
        let rounds = Int(ProcessInfo.processInfo.environment["JAXLAB_BENCH_ROUNDS"] ?? "") ?? 2
        let jaxPython = ProcessInfo.processInfo.environment["JAXLAB_JAX_PYTHON"] ?? "python3"
        let jaxScript = script(numpy: false, selection: selection)
        let numpyScript = script(numpy: true, selection: selection)
        print("")
        print("eager operations, best µs per call through the interpreter (`op(x).block_until_ready()`),")
        print("jaxlab vs JAX (\(jaxPython)) vs NumPy, \(rounds) alternating rounds; load average before: \(loadAverage())")
        var ours: [String: Double] = [:], jax: [String: Double] = [:], numpy: [String: Double] = [:]
        func keepBest(_ into: inout [String: Double], _ new: [String: Double]) {
            into.merge(new) { min($0, $1) }
        }
        for _ in 0..<rounds {
            keepBest(&ours, run([jaxlabBinary, "run"], script: jaxScript))
            keepBest(&jax, run([jaxPython], script: jaxScript))
            keepBest(&numpy, run(["python3"], script: numpyScript))
        }
        let all = EagerWorkloads.float32 + EagerWorkloads.float64
        let header = "op".padding(toLength: 26, withPad: " ", startingAt: 0)
        print("\(header)      size      jaxlab         JAX       NumPy   jaxlab/JAX")
        print(String(repeating: "-", count: 88))
        var slower: [String] = []
        for size in selection.sizes {
            for (i, w) in all.enumerated() where selection.keeps(w) {
                let key = "\(i)/\(size)"
                let ratio = ours[key].flatMap { o in jax[key].map { o / $0 } }
                let flag = (ratio ?? 0) > 1 ? "  >1" : ""
                if (ratio ?? 0) > 1 { slower.append("\(w.name) @\(label(size))") }
                let ratioText = ratio.map { String(format: "%8.2f", $0) } ?? "     n/a"
                print("\(w.name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(label(size).leftPadded(9)) "
                      + "\(micro(ours[key])) \(micro(jax[key])) \(micro(numpy[key]))   \(ratioText)\(flag)")
            }
        }
        print("load average after: \(loadAverage()); slower than JAX: \(slower.isEmpty ? "none" : slower.joined(separator: ", "))")
    }

    static func label(_ n: Int) -> String { n == 10_000 ? "1e4" : n == 1_000_000 ? "1e6" : n == 10_000_000 ? "1e7" : "\(n)" }

    static func micro(_ seconds: Double?) -> String {
        guard let s = seconds else { return "n/a".leftPadded(11) }
        return String(format: "%11.1f", s * 1e6)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
