// XLA's float64 exp, sigmoid, tanh, expm1 and erfc (x64 mode): the same
// operations in the same order as JaxCore's XLAMath+Double, branch-free so blocks vectorise.
#include "internal.h"

#define D(bits) f64_of(bits##ull)

// exp(x) = y3 * s2: the rational approximation scaled by s^3 and s2 (x not NaN).
JL_INLINE double exp64_parts(double input, double *s2) {
    double x = input > D(0x40862E42FEFA39EF) ? D(0x40862E42FEFA39EF) : input;
    x = x < D(0xC086232BDD7ABCD2) ? D(0xC086232BDD7ABCD2) : x;
    double v = fma64(x, D(0x3FF71547652B82FE), 0.5);
    double truncated = (double)(int32_t)v;  // |v| < 1100
    double nf = truncated > v ? truncated - 1.0 : truncated;
    double g = fma64(-nf, D(0x3FE62E4000000000), x);
    g = fma64(-nf, D(0x3EB7F7D1CF79ABCA), g);
    double g2 = g * g;
    double p = fma64(g2, D(0x3F2089CDD5E44BE8), D(0x3F9F06D10CCA2C7E));
    p = fma64(p, g2, 1.0);
    double pg = p * g;
    double q = fma64(g2, D(0x3EC92EB6BC365FA0), D(0x3F64AE39B508B6C0));
    q = fma64(q, g2, D(0x3FCD17099887E074));
    q = fma64(q, g2, 2.0);
    double approx = fma64(pg / (q - pg), 2.0, 1.0);
    int32_t n32 = (int32_t)nf;
    n32 = n32 > 2099 ? 2099 : n32;
    n32 = n32 < -2099 ? -2099 : n32;
    int64_t n = n32;
    int64_t b = n >> 2;
    double s = f64_of((uint64_t)(b << 52) + 0x3FF0000000000000ull);
    *s2 = f64_of((uint64_t)((n - 3 * b) << 52) + 0x3FF0000000000000ull);
    return approx * s * s * s;
}

JL_INLINE double xla_exp64(double x0) {
    double x = flush64(x0);
    int nan = x != x;
    double s2, y3 = exp64_parts(nan ? 0.0 : x, &s2);
    double r = y3 * s2;
    r = x > D(0x40862E42FEFA39EF) ? INFINITY : r;
    r = x < D(0xC086232BDD7ABCD2) ? 0.0 : r;
    return nan ? x + 0.0 : r;
}

JL_INLINE double xla_logistic64(double x0) {
    double x = flush64(x0);
    int nan = x != x;
    double s2, y3 = exp64_parts(nan ? 0.0 : -x, &s2);
    double r = 1.0 / fma64(y3, s2, 1.0);
    r = -x > D(0x40862E42FEFA39EF) ? 0.0 : r;
    r = -x < D(0xC086232BDD7ABCD2) ? 1.0 : r;
    return nan ? -x + 0.0 : r;
}

JL_INLINE double xla_tanh64(double x) {
    int nan = x != x;
    double bound = D(0x4031B6D58F246197);
    double xc = nan ? 0.0 : x;
    xc = xc < -bound ? -bound : xc;
    xc = xc > bound ? bound : xc;
    double x2 = xc * xc;
    double p = fma64(x2, D(0x3B3F9F82E5D782DF), D(0x3C2C3C836C04B4C8));
    p = fma64(x2, p, D(0x3CEC3379F905E662));
    p = fma64(x2, p, D(0x3D929AFF6C8EDD96));
    p = fma64(x2, p, D(0x3E2525A389DCE7C2));
    p = fma64(x2, p, D(0x3EA708819BE51CD9));
    p = fma64(x2, p, D(0x3F18996F4026A7FA));
    p = fma64(x2, p, D(0x3F787F80B957ED00));
    p = fma64(x2, p, D(0x3FC36FBA9B450E5A));
    p = fma64(x2, p, D(0x3FF0000000000000));
    double q = fma64(x2, D(0x3BBE8630CF903250), D(0x3C90AABCA9A5FEA0));
    q = fma64(x2, q, D(0x3D4232981AA2BBA8));
    q = fma64(x2, q, D(0x3DDEE2F015EA8065));
    q = fma64(x2, q, D(0x3E681F1947C52304));
    q = fma64(x2, q, D(0x3EE26C82AB46D140));
    q = fma64(x2, q, D(0x3F4B2E7C4D488C04));
    q = fma64(x2, q, D(0x3FA1998830265B50));
    q = fma64(x2, q, D(0x3FDF0D32A2F7DC79));
    q = fma64(x2, q, D(0x3FF0000000000000));
    double r = (xc * p) / q;
    r = abs64(x) >= 20.0 ? copysign64(1.0, x) : r;
    return nan ? x + 0.0 : r;
}

JL_INLINE double xla_expm1_64(double x) {
    int nan = x != x;
    double xs = nan ? 0.0 : x;
    double half = xs * 0.5;
    double e = xla_exp64(xs);
    double r = xla_tanh64(half) * (e + 1.0);
    r = abs64(xs) > 0.5 ? e + -1.0 : r;
    r = half == 0.0 ? x : r;
    return nan ? x + 0.0 : r;
}

// float64 erfc as JAX lowers it (chlo.erfc, after Cephes): 1 - x T(x^2) / U(x^2) below 1 in
// magnitude, else exp(-x^2) P(|x|) / Q(|x|) below 8 or R(|x|) / S(|x|) above, zero past exp's
// range, 2 - erfc(|x|) for negative x; polynomials from a zero start, one FMA per step.
JL_INLINE double erfc_poly64(const double *c, int n, double x) {
    double p = 0.0;
    for (int i = 0; i < n; i++) p = fma64(p, x, c[i]);
    return p;
}
JL_INLINE double xla_erfc64(double x) {
    static const double P[] = {2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0,
                               4.86371970985681366614E1, 1.96520832956077098242E2, 5.26445194995477358631E2,
                               9.34528527171957607540E2, 1.02755188689515710272E3, 5.57535335369399327526E2};
    static const double Q[] = {1.0, 1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2,
                               9.75708501743205489753E2, 1.82390916687909736289E3, 2.24633760818710981792E3,
                               1.65666309194161350182E3, 5.57535340817727675546E2};
    static const double R[] = {5.64189583547755073984E-1, 1.27536670759978104416E0, 5.01905042251180477414E0,
                               6.16021097993053585195E0, 7.40974269950448939160E0, 2.97886665372100240670E0};
    static const double S[] = {1.0, 2.26052863220117276590E0, 9.39603524938001434673E0, 1.20489539808096656605E1,
                               1.70814450747565897222E1, 9.60896809063285878198E0, 3.36907645100081516050E0};
    static const double T[] = {9.60497373987051638749E0, 9.00260197203842689217E1, 2.23200534594684319226E3,
                               7.00332514112805075473E3, 5.55923013010394962768E4};
    static const double U[] = {1.0, 3.35617141647503099647E1, 5.21357949780152679795E2, 4.59432382970980127987E3,
                               2.26290000613890934246E4, 4.92673942608635921086E4};
    double xsq = x * x, z = -xsq, ax = abs64(x);
    double e = xla_exp64(z);
    double tail = ax < 8.0 ? (e * erfc_poly64(P, 9, ax)) / erfc_poly64(Q, 9, ax)
                           : (e * erfc_poly64(R, 6, ax)) / erfc_poly64(S, 7, ax);
    tail = z < -7.09782712893383996843E2 ? 0.0 : tail;
    double large = x < 0.0 ? 2.0 - tail : tail;
    double small = 1.0 - (x * erfc_poly64(T, 5, xsq)) / erfc_poly64(U, 6, xsq);
    return ax < 1.0 ? small : large;
}

JL_UNARY_BLOCK(jaxlab_f64_exp, double, double, xla_exp64)
JL_UNARY_BLOCK(jaxlab_f64_erfc, double, double, xla_erfc64)
JL_UNARY_BLOCK(jaxlab_f64_logistic, double, double, xla_logistic64)
JL_UNARY_BLOCK(jaxlab_f64_tanh, double, double, xla_tanh64)
JL_UNARY_BLOCK(jaxlab_f64_expm1, double, double, xla_expm1_64)
