import Foundation

/// A tiny stand-in for libnvidia-ml.so.1, compiled from C at test time so the
/// real `dlopen` / `dlsym` / C-call path runs on hosts without NVIDIA.
///
/// GPU 0 ("Fake H100") keeps an energy counter that rises 250 mJ per read
/// from 1,000,000 mJ; GPU 1 ("Fake P4") answers NOT_SUPPORTED (3) for energy
/// and 75,000 mW for power; GPU 2 answers GPU_IS_LOST (15) to every reading.
enum FakeNVMLLibrary {
    static let source = #"""
        #include <string.h>
        typedef struct { int index; } dev;
        static dev devices[3] = {{0}, {1}, {2}};
        static int initialized = 0;
        static unsigned long long energy0 = 1000000ULL;
        int nvmlInit_v2(void) { initialized = 1; return 0; }
        int nvmlShutdown(void) { if (!initialized) return 1; initialized = 0; return 0; }
        int nvmlDeviceGetCount_v2(unsigned int *count) {
            if (!initialized) return 1; *count = 3; return 0; }
        int nvmlDeviceGetHandleByIndex_v2(unsigned int i, dev **device) {
            if (!initialized) return 1; if (i >= 3) return 2; *device = &devices[i]; return 0; }
        static int copy(char *out, unsigned int length, const char *text) {
            if (strlen(text) + 1 > length) return 7;
            strcpy(out, text); return 0; }
        int nvmlDeviceGetUUID(dev *d, char *out, unsigned int length) {
            static const char *uuids[3] = {
                "GPU-00000000-fake-0000-0000-000000000000",
                "GPU-11111111-fake-1111-1111-111111111111",
                "GPU-22222222-fake-2222-2222-222222222222"};
            return copy(out, length, uuids[d->index]); }
        int nvmlDeviceGetName(dev *d, char *out, unsigned int length) {
            static const char *names[3] = {"Fake H100", "Fake P4", "Fake Lost"};
            return copy(out, length, names[d->index]); }
        int nvmlDeviceGetTotalEnergyConsumption(dev *d, unsigned long long *mj) {
            if (d->index == 1) return 3; if (d->index == 2) return 15;
            *mj = energy0; energy0 += 250; return 0; }
        int nvmlDeviceGetPowerUsage(dev *d, unsigned int *mw) {
            if (d->index == 2) return 15;
            *mw = d->index == 0 ? 250000 : 75000; return 0; }
        int nvmlDeviceGetPowerManagementLimit(dev *d, unsigned int *mw) {
            if (d->index != 0) return 3; *mw = 700000; return 0; }
        const char *nvmlErrorString(int code) {
            switch (code) {
            case 1: return "Uninitialized"; case 3: return "Not Supported";
            case 15: return "GPU is lost"; default: return "Unknown Error"; } }
        """#

    /// Builds the fake library (once per call) and returns its path, or nil
    /// when no C compiler is installed.
    static func build(in directory: URL, omitting symbol: String? = nil) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") else { return nil }
        var text = source
        if let symbol { text = text.replacingOccurrences(of: symbol + "(", with: symbol + "_renamed(") }
        let c = directory.appendingPathComponent("fake-nvml.c")
        let library = directory.appendingPathComponent("libfake-nvml.so")
        try text.write(to: c, atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
        cc.arguments = ["-shared", "-fPIC", "-o", library.path, c.path]
        try cc.run()
        cc.waitUntilExit()
        guard cc.terminationStatus == 0 else { throw FakeBuildFailed(status: cc.terminationStatus) }
        return library.path
    }

    struct FakeBuildFailed: Error { var status: Int32 }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-nvml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
