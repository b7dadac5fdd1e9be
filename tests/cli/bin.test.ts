/** The installed command: bin/crm-classify.js run as a real process (the only spawn test). */
import { spawnSync } from "child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "fs";
import * as path from "path";
import { WORKER_MIN_BYTES } from "../../src/cli/csvRecordsReader";
import { fixture, largeTableCsv, readCsvOut, runCli, tempDir } from "./helpers";

// Workbooks are zipped and unzipped; leave room on a busy 2-core machine.
jest.setTimeout(30_000);
it("bin/crm-classify.js classifies a file and exits 0", () => {
  const tmp = tempDir();
  try {
    const out = tmp.file("out.csv");
    const bin = path.join(__dirname, "..", "..", "bin", "crm-classify.js");
    const r = spawnSync(process.execPath, [bin, fixture("small-zh.csv"), "--out", out, "--today", "2026-11-22"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`已分级 5 位客户 → ${out}`);
    expect(readCsvOut(out).rows[1].slice(7, 9)).toEqual(["天王巨星", "A"]);

    const bad = spawnSync(process.execPath, [bin, fixture("small-zh.csv"), "--out", out, "--today", "tomorrow"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
  } finally {
    tmp.cleanup();
  }
});

it("a large table through the bundled command (its workers split the records and encode the last rows) = the same run in-process", async () => {
  const tmp = tempDir();
  try {
    const input = tmp.file("in.csv");
    writeFileSync(input, largeTableCsv(150_000));
    expect(statSync(input).size).toBeGreaterThan(WORKER_MIN_BYTES);
    const bin = path.join(__dirname, "..", "..", "bin", "crm-classify.js");
    const bundle = path.join(__dirname, "..", "..", "build", "crm-classify.js");
    // The bundle ships its worker beside it (npm run build:cli builds both).
    if (existsSync(bundle))
      expect(existsSync(path.join(path.dirname(bundle), "rowTailsWorker.js"))).toBe(true);
    const viaBin = tmp.file("bin.csv");
    const r = spawnSync(process.execPath, [bin, input, "--out", viaBin, "--today", "2026-11-22"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const inProcess = tmp.file("in-process.csv");
    expect((await runCli([input, "--out", inProcess, "--today", "2026-11-22"])).code).toBe(0);
    expect(readFileSync(viaBin).equals(readFileSync(inProcess))).toBe(true);
  } finally {
    tmp.cleanup();
  }
});
