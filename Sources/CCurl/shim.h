#ifndef FRUGAL_CCURL_SHIM_H
#define FRUGAL_CCURL_SHIM_H
#include <curl/curl.h>

/// curl_easy_setopt is variadic: Swift cannot call it. One typed wrapper per
/// kind of argument the carbon fetcher passes.
static inline CURLcode frugal_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode frugal_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode frugal_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*frugal_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode frugal_curl_set_write_callback(CURL *handle, frugal_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/// curl_easy_getinfo is variadic too: the response code.
static inline CURLcode frugal_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
#endif
