// A C stream whose writes go to a callback. It lives apart from the libedit shim because
// fopencookie needs _GNU_SOURCE, and a module that sees the system headers with it changes
// their declarations (fd_set's member names) and then conflicts with every other module.
#ifndef JAXLAB_WRITE_STREAM_H
#define JAXLAB_WRITE_STREAM_H
#include <stddef.h>
#include <stdio.h>

// What a stream's writes are handed to: returns the count taken, or -1.
typedef long (*jl_stream_write_fn)(void *context, const char *bytes, size_t count);

// A stream that hands what is written to `write(context, bytes, count)`: the line editor's
// output, passed on to the terminal and watched.
FILE *jl_open_write_stream(void *context, jl_stream_write_fn write);

#endif
