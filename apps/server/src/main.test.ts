import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { main } from "./main.ts";

describe("aidao-server's configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), "aidao-config-"));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const UNREACHABLE = ["--rpc", "http://127.0.0.1:9"];

  it("reads options from a JSON file, the command line overriding them", async () => {
    const config = file("ok.json", { mode: "nope", "hub-limits": { proposalsPerDay: 3 }, "reset-database": true });
    await assert.rejects(main(["--config", config, ...UNREACHABLE]), /--mode nope is not a mode/);
    // --mode on the command line wins; it then gets as far as the chain.
    await assert.rejects(main(["--config", config, "--mode", "hub", ...UNREACHABLE]), /cannot reach the chain/);
    await assert.rejects(main(UNREACHABLE, { AIDAO_CONFIG: config }), /--mode nope/);
  });

  it("refuses a file it cannot use, naming the problem", async () => {
    await assert.rejects(main(["--config", join(dir, "missing.json")]), /--config .*missing\.json: ENOENT/);
    await assert.rejects(main(["--config", file("bad.json", "{nope")]), /--config .*bad\.json: .*JSON/);
    await assert.rejects(main(["--config", file("list.json", [1])]), /not a JSON object/);
    await assert.rejects(
      main(["--config", file("key.json", { databse: "x" })]),
      /unknown key "databse" \(known: mode, rpc/,
    );
    await assert.rejects(
      main(["--config", file("type.json", { "reset-database": "yes" })]),
      /"reset-database" must be true or false/,
    );
    await assert.rejects(
      main(["--config", file("obj.json", { rpc: { url: 1 } })]),
      /"rpc" must be a string or a number/,
    );
    await assert.rejects(main(["--log", "xml", ...UNREACHABLE]), /--log must be text or json/);
  });
});
