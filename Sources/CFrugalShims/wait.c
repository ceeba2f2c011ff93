#define _GNU_SOURCE
#include "frugal_shims.h"
#include <poll.h>
#include <time.h>

int frugal_wait_readable(int fd, int64_t timeout_ns) {
    struct pollfd entry = {.fd = fd, .events = POLLIN, .revents = 0};
    struct timespec timeout = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
    return ppoll(&entry, 1, &timeout, NULL);
}
