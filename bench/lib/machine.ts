/** What machine a benchmark ran on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  nproc: number;
  cpu: string;
  ramGb: number;
  node: string;
  os: string;
  date: string;
  /** 1-, 5- and 15-minute load averages when the run started (other work on the machine skews timings). */
  loadAvg: number[];
}

/** nproc, CPU model, RAM, Node version and the date (ISO). */
export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    nproc: os.availableParallelism(),
    cpu,
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
