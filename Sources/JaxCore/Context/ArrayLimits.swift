import CMemory
#if canImport(Glibc)
import Glibc
#endif

/// What a session may allocate, so that a typo like `jnp.zeros(10**12)` or a loop that keeps
/// every result is refused with a MemoryError instead of taking the machine down: any one
/// allocation (an array, a string, a list, an int) up to `maxBytes`, and all of jaxlab's memory
/// together up to `budgetBytes`.
public struct ArrayLimits: Sendable {
    /// The largest single allocation.
    public var maxBytes: Int
    /// The most memory the whole process may hold (resident memory, checked before each large
    /// allocation and every so often while Python code runs).
    public var budgetBytes: Int

    /// Allocations below this size are not checked against the budget one by one (reading the
    /// process's memory costs a few microseconds); the periodic check catches many of them.
    public static let checkedSize = 1 << 20

    public init(maxBytes: Int, budgetBytes: Int? = nil) {
        self.maxBytes = maxBytes
        self.budgetBytes = budgetBytes ?? ArrayLimits.standard.budgetBytes
    }

    /// 4 GiB per allocation and half of the machine's memory (or of the container's limit) in
    /// all, or `JAXLAB_MAX_ARRAY_BYTES` and `JAXLAB_MEMORY_BUDGET` from the environment.
    public static let standard: ArrayLimits = {
        let usable = Int(clamping: jl_usable_memory())
        let budget = environmentBytes("JAXLAB_MEMORY_BUDGET") ?? (usable > 0 ? usable / 2 : Int.max)
        return ArrayLimits(maxBytes: environmentBytes("JAXLAB_MAX_ARRAY_BYTES") ?? 4 << 30, budgetBytes: budget)
    }()

    /// Refuses an allocation of `bytes` for `what` ("an array of shape (3,)", "a string") that
    /// is larger than one allocation may be, or that would take the process past its budget.
    public func reserve(_ bytes: Int, for what: @autoclosure () -> String) throws(PyException) {
        if bytes > maxBytes {
            throw PyException.memoryError("Unable to allocate \(what()): it needs more than the \(maxBytes >> 20) MiB limit")
        }
        guard bytes >= ArrayLimits.checkedSize, let held = heldBeyondBudget(adding: bytes) else { return }
        throw PyException.memoryError("Unable to allocate \(ArrayLimits.mebibytes(bytes)) MiB for \(what()): jaxlab already holds "
                                      + "\(ArrayLimits.mebibytes(held)) MiB of its \(budgetBytes >> 20) MiB memory budget")
    }

    /// Refuses to go on when the process already holds more than its budget (memory taken in
    /// many small pieces, each too small to be checked on its own).
    public func checkBudget() throws(PyException) {
        guard let held = heldBeyondBudget(adding: 0) else { return }
        throw PyException.memoryError("jaxlab holds \(ArrayLimits.mebibytes(held)) MiB, more than its \(budgetBytes >> 20) MiB memory "
                                      + "budget: delete some large values (del NAME)")
    }

    /// The memory held now, when that and `bytes` more would exceed the budget; nil when they fit.
    /// Freed memory that the allocator kept is returned to the system before deciding.
    private func heldBeyondBudget(adding bytes: Int) -> Int? {
        guard budgetBytes < Int.max else { return nil }
        var held = Int(clamping: jl_resident_bytes())
        if held.addingReportingOverflow(bytes).partialValue <= budgetBytes { return nil }
        jl_release_free_memory()
        held = Int(clamping: jl_resident_bytes())
        let (total, overflow) = held.addingReportingOverflow(bytes)
        return overflow || total > budgetBytes ? held : nil
    }

    static func mebibytes(_ bytes: Int) -> Int { bytes / (1 << 20) + (bytes % (1 << 20) == 0 ? 0 : 1) }

    /// A byte count from the environment: digits with an optional K, M, G or T suffix (powers
    /// of 1024); nil when unset or not a positive size.
    static func environmentBytes(_ name: String) -> Int? {
        guard let raw = getenv(name) else { return nil }
        var text = String(cString: raw).uppercased()
        var unit = 1
        if let last = text.last, let power = ["K": 10, "M": 20, "G": 30, "T": 40][String(last)] {
            unit = 1 << power
            text.removeLast()
        }
        guard let value = Int(text), value > 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? Int.max : bytes
    }
}
