#include "frugal_shims.h"
#include <sys/timex.h>

int frugal_clock_synchronised(long *esterror_us) {
    struct timex tx = {0};
    int state = adjtimex(&tx);
    if (state == -1) return -1;
    *esterror_us = tx.esterror;
    return (state == TIME_ERROR || (tx.status & STA_UNSYNC)) ? 0 : 1;
}
