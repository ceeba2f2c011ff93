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

/// libsensors reports configuration syntax errors through a callback (the
/// default prints to stderr) and still returns success from sensors_init;
/// these record the first error so that Swift can refuse the configuration.
static inline char *frugal_sensors_parse_error_text(void) {
    // A function-local static: Swift emits inline functions, not header globals.
    static char text[512];
    return text;
}

static inline void frugal_sensors_record_parse_error(const char *err, const char *filename, int lineno) {
    char *text = frugal_sensors_parse_error_text();
    if (text[0] != 0) return;
    snprintf(text, 512, "%s:%d: %s",
             filename != NULL ? filename : "configuration", lineno, err != NULL ? err : "parse error");
}

static inline void frugal_sensors_capture_parse_errors(void) {
    frugal_sensors_parse_error_text()[0] = 0;
    sensors_parse_error_wfn = frugal_sensors_record_parse_error;
}

/// The first parse error since frugal_sensors_capture_parse_errors, or NULL.
static inline const char *frugal_sensors_parse_error(void) {
    const char *text = frugal_sensors_parse_error_text();
    return text[0] != 0 ? text : NULL;
}
#endif
