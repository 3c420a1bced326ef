/// NumPy's print options that change how arrays print (`np.set_printoptions`); a session keeps
/// its own, so one student's settings never leak into another's output.
public struct PrintOptions: Sendable, Equatable {
    /// How many fraction digits floats get, as NumPy's `floatmode` chooses.
    public enum FloatMode: String, Sendable, CaseIterable {
        case fixed, unique, maxprec
        case maxprecEqual = "maxprec_equal"
    }

    /// Digits after the point (or after the first digit in scientific notation).
    public var precision = 8
    /// Arrays with more elements than this are summarised (a Double, as `np.inf` is allowed).
    public var threshold: Double = 1000
    /// Items shown at each end of a summarised axis.
    public var edgeItems = 3
    /// Characters per line before a row wraps.
    public var lineWidth = 75
    /// Print small floats positionally instead of switching to scientific notation.
    public var suppress = false
    /// NumPy's `floatmode`: `maxprec` by default.
    public var floatMode = FloatMode.maxprec
    /// `-` (sign of negatives only), `+` (always a sign) or ` ` (a space where `+` would be).
    public var sign = "-"
    /// How NaN prints inside arrays.
    public var nanStr = "nan"
    /// How infinity prints inside arrays (after its sign).
    public var infStr = "inf"

    public init() {}

    /// NumPy's defaults.
    public static let standard = PrintOptions()
}
