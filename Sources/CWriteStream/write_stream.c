#define _GNU_SOURCE  // fopencookie
#include "write_stream.h"

FILE *jl_open_write_stream(void *context, jl_stream_write_fn write) {
    cookie_io_functions_t functions = { NULL, (cookie_write_function_t *)write, NULL, NULL };
    return fopencookie(context, "w", functions);
}
