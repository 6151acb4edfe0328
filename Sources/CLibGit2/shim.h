#ifndef ISC_CLIBGIT2_SHIM_H
#define ISC_CLIBGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#include <git2/sys/path.h>

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

#endif
