/// NumPy's own float32 sine and cosine (`simd_sincos_f32`, its loop on every x86-64 machine
/// with FMA): Cody-Waite reduction by the nearest multiple of pi/2, short polynomials for sine
/// and cosine on [-pi/4, pi/4] chosen by the quadrant, and the C library beyond the range where
/// the reduction stays exact. Its last bit differs from glibc's `sinf` for many inputs.
extension NumpyMath {
    static func sin(_ x: Float) -> Float { sinCos(x, cosine: false) }
    static func cos(_ x: Float) -> Float { sinCos(x, cosine: true) }

    private static func sinCos(_ x: Float, cosine: Bool) -> Float {
        // beyond this range (and for NaN and infinities) NumPy calls the C library
        guard abs(x) <= (cosine ? 71476.0625 : 117435.992) else { return cosine ? Float.cCos(x) : Float.cSin(x) }
        let magic: Float = 0x1.8p+23
        // round(x * 2/pi) by adding and removing 1.5 * 2^23
        let quadrant = (x * 0x1.45f306p-1 + magic) - magic
        var r = x.addingProduct(quadrant, -0x1.921fb0p+00)
        r = r.addingProduct(quadrant, -0x1.5110b4p-22)
        r = r.addingProduct(quadrant, -0x1.846988p-48)
        let r2 = r * r
        var c = Float(-0x1.6c06dcp-10).addingProduct(0x1.98e616p-16, r2)
        c = Float(0x1.55553cp-05).addingProduct(c, r2)
        c = Float(-0x1.000000p-01).addingProduct(c, r2)
        c = Float(1).addingProduct(c, r2)
        var s = Float(-0x1.a06bbap-13).addingProduct(0x1.7d3bbcp-19, r2)
        s = Float(0x1.11119ap-07).addingProduct(s, r2)
        s = Float(-0x1.555556p-03).addingProduct(s, r2)
        s = Float(0).addingProduct(s, r2)
        s = r.addingProduct(s, r)
        // the quadrant's integer sits in the low bits of quadrant + 1.5 * 2^23
        var k = (quadrant + magic).bitPattern
        if cosine { k &+= 1 }
        let value = k & 1 == 0 ? s : c
        return k & 2 == 2 ? 0 - value : value
    }
}
