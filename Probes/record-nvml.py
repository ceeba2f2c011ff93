#!/usr/bin/env python3
"""Record an NVML trace on a GPU host, in the format Frugal replays
(Sources/FrugalNVML/README.md): one row per GPU per tick with
nvmlDeviceGetTotalEnergyConsumption (mJ) and nvmlDeviceGetPowerUsage (mW).

Needs only Python 3 and the NVIDIA driver (libnvidia-ml.so.1, loaded with
ctypes: no pip package). Run it while the workload runs, stop it with
Ctrl-C or --duration:

    python3 Probes/record-nvml.py --interval 0.1 --duration 600 -o trace.csv

Every tick stamps all GPUs with one wall-clock time (ns since the epoch,
UTC) taken just before the reads; ticks are scheduled on the monotonic clock
so they do not drift. A call that fails writes an empty cell (NOT_SUPPORTED)
or the NVML error name in the `error` column (GPU_IS_LOST, ...), never 0.
"""
import argparse
import ctypes
import signal
import sys
import time

NVML_SUCCESS = 0
NVML_ERROR_NOT_SUPPORTED = 3
ERROR_NAMES = {
    1: "UNINITIALIZED", 2: "INVALID_ARGUMENT", 3: "NOT_SUPPORTED", 4: "NO_PERMISSION",
    6: "NOT_FOUND", 9: "DRIVER_NOT_LOADED", 10: "TIMEOUT", 12: "LIBRARY_NOT_FOUND",
    13: "FUNCTION_NOT_FOUND", 15: "GPU_IS_LOST", 16: "RESET_REQUIRED", 17: "OPERATING_SYSTEM",
    18: "LIB_RM_VERSION_MISMATCH", 19: "IN_USE", 21: "NO_DATA", 28: "GPU_NOT_FOUND", 999: "UNKNOWN",
}
BUFFER = 96  # NVML_DEVICE_UUID_V2_BUFFER_SIZE and NVML_DEVICE_NAME_V2_BUFFER_SIZE


class NVMLError(Exception):
    def __init__(self, code: int, call: str):
        super().__init__(f"{call}: NVML_ERROR_{ERROR_NAMES.get(code, code)}")
        self.code = code


class NVML:
    """The few NVML calls the trace needs, through ctypes (see nvml.h)."""

    def __init__(self, path: str):
        self.lib = ctypes.CDLL(path)
        for name in ("nvmlInit_v2", "nvmlShutdown", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2",
                     "nvmlDeviceGetUUID", "nvmlDeviceGetName", "nvmlDeviceGetTotalEnergyConsumption",
                     "nvmlDeviceGetPowerUsage"):
            getattr(self.lib, name).restype = ctypes.c_int
        self.call("nvmlInit_v2")

    def call(self, name: str, *args) -> None:
        code = getattr(self.lib, name)(*args)
        if code != NVML_SUCCESS:
            raise NVMLError(code, name)

    def handles(self):
        count = ctypes.c_uint(0)
        self.call("nvmlDeviceGetCount_v2", ctypes.byref(count))
        handles = []
        for index in range(count.value):
            handle = ctypes.c_void_p()
            self.call("nvmlDeviceGetHandleByIndex_v2", ctypes.c_uint(index), ctypes.byref(handle))
            handles.append(handle)
        return handles

    def text(self, name: str, handle) -> str:
        buffer = ctypes.create_string_buffer(BUFFER)
        self.call(name, handle, buffer, ctypes.c_uint(BUFFER))
        return buffer.value.decode()

    def energy_mj(self, handle) -> int:
        value = ctypes.c_ulonglong(0)
        self.call("nvmlDeviceGetTotalEnergyConsumption", handle, ctypes.byref(value))
        return value.value

    def power_mw(self, handle) -> int:
        value = ctypes.c_uint(0)
        self.call("nvmlDeviceGetPowerUsage", handle, ctypes.byref(value))
        return value.value

    def shutdown(self) -> None:
        self.lib.nvmlShutdown()


def cell(read, handle):
    """(value or '', error name or '') for one reading."""
    try:
        return str(read(handle)), ""
    except NVMLError as error:
        return "", ("" if error.code == NVML_ERROR_NOT_SUPPORTED else ERROR_NAMES.get(error.code, str(error.code)))


def record(nvml: NVML, out, interval: float, duration) -> int:
    gpus = [(handle, nvml.text("nvmlDeviceGetUUID", handle), nvml.text("nvmlDeviceGetName", handle))
            for handle in nvml.handles()]
    for _, uuid, name in gpus:
        if "," in name or "," in uuid:
            sys.exit(f"a comma in {name!r} / {uuid!r} cannot be written to the trace")
    out.write("timestamp_ns,gpu_uuid,gpu_name,energy_mj,power_mw,error\n")
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    start = time.monotonic()
    ticks = 0
    try:
        while not stop and (duration is None or time.monotonic() - start < duration):
            stamp = time.time_ns()
            for handle, uuid, name in gpus:
                energy, energy_error = cell(nvml.energy_mj, handle)
                power, power_error = cell(nvml.power_mw, handle)
                out.write(f"{stamp},{uuid},{name},{energy},{power},{energy_error or power_error}\n")
            out.flush()
            ticks += 1
            time.sleep(max(0.0, start + ticks * interval - time.monotonic()))
    except KeyboardInterrupt:
        pass
    return ticks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between ticks (default 0.1: 10 Hz)")
    parser.add_argument("--duration", type=float, default=None, help="seconds to record (default: until Ctrl-C)")
    parser.add_argument("-o", "--output", default="-", help="trace file (default: stdout)")
    parser.add_argument("--library", default="libnvidia-ml.so.1", help="NVML library to load")
    args = parser.parse_args()
    if args.interval <= 0:
        parser.error("--interval must be positive")
    try:
        nvml = NVML(args.library)
    except OSError as error:
        sys.exit(f"cannot load {args.library}: {error} (install the NVIDIA driver)")
    except NVMLError as error:
        sys.exit(str(error))
    out = sys.stdout if args.output == "-" else open(args.output, "w")
    try:
        ticks = record(nvml, out, args.interval, args.duration)
        print(f"recorded {ticks} ticks", file=sys.stderr)
    except NVMLError as error:
        sys.exit(f"cannot list the GPUs: {error}")
    finally:
        nvml.shutdown()
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
