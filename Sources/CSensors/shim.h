#ifndef FRUGAL_CSENSORS_SHIM_H
#define FRUGAL_CSENSORS_SHIM_H
#include <stdio.h>
#include <sensors/sensors.h>
#include <sensors/error.h>

/// libsensors exports its version as a global string; Swift 6 cannot read C
/// globals safely, so read it through a function.
static inline const char *frugal_sensors_version(void) {
    return libsensors_version;
}
#endif
