// XLA's cumulative sum and product on CPU (its reduce-window rewrite with base 16), per float
// type: the line in blocks of 16 (padded with the identity), each element the sum (product) of
// its window within the block from the identity, left to right (the block's prefix, or its
// suffix when `reverse`); the block totals combined the same way, recursively; each block then
// combines with the total of the blocks before it (after it when reversed), block 0 (the last
// block) with the identity. `scratch` must hold n / 7 + 64 elements.
#include "internal.h"

#define JL_SCAN(name, T, OP, ID)                                                              \
    static void name##_blocks(const T *x, T *out, long n, int reverse) {                      \
        for (long start = 0; start < n; start += 16) {                                        \
            long len = n - start < 16 ? n - start : 16;                                       \
            const T *b = x + start;                                                           \
            T *o = out + start;                                                               \
            if (!reverse) {                                                                   \
                T s = ID;                                                                     \
                for (long j = 0; j < len; j++) { s = s OP b[j]; o[j] = s; }                   \
            } else {                                                                          \
                for (long j = 0; j < len; j++) {                                              \
                    T s = ID;                                                                 \
                    for (long k = j; k < len; k++) s = s OP b[k];                             \
                    o[j] = s;                                                                 \
                }                                                                             \
            }                                                                                 \
        }                                                                                     \
    }                                                                                         \
    void name(const T *x, T *out, long n, int reverse, T *scratch) {                          \
        name##_blocks(x, out, n, reverse);                                                    \
        if (n <= 16) return;                                                                  \
        long blocks = (n + 15) / 16;                                                          \
        T *totals = scratch, *sums = scratch + blocks;                                        \
        for (long b = 0; b < blocks; b++) {                                                   \
            long last = b * 16 + 15 < n ? b * 16 + 15 : n - 1;                                \
            /* the padded block's total: its last element (the identity changes nothing) */  \
            totals[b] = reverse ? out[b * 16] : out[last];                                    \
        }                                                                                     \
        name(totals, sums, blocks, reverse, scratch + 2 * blocks);                            \
        for (long b = 0; b < blocks; b++) {                                                   \
            T offset = reverse ? (b + 1 < blocks ? sums[b + 1] : ID) : (b > 0 ? sums[b - 1] : ID);   \
            T *o = out + b * 16;                                                              \
            long len = n - b * 16 < 16 ? n - b * 16 : 16;                                     \
            for (long j = 0; j < len; j++) o[j] = o[j] OP offset;                             \
        }                                                                                     \
    }

JL_SCAN(jaxlab_f32_cumsum, float, +, 0)
JL_SCAN(jaxlab_f64_cumsum, double, +, 0)
JL_SCAN(jaxlab_f32_cumprod, float, *, 1)
JL_SCAN(jaxlab_f64_cumprod, double, *, 1)
