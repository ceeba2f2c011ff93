#ifndef FRUGAL_SHIMS_H
#define FRUGAL_SHIMS_H

/// Whether the kernel considers the wall clock synchronised (NTP), through
/// adjtimex(2): returns 1 when synchronised, 0 when not, -1 on error. Writes
/// the kernel's estimated error in microseconds to `esterror_us`.
int frugal_clock_synchronised(long *esterror_us);

#endif
