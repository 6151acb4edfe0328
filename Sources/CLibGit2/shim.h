#ifndef ISC_CLIBGIT2_SHIM_H
#define ISC_CLIBGIT2_SHIM_H

#include <git2.h>

/* Inline wrappers for the parts of libgit2 that Swift cannot call directly
   (variadic functions, macros). Nothing here keeps state. */

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

#endif
