#ifndef FRUGAL_CZLIB_SHIM_H
#define FRUGAL_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro passing the library version and struct size:
/// Swift cannot call macros, so wrap it.
static inline int frugal_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
#endif
