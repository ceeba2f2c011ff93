#ifndef FRUGAL_CSQLITE_SHIM_H
#define FRUGAL_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift
/// cannot import: expose it as a function.
static inline sqlite3_destructor_type frugal_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// Turns SQLite's memory statistics off before its first use: with them on,
/// every allocation and free takes a process-wide mutex, which the ingest
/// commit thread paid on every row. sqlite3_config is variadic, which Swift
/// cannot call. SQLITE_MISUSE once SQLite is initialised (then harmless).
static inline int frugal_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
