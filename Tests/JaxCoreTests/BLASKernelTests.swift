import Foundation
import XCTest
@testable import JaxCore

/// jaxlab's products come from the kernels its reference bits were recorded with, whatever CPU
/// runs the tests: a machine where OpenBLAS silently fell back to other kernels fails here rather
/// than with a wrong last digit somewhere else.
final class BLASKernelTests: XCTestCase {
    func testOpenBLASRunsThePinnedHaswellKernelsOnTwoThreads() throws {
        try XCTSkipUnless(BLASKernels.cpuHasReferenceInstructions, "this CPU has no AVX2/FMA: nothing is pinned")
        let blas = BLASKernels.current()
        XCTAssertNil(blas.loadError)
        XCTAssertEqual(blas.coreName, "Haswell")
        XCTAssertTrue(blas.pinned)
        XCTAssertEqual(blas.threads, 2)
    }

    /// Ctrl-C during a long product ends it with KeyboardInterrupt at once; the product
    /// abandoned finishes on its worker and the next product has its own bits.
    func testCtrlCStopsALongProductAtOnce() throws {
        let n = 3000
        let a = JaxArray(shape: [n, n], storage: .float32(.init(repeating: 1, count: n * n)))
        let flag = InterruptFlag()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 0.2)
        timer.setEventHandler { flag.raise() }
        timer.resume()
        let started = Date()
        XCTAssertThrowsError(try Kernels.matmul(a, a, interrupt: flag)) {
            XCTAssertEqual(($0 as? PyException)?.kind, "KeyboardInterrupt")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertFalse(flag.isRaised)
        let small = JaxArray(shape: [300, 300], storage: .float32(.init(repeating: 1, count: 300 * 300)))
        guard case .float32(let values) = try Kernels.matmul(small, small, interrupt: flag).storage else { return XCTFail("not float32") }
        XCTAssertEqual(Set(values), [300])
    }
}
