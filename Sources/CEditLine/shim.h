// C entry points Swift cannot call directly: libedit's variadic el_set/el_get/history,
// the C standard streams, and sigaction with explicit flags, wrapped as plain functions.
#ifndef JAXLAB_CEDITLINE_SHIM_H
#define JAXLAB_CEDITLINE_SHIM_H
#include <histedit.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <pthread.h>
#include <unistd.h>
#include <wchar.h>

static inline FILE *jl_stdin(void) { return stdin; }
static inline FILE *jl_stdout(void) { return stdout; }
static inline FILE *jl_stderr(void) { return stderr; }

typedef char *(*jl_prompt_fn)(EditLine *);
typedef unsigned char (*jl_command_fn)(EditLine *, int);

// The prompt callback; `marker` brackets escape sequences that take no columns.
static inline int jl_el_set_prompt(EditLine *el, jl_prompt_fn fn, char marker) {
    return el_set(el, EL_PROMPT_ESC, fn, marker);
}
static inline int jl_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
typedef int (*jl_read_fn)(EditLine *, wchar_t *);

// Replaces libedit's character reader (it must return 1 with a character, 0 at the end of
// input, -1 with errno set on error).
static inline int jl_el_set_reader(EditLine *el, jl_read_fn fn) { return el_set(el, EL_GETCFN, fn); }
// Switches the terminal to the editor's raw mode (1) or back (0).
static inline int jl_el_prepare_terminal(EditLine *el, int raw) { return el_set(el, EL_PREP_TERM, raw); }
static inline int jl_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }
static inline int jl_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int jl_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *jl_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int jl_el_add_function(EditLine *el, const char *name, const char *help, jl_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int jl_el_bind(EditLine *el, const char *keys, const char *function) {
    return el_set(el, EL_BIND, keys, function, NULL);
}
// Terminal width in columns as libedit knows it (0 when unknown).
static inline int jl_el_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, NULL) != 0) return 0;
    return columns;
}

// The terminal's size on `fd` (rows and columns); 0 when it is not a terminal.
static inline int jl_terminal_size(int fd, unsigned short *rows, unsigned short *columns) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

static inline int jl_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int jl_history_set_unique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
static inline int jl_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int jl_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int jl_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}
static inline int jl_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}
// Iteration from the newest entry back (libedit's H_FIRST is the newest): jl_history_newest,
// then jl_history_older until NULL.
static inline const char *jl_history_newest(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) != 0) return NULL;
    return ev.str;
}
static inline const char *jl_history_older(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_NEXT) != 0) return NULL;
    return ev.str;
}

// Installs `handler` for `signal` with sa_flags = 0 (no SA_RESTART), so a blocking read
// returns EINTR and the line editor gives up the line.
static inline int jl_set_signal_handler(int signal, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(signal, &action, NULL);
}

// From a fatal-signal handler: take the default action for `signal` again and re-raise it.
static inline void jl_die_by_signal(int signal) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
    raise(signal);
}

// From a Ctrl-Z (SIGTSTP) handler: stop the process as the default action would, and when it
// is continued put the handler back.
static inline void jl_stop_by_signal(int signal) {
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, &previous);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, signal);
    pthread_sigmask(SIG_UNBLOCK, &set, &old);
    raise(signal);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    sigaction(signal, &previous, NULL);
}

// Columns a character takes on the terminal (wcwidth; -1 for a non-printable one).
static inline int jl_wcwidth(wchar_t c) { return wcwidth(c); }

// Turns the terminal's bracketed paste off (async-signal-safe: for signal handlers).
static inline void jl_bracketed_paste_off(void) {
    static const char text[] = "\033[?2004l";
    ssize_t written = write(1, text, sizeof text - 1);
    (void)written;
}

#endif
