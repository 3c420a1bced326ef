// Reductions in the orders JAX computes them (see JaxCore's SumOrder for the definitions):
// YNNPACK's float32 `sum_float_k1` (16 lanes, blocks of 64 folded into the lanes, groups of 256
// accumulated, a Kahan step every 1,024 elements, then a pairwise horizontal add) and
// `sum_float_kn` (columns), and the extreme value of a line. Each lane's additions happen in
// exactly the order of the definition, so wider vectors change nothing but speed. The dispatching
// forms run with denormals flushed (FTZ/DAZ), as XLA runs YNNPACK and its own loops: sums of tiny
// values whose partial sums or Kahan corrections are subnormal come out as JAX's only that way.
#include "internal.h"

enum { LANES = 16 };

// acc += a with the running compensation `err`; a non-finite compensation is dropped.
JL_INLINE void kahan16(const float *a, float *acc, float *err) {
    for (int j = 0; j < LANES; j++) {
        float y = a[j] - err[j];
        float t = acc[j] + y;
        float e = (t - acc[j]) - y;
        err[j] = (e - e) == 0.0f ? e : 0.0f;
        acc[j] = t;
    }
}

// Element i of the line k1 sums: a[i], or with `squares` the squared deviation (a[i] - m)^2,
// each step rounded (jnp.var's second pass); constant after inlining.
JL_INLINE float k1_element(const float *a, long i, float m, int squares) {
    if (!squares) return a[i];
    float d = a[i] - m;
    return d * d;
}

// One 64-element block folded into the 16 lanes: ((a[j] + a[16+j]) + a[32+j]) + a[48+j].
JL_INLINE void local16(const float *a, long pos, float m, int squares, float *out) {
    for (int j = 0; j < LANES; j++) {
        out[j] = ((k1_element(a, pos + j, m, squares) + k1_element(a, pos + 16 + j, m, squares))
                  + k1_element(a, pos + 32 + j, m, squares)) + k1_element(a, pos + 48 + j, m, squares);
    }
}

// Whole groups of 256 folded into the state's lanes, the clock running on from its groups;
// returns the elements consumed (n rounded down to a multiple of 256).
JL_INLINE long k1_groups(jaxlab_k1_state *s, const float *a, long n, float m, int squares) {
    float acc1[LANES], acc2[LANES], err[LANES];
    memcpy(acc1, s->acc1, sizeof acc1);
    memcpy(acc2, s->acc2, sizeof acc2);
    memcpy(err, s->err, sizeof err);
    long groups = n / 256, pos = 0, g = s->groups;
    for (long k = 0; k < groups; k++, g++, pos += 256) {
        float l0[LANES], l1[LANES], l2[LANES], l3[LANES];
        local16(a, pos, m, squares, l0);
        local16(a, pos + 64, m, squares, l1);
        local16(a, pos + 128, m, squares, l2);
        local16(a, pos + 192, m, squares, l3);
        for (int j = 0; j < LANES; j++) acc1[j] += ((l0[j] + l1[j]) + l2[j]) + l3[j];
        if ((g & 3) == 3) {  // the clock reaches a multiple of 256 every fourth group
            kahan16(acc1, acc2, err);
            for (int j = 0; j < LANES; j++) acc1[j] = 0.0f;
        }
    }
    memcpy(s->acc1, acc1, sizeof acc1);
    memcpy(s->acc2, acc2, sizeof acc2);
    memcpy(s->err, err, sizeof err);
    s->groups = g;
    return pos;
}

// The line's last elements (whole groups, then fewer than 256) and the horizontal add.
JL_INLINE float k1_finish(jaxlab_k1_state *s, const float *a, long n, float m, int squares) {
    long pos = k1_groups(s, a, n, m, squares);
    float acc0[LANES] = {0};
    float *acc1 = s->acc1, *acc2 = s->acc2, *err = s->err;
    for (; n - pos >= 64; pos += 64) {
        float l[LANES];
        local16(a, pos, m, squares, l);
        for (int j = 0; j < LANES; j++) acc1[j] += l[j];
    }
    if (n - pos > 0) {
        // the zero-padded last block, added row by row from zero
        for (int q = 0; q < 4; q++) {
            for (int j = 0; j < LANES; j++) {
                long i = pos + q * 16 + j;
                acc0[j] = acc0[j] + (i < n ? k1_element(a, i, m, squares) : 0.0f);
            }
        }
    }
    for (int j = 0; j < LANES; j++) acc1[j] += acc0[j];
    kahan16(acc1, acc2, err);
    float v8[8], v4[4], v2[2];
    for (int j = 0; j < 8; j++) v8[j] = acc2[j] + acc2[8 + j];
    for (int j = 0; j < 4; j++) v4[j] = v8[j] + v8[4 + j];
    for (int j = 0; j < 2; j++) v2[j] = v4[j] + v4[2 + j];
    return v2[0] + v2[1];
}

JL_INLINE float k1_sum_of(const float *a, long n, float m, int squares) {
    jaxlab_k1_state s = {0};
    return k1_finish(&s, a, n, m, squares);
}
JL_INLINE float k1_sum(const float *a, long n) { return k1_sum_of(a, n, 0.0f, 0); }
JL_INLINE float k1_squares(const float *a, long n, float m) { return k1_sum_of(a, n, m, 1); }

JL_WIDE float jaxlab_ynn_k1_sum_avx512(const float *a, long n) { return k1_sum(a, n); }
JL_FAST float jaxlab_ynn_k1_sum_avx2(const float *a, long n) { return k1_sum(a, n); }
float jaxlab_ynn_k1_sum_portable(const float *a, long n) { return k1_sum(a, n); }
float jaxlab_ynn_k1_sum(const float *a, long n) {
    unsigned saved = jaxlab_fp_enter_flush();
    float s = jl_wide() ? jaxlab_ynn_k1_sum_avx512(a, n) : jl_fast() ? jaxlab_ynn_k1_sum_avx2(a, n) : k1_sum(a, n);
    jaxlab_fp_restore(saved);
    return s;
}

// The streaming forms: one line given piece by piece, each piece's elements in place in the
// line's order (a fused loop's blocks).
JL_WIDE static void k1_feed_avx512(jaxlab_k1_state *s, const float *a, long n) { k1_groups(s, a, n, 0.0f, 0); }
JL_FAST static void k1_feed_avx2(jaxlab_k1_state *s, const float *a, long n) { k1_groups(s, a, n, 0.0f, 0); }
void jaxlab_ynn_k1_feed(jaxlab_k1_state *s, const float *a, long n) {
    unsigned saved = jaxlab_fp_enter_flush();
    if (jl_wide()) k1_feed_avx512(s, a, n);
    else if (jl_fast()) k1_feed_avx2(s, a, n);
    else k1_groups(s, a, n, 0.0f, 0);
    jaxlab_fp_restore(saved);
}
JL_WIDE static float k1_finish_avx512(jaxlab_k1_state *s, const float *a, long n) { return k1_finish(s, a, n, 0.0f, 0); }
JL_FAST static float k1_finish_avx2(jaxlab_k1_state *s, const float *a, long n) { return k1_finish(s, a, n, 0.0f, 0); }
float jaxlab_ynn_k1_finish(jaxlab_k1_state *s, const float *a, long n) {
    unsigned saved = jaxlab_fp_enter_flush();
    float sum = jl_wide() ? k1_finish_avx512(s, a, n) : jl_fast() ? k1_finish_avx2(s, a, n) : k1_finish(s, a, n, 0.0f, 0);
    jaxlab_fp_restore(saved);
    return sum;
}

JL_WIDE float jaxlab_ynn_k1_squares_avx512(const float *a, long n, float m) { return k1_squares(a, n, m); }
JL_FAST float jaxlab_ynn_k1_squares_avx2(const float *a, long n, float m) { return k1_squares(a, n, m); }
float jaxlab_ynn_k1_squares_portable(const float *a, long n, float m) { return k1_squares(a, n, m); }
float jaxlab_ynn_k1_squares(const float *a, long n, float m) {
    unsigned saved = jaxlab_fp_enter_flush();
    float s = jl_wide() ? jaxlab_ynn_k1_squares_avx512(a, n, m) : jl_fast() ? jaxlab_ynn_k1_squares_avx2(a, n, m)
                                                                            : k1_squares(a, n, m);
    jaxlab_fp_restore(saved);
    return s;
}

// `sum_float_kn` over `rows` rows of `cols` floats (row i at x + i * stride): per column,
// groups of 4 rows summed in order into acc0, acc0 flushed into acc1 every 16 rows, Kahan into
// acc2 every 256 rows; the result per column is acc2. `scratch` holds 5 * cols floats.
JL_INLINE void kn_sum(const float *x, long rows, long cols, long stride, float *out, float *scratch) {
    if (rows <= 4) {
        // one local block: 0 + ((row0 + row1) + row2) + row3
        for (long c = 0; c < cols; c++) out[c] = x[c];
        for (long r = 1; r < rows; r++) {
            const float *row = x + r * stride;
            for (long c = 0; c < cols; c++) out[c] += row[c];
        }
        for (long c = 0; c < cols; c++) out[c] = 0.0f + out[c];
        return;
    }
    float *acc0 = scratch, *acc1 = scratch + cols, *acc2 = scratch + 2 * cols, *err = scratch + 3 * cols,
          *local = scratch + 4 * cols;
    for (long c = 0; c < 4 * cols; c++) scratch[c] = 0.0f;
    long pos = 0, clock = 0;
    while (rows - pos >= 4 || rows - pos > 0) {
        long count = rows - pos >= 4 ? 4 : rows - pos;
        const float *first = x + pos * stride;
        for (long c = 0; c < cols; c++) local[c] = first[c];
        for (long r = 1; r < count; r++) {
            const float *row = x + (pos + r) * stride;
            for (long c = 0; c < cols; c++) local[c] += row[c];
        }
        for (long c = 0; c < cols; c++) acc0[c] += local[c];
        pos += count;
        if (count < 4) break;
        clock += 4;
        if (clock % 16 == 0) {
            for (long c = 0; c < cols; c++) { acc1[c] += acc0[c]; acc0[c] = 0.0f; }
            if (clock % 256 == 0) {
                for (long c = 0; c < cols; c++) {
                    float y = acc1[c] - err[c];
                    float t = acc2[c] + y;
                    float e = (t - acc2[c]) - y;
                    err[c] = (e - e) == 0.0f ? e : 0.0f;
                    acc2[c] = t;
                    acc1[c] = 0.0f;
                }
            }
        }
    }
    for (long c = 0; c < cols; c++) {
        float a1 = acc1[c] + acc0[c];
        float y = a1 - err[c];
        out[c] = acc2[c] + y;
    }
}

JL_WIDE void jaxlab_ynn_kn_sum_avx512(const float *x, long rows, long cols, long stride, float *out, float *scratch) {
    kn_sum(x, rows, cols, stride, out, scratch);
}
JL_FAST void jaxlab_ynn_kn_sum_avx2(const float *x, long rows, long cols, long stride, float *out, float *scratch) {
    kn_sum(x, rows, cols, stride, out, scratch);
}
void jaxlab_ynn_kn_sum_portable(const float *x, long rows, long cols, long stride, float *out, float *scratch) {
    kn_sum(x, rows, cols, stride, out, scratch);
}
void jaxlab_ynn_kn_sum(const float *x, long rows, long cols, long stride, float *out, float *scratch) {
    unsigned saved = jaxlab_fp_enter_flush();
    if (jl_wide()) jaxlab_ynn_kn_sum_avx512(x, rows, cols, stride, out, scratch);
    else if (jl_fast()) jaxlab_ynn_kn_sum_avx2(x, rows, cols, stride, out, scratch);
    else kn_sum(x, rows, cols, stride, out, scratch);
    jaxlab_fp_restore(saved);
}

// The largest (or smallest) element of a line by running extremes per lane, and whether the
// line holds a NaN. Exact whenever the line has no NaN and the extreme is not zero (its sign
// would depend on the order); the caller redoes those lines with the ordered rule.
#define JL_EXTREME(name, attributes, T, better)                                               \
    attributes T name(const T *x, long n, int *saw_nan) {                                     \
        enum { W = 32 };                                                                      \
        T m[W];                                                                               \
        int nan[W];                                                                           \
        for (int j = 0; j < W; j++) { m[j] = better(1, 0) ? -INFINITY : INFINITY; nan[j] = 0; } \
        long i = 0;                                                                           \
        for (; i + W <= n; i += W) {                                                          \
            for (int j = 0; j < W; j++) {                                                     \
                T v = x[i + j];                                                               \
                m[j] = better(v, m[j]) ? v : m[j];                                            \
                nan[j] |= v != v;                                                             \
            }                                                                                 \
        }                                                                                     \
        T r = better(1, 0) ? -INFINITY : INFINITY;                                            \
        int any = 0;                                                                          \
        for (int j = 0; j < W; j++) { r = better(m[j], r) ? m[j] : r; any |= nan[j]; }        \
        for (; i < n; i++) { r = better(x[i], r) ? x[i] : r; any |= x[i] != x[i]; }           \
        *saw_nan = any;                                                                       \
        return r;                                                                             \
    }
#define JL_GREATER(a, b) ((a) > (b))
#define JL_LESS(a, b) ((a) < (b))
JL_EXTREME(jaxlab_f32_extreme_max_avx2, JL_FAST, float, JL_GREATER)
JL_EXTREME(jaxlab_f32_extreme_max_portable, , float, JL_GREATER)
JL_EXTREME(jaxlab_f32_extreme_min_avx2, JL_FAST, float, JL_LESS)
JL_EXTREME(jaxlab_f32_extreme_min_portable, , float, JL_LESS)
JL_EXTREME(jaxlab_f64_extreme_max_avx2, JL_FAST, double, JL_GREATER)
JL_EXTREME(jaxlab_f64_extreme_max_portable, , double, JL_GREATER)
JL_EXTREME(jaxlab_f64_extreme_min_avx2, JL_FAST, double, JL_LESS)
JL_EXTREME(jaxlab_f64_extreme_min_portable, , double, JL_LESS)

float jaxlab_f32_extreme(const float *x, long n, int max, int *saw_nan) {
    if (jl_fast()) return max ? jaxlab_f32_extreme_max_avx2(x, n, saw_nan) : jaxlab_f32_extreme_min_avx2(x, n, saw_nan);
    return max ? jaxlab_f32_extreme_max_portable(x, n, saw_nan) : jaxlab_f32_extreme_min_portable(x, n, saw_nan);
}
double jaxlab_f64_extreme(const double *x, long n, int max, int *saw_nan) {
    if (jl_fast()) return max ? jaxlab_f64_extreme_max_avx2(x, n, saw_nan) : jaxlab_f64_extreme_min_avx2(x, n, saw_nan);
    return max ? jaxlab_f64_extreme_max_portable(x, n, saw_nan) : jaxlab_f64_extreme_min_portable(x, n, saw_nan);
}

// One level of XLA's reduction tree: windows j in [first, first + count) of the centred
// windows of 32 (window j covers [32j - low, 32j + 32 - low) within the line), each folded in
// order from the identity (+0, or 1 for a product) into parts[j - first]. Eight windows are
// folded side by side so their dependency chains overlap.
#define JL_WINDOW_FOLD(name, attributes, T)                                                   \
    attributes void name(const T *x, long n, long low, long first, long count, int product, T *parts) { \
        const T identity = product ? (T)1 : (T)0;                                             \
        long j = first, end = first + count;                                                  \
        for (; j < end && 32 * j - low < 0; j++) {                                            \
            T s = identity;                                                                   \
            long b = 32 * j + 32 - low < n ? 32 * j + 32 - low : n;                           \
            for (long i = 0; i < b; i++) s = product ? s * x[i] : s + x[i];                   \
            parts[j - first] = s;                                                             \
        }                                                                                     \
        for (; j + 8 <= end && 32 * (j + 8) - low <= n; j += 8) {                             \
            T s[8];                                                                           \
            for (int w = 0; w < 8; w++) s[w] = identity;                                      \
            const T *base = x + 32 * j - low;                                                 \
            if (product) {                                                                    \
                for (int k = 0; k < 32; k++) for (int w = 0; w < 8; w++) s[w] = s[w] * base[32 * w + k]; \
            } else {                                                                          \
                for (int k = 0; k < 32; k++) for (int w = 0; w < 8; w++) s[w] = s[w] + base[32 * w + k]; \
            }                                                                                 \
            for (int w = 0; w < 8; w++) parts[j - first + w] = s[w];                          \
        }                                                                                     \
        for (; j < end; j++) {                                                                \
            T s = identity;                                                                   \
            long a = 32 * j - low > 0 ? 32 * j - low : 0;                                     \
            long b = 32 * j + 32 - low < n ? 32 * j + 32 - low : n;                           \
            for (long i = a; i < b; i++) s = product ? s * x[i] : s + x[i];                   \
            parts[j - first] = s;                                                             \
        }                                                                                     \
    }
JL_WINDOW_FOLD(jaxlab_f32_window_fold_avx2, JL_FAST, float)
JL_WINDOW_FOLD(jaxlab_f32_window_fold_portable, , float)
JL_WINDOW_FOLD(jaxlab_f64_window_fold_avx2, JL_FAST, double)
JL_WINDOW_FOLD(jaxlab_f64_window_fold_portable, , double)

void jaxlab_f32_window_fold(const float *x, long n, long low, long first, long count, int product, float *parts) {
    unsigned saved = jaxlab_fp_enter_flush();
    if (jl_fast()) jaxlab_f32_window_fold_avx2(x, n, low, first, count, product, parts);
    else jaxlab_f32_window_fold_portable(x, n, low, first, count, product, parts);
    jaxlab_fp_restore(saved);
}
void jaxlab_f64_window_fold(const double *x, long n, long low, long first, long count, int product, double *parts) {
    unsigned saved = jaxlab_fp_enter_flush();
    if (jl_fast()) jaxlab_f64_window_fold_avx2(x, n, low, first, count, product, parts);
    else jaxlab_f64_window_fold_portable(x, n, low, first, count, product, parts);
    jaxlab_fp_restore(saved);
}
