#!/usr/bin/env node
// `npm run bench`: the benchmark (bench/run.ts), run through tsx's loader like bin/guanxi.mjs.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../bench/run.ts");
process.exitCode = await main(process.argv.slice(2));
