/** Peak resident memory of this process so far (VmHWM), in MB; NaN where /proc is missing. */
import { readFileSync } from "fs";

export function vmHwmMb(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
