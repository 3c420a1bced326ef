/// Python's `repr(float)` (and `str`): shortest round-trip digits, scientific notation when the
/// decimal exponent is below -4 or at least 16 (`0.1`, `1e-05`, `1e+16`, `123.0`, `inf`, `nan`).
public enum PythonFloat {
    public static func repr(_ x: Double) -> String {
        ScalarText.floatScalar(x, dtype: .float64)
    }
}
