import { fileDigest } from "/work/wt/state/src/pipeline/resume.ts";
for (const lines of [false, true]) {
  const t = performance.now(); const c = process.cpuUsage();
  const r = fileDigest("/tmp/state-scratch/big.bin", lines);
  const u = process.cpuUsage(c);
  console.log(lines, r.bytes, Math.round(performance.now() - t), "ms wall", Math.round((u.user + u.system) / 1000), "ms cpu");
}
