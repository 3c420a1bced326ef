/// One element of a complex64 array: two float32 parts, laid out as C's `float complex`.
public struct Complex64: Sendable, Hashable {
    public var re: Float
    public var im: Float
    public init(_ re: Float, _ im: Float) { self.re = re; self.im = im }
}

/// One element of a complex128 array: two float64 parts, laid out as C's `double complex`.
public struct Complex128: Sendable, Hashable {
    public var re: Double
    public var im: Double
    public init(_ re: Double, _ im: Double) { self.re = re; self.im = im }
}
