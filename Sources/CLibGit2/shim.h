#ifndef ISC_CLIBGIT2_SHIM_H
#define ISC_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#include <git2/sys/stream.h>
#include <git2/sys/path.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Inline wrappers for the parts of libgit2 that Swift cannot call directly
   (variadic functions, macros, function pointers inside structs). Nothing here keeps state. */

/* git_libgit2_opts is variadic: one wrapper per option we use. */
static inline int isc_git_opts_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

static inline int isc_git_opts_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int isc_git_opts_set_cache_object_limit(git_object_t type, size_t size) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size);
}

/* Whether an object is held by one particular ODB backend (the in-memory mempack): the
   backend's `exists` callback, which Swift cannot call through the struct. 1 = yes, 0 = no. */
static inline int isc_odb_backend_exists(git_odb_backend *backend, const git_oid *oid) {
    if (backend == NULL || backend->exists == NULL) return 0;
    return backend->exists(backend, oid) ? 1 : 0;
}

/* ---- The TCP stream registered for GIT_STREAM_STANDARD (see NetworkStream.swift) ----
   Every TCP connection libgit2 opens (http, the socket under https, git://, ssh) is created by
   the Swift registration, which refuses hosts other than the operation's origin, and then by
   isc_socket_stream_new: a plain blocking socket whose connect, reads and writes wait at most
   `idle_ms` for the peer (and never past `deadline`), so a silent server ends the operation.
   The first four fields have the layout of libgit2 1.5's own git_socket_stream: its SSH
   transport hands `s` to libssh2 directly. */

/* Called when a wait of the stream gives up: reason 1 = idle timeout, 2 = deadline. */
typedef void (*isc_stream_timeout_cb)(int reason, const char *host, const char *port);

typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int s;
    /* ours, after libgit2's layout */
    int idle_ms;                 /* <= 0: wait for ever */
    long long deadline_ms;       /* CLOCK_MONOTONIC milliseconds; 0: none */
    isc_stream_timeout_cb on_timeout;
} isc_socket_stream;

static inline long long isc_monotonic_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static inline void isc_stream_error(int klass, const char *what, isc_socket_stream *st, int err) {
    char message[512];
    if (err != 0)
        snprintf(message, sizeof message, "%s %s:%s: %s", what, st->host, st->port, strerror(err));
    else
        snprintf(message, sizeof message, "%s %s:%s", what, st->host, st->port);
    git_error_set_str(klass, message);
}

/* Waits until the socket is ready for `events` (or has failed: the next call reports it); 0 when
   ready, -1 on timeout or failure (the error is set). Without a limit it waits for ever. */
static inline int isc_stream_wait(isc_socket_stream *st, int fd, short events) {
    for (;;) {
        int wait = st->idle_ms > 0 ? st->idle_ms : -1;
        int reason = 1;
        if (st->deadline_ms > 0) {
            long long left = st->deadline_ms - isc_monotonic_ms();
            if (left < 0) left = 0;
            if (wait < 0 || left < wait) { wait = (int)left; reason = 2; }
        }
        struct pollfd p = { fd, events, 0 };
        int rc = poll(&p, 1, wait);
        if (rc > 0) return 0;
        if (rc < 0 && errno == EINTR) continue;
        if (rc == 0) {
            if (st->on_timeout) st->on_timeout(reason, st->host, st->port);
            isc_stream_error(GIT_ERROR_NET, reason == 1 ? "no data for too long from" : "out of time talking to", st, 0);
            return -1;
        }
        isc_stream_error(GIT_ERROR_OS, "cannot wait for", st, errno);
        return -1;
    }
}

static inline int isc_stream_connect(git_stream *stream) {
    isc_socket_stream *st = (isc_socket_stream *)stream;
    struct addrinfo hints, *info = NULL, *p;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(st->host, st->port, &hints, &info);
    if (rc != 0) {
        char message[512];
        snprintf(message, sizeof message, "failed to resolve address for %s: %s", st->host, gai_strerror(rc));
        git_error_set_str(GIT_ERROR_NET, message);
        return -1;
    }
    int fd = -1, last = 0, timed_out = 0;
    for (p = info; p != NULL && !timed_out; p = p->ai_next) {
        fd = socket(p->ai_family, p->ai_socktype | SOCK_CLOEXEC, p->ai_protocol);
        if (fd < 0) { last = errno; continue; }
        int flags = fcntl(fd, F_GETFL, 0);
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
        rc = connect(fd, p->ai_addr, p->ai_addrlen);
        if (rc < 0 && errno == EINPROGRESS) {
            if (isc_stream_wait(st, fd, POLLOUT) < 0) {
                timed_out = 1;
            } else {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                rc = err == 0 ? 0 : -1;
                errno = err;
            }
        }
        if (rc == 0 && !timed_out) {
            fcntl(fd, F_SETFL, flags);
            break;
        }
        if (!timed_out) last = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(info);
    if (fd < 0) {
        if (!timed_out) isc_stream_error(GIT_ERROR_OS, "failed to connect to", st, last);
        return -1;
    }
    st->s = fd;
    return 0;
}

static inline ssize_t isc_stream_read(git_stream *stream, void *data, size_t len) {
    isc_socket_stream *st = (isc_socket_stream *)stream;
    if (isc_stream_wait(st, st->s, POLLIN) < 0) return -1;
    ssize_t n;
    do { n = recv(st->s, data, len, 0); } while (n < 0 && errno == EINTR);
    if (n < 0) isc_stream_error(GIT_ERROR_OS, "error receiving data from", st, errno);
    return n;
}

static inline ssize_t isc_stream_write(git_stream *stream, const char *data, size_t len, int flags) {
    isc_socket_stream *st = (isc_socket_stream *)stream;
    (void)flags;
    if (isc_stream_wait(st, st->s, POLLOUT) < 0) return -1;
    ssize_t n;
    do { n = send(st->s, data, len, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    if (n < 0) isc_stream_error(GIT_ERROR_OS, "error sending data to", st, errno);
    return n;
}

static inline int isc_stream_close(git_stream *stream) {
    isc_socket_stream *st = (isc_socket_stream *)stream;
    if (st->s >= 0) close(st->s);
    st->s = -1;
    return 0;
}

static inline void isc_stream_free(git_stream *stream) {
    isc_socket_stream *st = (isc_socket_stream *)stream;
    if (st->s >= 0) close(st->s);
    free(st->host);
    free(st->port);
    free(st);
}

/* A new, unconnected stream to host:port (libgit2 calls connect). `remaining_ms` < 0: no deadline. */
static inline int isc_socket_stream_new(git_stream **out, const char *host, const char *port,
                                        int idle_ms, long long remaining_ms, isc_stream_timeout_cb on_timeout) {
    isc_socket_stream *st = (isc_socket_stream *)calloc(1, sizeof(isc_socket_stream));
    if (st == NULL) { git_error_set_oom(); return -1; }
    st->host = strdup(host);
    st->port = strdup(port);
    if (st->host == NULL || st->port == NULL) { free(st->host); free(st->port); free(st); git_error_set_oom(); return -1; }
    st->s = -1;
    st->idle_ms = idle_ms;
    st->deadline_ms = remaining_ms < 0 ? 0 : isc_monotonic_ms() + (remaining_ms == 0 ? 1 : remaining_ms);
    st->on_timeout = on_timeout;
    st->parent.version = GIT_STREAM_VERSION;
    st->parent.encrypted = 0;
    st->parent.proxy_support = 0;
    st->parent.connect = isc_stream_connect;
    st->parent.read = isc_stream_read;
    st->parent.write = isc_stream_write;
    st->parent.close = isc_stream_close;
    st->parent.free = isc_stream_free;
    *out = &st->parent;
    return 0;
}

/* Registers `init` for every plain TCP connection libgit2 opens. */
static inline int isc_register_socket_stream(int (*init)(git_stream **out, const char *host, const char *port)) {
    git_stream_registration registration;
    memset(&registration, 0, sizeof registration);
    registration.version = GIT_STREAM_VERSION;
    registration.init = init;
    registration.wrap = NULL;
    return git_stream_register(GIT_STREAM_STANDARD, &registration);
}

#endif
