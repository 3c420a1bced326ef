// The block forms of each two-operand float kernel of kernels_binary.h, looked up by operation
// (binary.c holds the tables), so that a caller names an operation instead of three kernels.
#ifndef C_ELEMENTWISE_KERNELS_TABLES_H
#define C_ELEMENTWISE_KERNELS_TABLES_H

#include <stdbool.h>

#pragma clang assume_nonnull begin
typedef enum {
    JL_ADD, JL_SUBTRACT, JL_MULTIPLY, JL_DIVIDE, JL_MAXIMUM, JL_MINIMUM, JL_POWER, JL_ARCTAN2,
    JL_REMAINDER, JL_FLOOR_DIVIDE
} JLBinaryOperation;
typedef enum { JL_EQUAL, JL_NOT_EQUAL, JL_LESS, JL_LESS_EQUAL, JL_GREATER, JL_GREATER_EQUAL } JLComparison;

// The kernels are plain functions, safe to call from any thread.
#define JL_SENDABLE __attribute__((swift_attr("@Sendable")))
#define JL_BLOCK_SET(Name, T, R)                                                              \
    typedef struct {                                                                          \
        void (*both)(const T *, const T *, R *, long) JL_SENDABLE;                            \
        void (*vs)(const T *, T, R *, long) JL_SENDABLE;                                      \
        void (*sv)(T, const T *, R *, long) JL_SENDABLE;                                      \
    } Name;
JL_BLOCK_SET(JLFloat32Blocks, float, float)
JL_BLOCK_SET(JLFloat64Blocks, double, double)
JL_BLOCK_SET(JLFloat32Tests, float, bool)
JL_BLOCK_SET(JLFloat64Tests, double, bool)
#undef JL_BLOCK_SET
#undef JL_SENDABLE

JLFloat32Blocks jaxlab_f32_blocks(JLBinaryOperation operation);
JLFloat64Blocks jaxlab_f64_blocks(JLBinaryOperation operation);
JLFloat32Tests jaxlab_f32_tests(JLComparison comparison);
JLFloat64Tests jaxlab_f64_tests(JLComparison comparison);
#pragma clang assume_nonnull end

#endif
