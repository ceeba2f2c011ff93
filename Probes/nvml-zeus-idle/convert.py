#!/usr/bin/env python3
"""Convert Zeus's monitor sample (header `Time,Power`, local time, mW) to an
NVML trace (see Sources/FrugalNVML/README.md).

The sample does not say its time zone, GPU or UUID: the time is read as UTC,
and the UUID and name below are placeholders, not a real GPU's.

usage: python3 convert.py zeus_sample.csv > trace.csv
"""
import calendar
import sys

UUID = "GPU-00000000-0000-0000-0000-7e05a3b1e000"  # placeholder: Zeus does not record it
NAME = "unknown NVIDIA GPU (Zeus sample)"


def nanoseconds_utc(stamp: str) -> int:
    """'2022-07-13 02:07:36.708783111' read as UTC, to ns since the epoch
    (by hand: datetime keeps only microseconds)."""
    date, time = stamp.split(" ")
    whole, fraction = (time.split(".") + ["0"])[:2]
    year, month, day = (int(x) for x in date.split("-"))
    hour, minute, second = (int(x) for x in whole.split(":"))
    seconds = calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0))
    return seconds * 1_000_000_000 + int(fraction.ljust(9, "0")[:9])


def main(path: str) -> None:
    with open(path) as source:
        lines = [line.strip() for line in source if line.strip()]
    if lines[0] != "Time,Power":
        sys.exit(f"unexpected header {lines[0]!r}")
    print("timestamp_ns,gpu_uuid,gpu_name,energy_mj,power_mw,error")
    for line in lines[1:]:
        stamp, power_mw = line.split(",")
        # No energy column: Zeus recorded nvmlDeviceGetPowerUsage only.
        print(f"{nanoseconds_utc(stamp)},{UUID},{NAME},,{int(power_mw)},")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zeus_sample.csv")
