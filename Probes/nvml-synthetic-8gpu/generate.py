#!/usr/bin/env python3
"""Generate a SYNTHETIC NVML trace of an 8-GPU H100 node (nothing here was
measured): 5 s at 10 Hz, seeded, so the output is the same on every run.

- GPUs 0-3 serve a model: bursts of 350-690 W over a ~75 W idle floor.
- GPUs 4 and 6 idle at 68-75 W.
- GPU 5 answers NOT_SUPPORTED for the energy counter (empty energy_mj, as a
  vGPU or pre-Volta board would): readers must fall back to power.
- GPU 7 falls off the bus at step 30 (t = 3.0 s): every later read is
  GPU_IS_LOST, as after an Xid 79.

Energy counters start at a plausible "days since driver load" value and grow
by the trapezoid integral of the power readings, in whole millijoules.

usage: python3 generate.py > trace.csv
"""
import random

START_NS = 1_768_467_600_000_000_000  # 2026-01-15T09:00:00Z
STEP_NS = 100_000_000  # 10 Hz
STEPS = 50
LOST_GPU, LOST_AT = 7, 30
NO_ENERGY_GPU = 5
NAME = "NVIDIA H100 80GB HBM3"


def uuid(index: int) -> str:
    return f"GPU-5e7a0000-0000-4000-8000-00000000000{index}"  # synthetic, "5e7a" for "synth"


def power_mw(rng: random.Random, gpu: int, step: int) -> int:
    if gpu < 4 and (step // 7 + gpu) % 3 != 0:
        return rng.randint(350_000, 690_000)
    return rng.randint(68_000, 75_000) if gpu >= 4 else rng.randint(72_000, 80_000)


def main() -> None:
    rng = random.Random(20260115)
    energy_mj = [rng.randint(20_000_000_000, 40_000_000_000) for _ in range(8)]
    previous = [None] * 8
    print("timestamp_ns,gpu_uuid,gpu_name,energy_mj,power_mw,error")
    for step in range(STEPS):
        t = START_NS + step * STEP_NS
        for gpu in range(8):
            if gpu == LOST_GPU and step >= LOST_AT:
                print(f"{t},{uuid(gpu)},{NAME},,,GPU_IS_LOST")
                continue
            power = power_mw(rng, gpu, step)
            if previous[gpu] is not None:
                # mW * ms / 1000 = mJ over one 100 ms step, trapezoid rule.
                energy_mj[gpu] += (previous[gpu] + power) * (STEP_NS // 1_000_000) // 2000
            previous[gpu] = power
            energy = "" if gpu == NO_ENERGY_GPU else str(energy_mj[gpu])
            print(f"{t},{uuid(gpu)},{NAME},{energy},{power},")


if __name__ == "__main__":
    main()
