import { cpSync, mkdirSync } from "node:fs";
import { runBuild } from "/work/wt/state/src/pipeline/build.ts";
import { buildOptions } from "/work/wt/state/tests/helpers.ts";
const dict = "/tmp/state-scratch/dict";
mkdirSync(dict, { recursive: true });
for (const f of ["person.yaml", "company.yaml", "lab.yaml", "place.yaml", "government.yaml", "programme.yaml", "event.yaml"]) cpSync(`/work/wt/state/dictionaries/${f}`, `${dict}/${f}`);
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await runBuild(buildOptions(["/work/wt/state/seeds"], `/tmp/state-scratch/out${i}`, { dictionaryDir: dict }));
  console.log(i, Math.round(performance.now() - t), r.documents, r.entities, JSON.stringify(r.timings));
}
