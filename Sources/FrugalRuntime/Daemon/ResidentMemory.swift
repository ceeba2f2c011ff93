import CFrugalShims

/// What the daemon does to keep its resident memory small on a host it
/// shares with inference (the bar is node_exporter's RSS).
///
/// Once started, most of a fresh daemon's RSS is file-backed pages that only
/// start-up touched: its own code and tables (argument parsing, configuration,
/// Foundation, the dynamic loader's relocation table), and the shared
/// libraries' code and read-only data that loading and relocating them
/// touched (libcurl brings OpenSSL, GnuTLS, Kerberos and p11-kit along;
/// libstdc++; SQLite), mapped 64 KB at a time by the kernel's fault-around.
/// The running loop needs a few MB of it. (Start-up's freed heap is not worth
/// trimming: `malloc_trim` and a single malloc arena changed the daemon's
/// anonymous RSS by under 0.1 MB.)
public enum ResidentMemory {
    /// Drops the read-only load segments (code and read-only data) of the
    /// executable and of every shared library from the process's page tables
    /// (`madvise(MADV_DONTNEED)`): they are clean copies of their files, so
    /// the pages still in use come back from the page cache on their next
    /// touch (a minor fault), and those only start-up used stay out. Writable
    /// and relocated memory (data, RELRO) is never touched, nor an object with
    /// text relocations, nor the vDSO. Returns the bytes of address space
    /// released (not all of it was resident).
    @discardableResult
    public static func releaseStartupPages() -> Int64 {
        frugal_release_readonly_segments()
    }
}
