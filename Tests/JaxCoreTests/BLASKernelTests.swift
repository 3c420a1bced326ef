import XCTest
import JaxCore

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
}
