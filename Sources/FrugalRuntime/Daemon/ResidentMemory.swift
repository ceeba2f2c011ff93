import CFrugalShims

/// What the daemon does to keep its resident memory small on a host it
/// shares with inference (the bar is node_exporter's RSS).
///
/// Once started, about 40 % of a fresh daemon's RSS is pages of its own
/// executable that only start-up touched (argument parsing, configuration,
/// Foundation, the dynamic loader's relocation table), mapped 64 KB at a time
/// by the kernel's fault-around. Measured on the 10 Hz benchmark, the code
/// the running loop needs is ~3 MB of the ~13 MB start-up leaves resident.
/// (Start-up's freed heap is not worth trimming: `malloc_trim` and a single
/// malloc arena changed the daemon's anonymous RSS by under 0.1 MB.)
public enum ResidentMemory {
    /// Drops the executable's code and read-only tables from the process's
    /// page tables (`madvise(MADV_DONTNEED)` on its read-only load
    /// segments): they are clean copies of the file, so the pages still in use
    /// come back from the page cache on their next touch (a minor fault), and
    /// those only start-up used stay out. Writable and relocated memory is
    /// never touched, nor an executable with text relocations. Returns the
    /// bytes of address space released (not all of it was resident).
    @discardableResult
    public static func releaseStartupPages() -> Int64 {
        frugal_release_executable_text()
    }
}
