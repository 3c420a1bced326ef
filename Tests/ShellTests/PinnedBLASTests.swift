import Foundation
import XCTest

/// The same NumPy product gives the same digits whatever the user's environment says about
/// OpenBLAS's kernels and threads: jaxlab pins them itself, unless told `JAXLAB_BLAS=native`.
final class PinnedBLASTests: XCTestCase {
    /// Float32 products whose last bits differ between OpenBLAS's kernel sets, printed exactly.
    private let script = """
    import numpy as np
    a = np.arange(2048, dtype=np.float32).reshape(32, 64) / np.float32(7.3) - np.float32(100)
    b = np.arange(4096, dtype=np.float32).reshape(64, 64) / np.float32(3.1) - np.float32(600)
    v = np.arange(300, dtype=np.float32) / np.float32(9.7) - np.float32(11)
    print((a @ b).tolist())
    print(float(v @ v), (a @ v[:64]).tolist())

    """

    private func run(environment extra: [String: String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jaxlab-pinned-\(getpid()).py")
        try Data(script.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PtyProcess.binaryPath)
        process.arguments = ["run", file.path]
        process.environment = ["PATH": "/usr/bin:/bin"].merging(extra) { $1 }
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: out, as: UTF8.self)
    }

    func testUsersOpenBLASSettingsDoNotChangeTheDigits() throws {
        let pinned = try run(environment: [:])
        XCTAssertTrue(pinned.hasPrefix("[["), pinned)
        for coretype in ["Prescott", "SkylakeX", "Zen"] {
            XCTAssertEqual(try run(environment: ["OPENBLAS_CORETYPE": coretype, "OPENBLAS_NUM_THREADS": "1"]), pinned, coretype)
        }
    }

    func testNativeKernelsAreAnOptIn() throws {
        // Prescott's SSE3 kernels add in another order: if the opt-in were ignored, or the pin
        // did nothing, the two runs would agree.
        let pinned = try run(environment: [:])
        XCTAssertNotEqual(try run(environment: ["JAXLAB_BLAS": "native", "OPENBLAS_CORETYPE": "Prescott"]), pinned)
    }
}
