#ifndef FRUGAL_SHIMS_H
#define FRUGAL_SHIMS_H

/// Whether the kernel considers the wall clock synchronised (NTP), through
/// adjtimex(2): returns 1 when synchronised, 0 when not, -1 on error. Writes
/// the kernel's estimated error in microseconds to `esterror_us`.
int frugal_clock_synchronised(long *esterror_us);

#include <stdint.h>

/// Waits until `fd` is readable or `timeout_ns` nanoseconds pass, through
/// ppoll(2) (a GNU extension Swift's Glibc module leaves out). Returns 1 when
/// readable, 0 on timeout, -1 on error (errno set; EINTR included).
int frugal_wait_readable(int fd, int64_t timeout_ns);

/// Names the calling thread (prctl PR_SET_NAME; 15 bytes are kept). 0 on success.
int frugal_name_thread(const char *name);

/// Drops the read-only load segments (code, relocation and symbol tables,
/// unwind tables, read-only data) of the program and of every shared library
/// from the process's page tables with madvise(MADV_DONTNEED). The pages are
/// clean copies of their files: the ones still in use fault back in from the
/// page cache, those only start-up used stay out. Never touches writable or
/// relocated segments, objects with text relocations, or the vDSO. Returns
/// the bytes of address space released.
int64_t frugal_release_readonly_segments(void);
#endif
