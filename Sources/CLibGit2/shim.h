#ifndef ISC_CLIBGIT2_SHIM_H
#define ISC_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#include <git2/sys/stream.h>
#include <git2/sys/path.h>

/* Inline wrappers for the parts of libgit2 that Swift cannot call directly (variadic
   functions, function pointers inside structs), and one struct layout. No implementation lives
   here: nothing keeps state, nothing does I/O. */

/* git_libgit2_opts is variadic: one wrapper per option we use. */
static inline int isc_git_opts_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
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

/* The layout of the TCP stream registered for GIT_STREAM_STANDARD (implemented in Swift,
   NetworkStream.swift). Its first four fields are those of libgit2 1.5's own git_socket_stream:
   libgit2's SSH transport hands `s` to libssh2 directly. `owner` is the Swift object behind it. */
typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int s;
    void *owner;
} isc_socket_stream;

#endif
