import JaxCore

/// What the shell tells a student whose CPU cannot run the kernels jaxlab's reference bits come
/// from (AVX2 and FMA): everything works, but a last digit may differ from their neighbour's.
public enum ReferenceMachine {
    /// The note to show once at start-up, or nil on a CPU with AVX2 and FMA.
    public static func startupNote(cpuHasReferenceInstructions: Bool = BLASKernels.cpuHasReferenceInstructions) -> String? {
        if cpuHasReferenceInstructions { return nil }
        return "Note: this CPU has no AVX2/FMA, so some numbers may differ in the last digit from "
            + "what jaxlab prints on other machines (and from the lessons' expected output)."
    }
}
