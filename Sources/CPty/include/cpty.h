// Pseudo-terminal helpers for driving the jaxlab binary in tests: Swift's Glibc module does
// not expose posix_openpt/grantpt/unlockpt/ptsname_r or posix_spawn's setsid flag.
#ifndef JAXLAB_CPTY_H
#define JAXLAB_CPTY_H
#include <stddef.h>
#include <sys/types.h>

// Opens a pty master (returned; -1 on error) sized rows x columns and writes the slave's
// path into `slave_name`.
int jl_pty_open(char *slave_name, size_t size, unsigned short rows, unsigned short columns);

// Starts `path` in a new session whose controlling terminal is the slave; returns the pid or -1.
pid_t jl_pty_spawn(const char *slave_name, const char *path, char *const argv[], char *const envp[]);

// Changes the window size as a terminal emulator does (the child gets SIGWINCH).
int jl_pty_resize(int master, unsigned short rows, unsigned short columns);

// 1 when the terminal's ICANON flag is off (the line editor is reading keys), 0 when on, -1 on error.
int jl_pty_is_raw(int fd);

// The bytes written to the terminal that the program has not read yet (-1 on error).
int jl_pty_unread(int fd);

#endif
