#define _GNU_SOURCE
#include "frugal_shims.h"
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

int frugal_name_thread(const char *name) { return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0); }

/// Whether the loader had to write into the code (text relocations): then
/// its pages are private modified copies, and dropping them would undo that.
static int has_text_relocations(struct dl_phdr_info *info) {
    for (int i = 0; i < info->dlpi_phnum; i++) {
        if (info->dlpi_phdr[i].p_type != PT_DYNAMIC) continue;
        for (const ElfW(Dyn) *entry = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
             entry->d_tag != DT_NULL; entry++) {
            if (entry->d_tag == DT_TEXTREL) return 1;
            if (entry->d_tag == DT_FLAGS && (entry->d_un.d_val & DF_TEXTREL)) return 1;
        }
    }
    return 0;
}

/// Adds to *data the bytes released from the read-only load segments (code,
/// and with linkers that split them, read-only data) of one loaded object:
/// the program or a shared library (libcurl's TLS stack, SQLite, libstdc++…).
static int release_text(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    int64_t *released = data;
    // The kernel's vDSO is not a file mapping: leave it be.
    if (info->dlpi_name != NULL && strstr(info->dlpi_name, "vdso") != NULL) return 0;
    if (has_text_relocations(info)) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        // Writable segments (data, and RELRO: written by the loader, then made read-only) are never touched.
        if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W)) continue;
        // Inward to whole pages: a page shared with a writable segment is never touched.
        uintptr_t start = (info->dlpi_addr + segment->p_vaddr + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz) & ~(page - 1);
        if (end <= start) continue;
        if (madvise((void *)start, end - start, MADV_DONTNEED) == 0) *released += (int64_t)(end - start);
    }
    return 0;  // on to the next object
}

int64_t frugal_release_readonly_segments(void) {
    int64_t released = 0;
    dl_iterate_phdr(release_text, &released);
    return released;
}
