import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseTarget } from "./catalogue.ts";

describe("parseTarget", () => {
  describe("built-in models", () => {
    it("parses aidao:echo as the builtin echo with at most 1 unit", () => {
      assert.deepEqual(parseTarget("aidao:echo"), { target: { kind: "builtin", name: "echo" }, maxUnits: 1 });
    });

    it("reads max from the fragment of a builtin URL", () => {
      assert.deepEqual(parseTarget("aidao:face-detection#max=20"), {
        target: { kind: "builtin", name: "face-detection" },
        maxUnits: 20,
      });
    });

    it("ignores a units rule on a builtin (the model counts its own units)", () => {
      assert.deepEqual(parseTarget("aidao:echo#units=header:X-Units&max=2"), {
        target: { kind: "builtin", name: "echo" },
        maxUnits: 2,
      });
    });

    it("refuses builtin names with capitals, underscores, nothing or a path", () => {
      for (const url of ["aidao:Bad_Name", "aidao:Echo", "aidao:bad_name", "aidao:", "aidao:echo/x", "AIDAO:echo"]) {
        assert.equal(parseTarget(url), undefined, url);
      }
    });
  });

  describe("upstream HTTP models", () => {
    it("parses a header units rule, and keeps the URL without its fragment", () => {
      assert.deepEqual(parseTarget("https://models.example/v1/run?x=1#units=header:X-Units"), {
        target: {
          kind: "upstream",
          url: "https://models.example/v1/run?x=1",
          units: { kind: "header", name: "X-Units" },
        },
        maxUnits: 1,
      });
    });

    it("parses a JSON pointer units rule together with max", () => {
      assert.deepEqual(parseTarget("http://127.0.0.1:8080/detect#units=json:/a/b&max=5"), {
        target: { kind: "upstream", url: "http://127.0.0.1:8080/detect", units: { kind: "json", pointer: "/a/b" } },
        maxUnits: 5,
      });
    });

    it("parses the empty JSON pointer (the whole body)", () => {
      assert.deepEqual(parseTarget("https://m.example#units=json:&max=9")?.target, {
        kind: "upstream",
        url: "https://m.example",
        units: { kind: "json", pointer: "" },
      });
    });

    it("parses a fixed units rule", () => {
      assert.deepEqual(parseTarget("https://m.example/x#units=fixed:3&max=3"), {
        target: { kind: "upstream", url: "https://m.example/x", units: { kind: "fixed", units: 3 } },
        maxUnits: 3,
      });
      assert.deepEqual(parseTarget("https://m.example/x#units=fixed:3")?.target, {
        kind: "upstream",
        url: "https://m.example/x",
        units: { kind: "fixed", units: 3 },
      });
    });

    it("defaults to at most 1 unit, counted as fixed:1", () => {
      for (const url of ["https://m.example/x", "https://m.example/x#", "https://m.example/x#other=1"]) {
        assert.deepEqual(
          parseTarget(url),
          { target: { kind: "upstream", url: "https://m.example/x", units: { kind: "fixed", units: 1 } }, maxUnits: 1 },
          url,
        );
      }
    });

    it("accepts a max of up to nine digits, and only plain digits", () => {
      assert.equal(parseTarget("https://m.example#max=999999999")?.maxUnits, 999_999_999);
      for (const max of ["1000000000", "1e3", "0x10", " 5", "05"]) {
        assert.equal(parseTarget(`https://m.example#max=${encodeURIComponent(max)}`), undefined, max);
      }
    });

    it("takes a fixed rule's units as the default max, and refuses a max below them", () => {
      assert.equal(parseTarget("https://m.example#units=fixed:3")?.maxUnits, 3);
      assert.equal(parseTarget("https://m.example#units=fixed:3&max=2"), undefined);
    });
  });

  describe("refused URLs (undefined)", () => {
    it("refuses schemes other than http, https and aidao", () => {
      for (const url of ["ftp://m.example/x", "file:///etc/passwd", "ws://m.example", "m.example/x", "", "#max=2"]) {
        assert.equal(parseTarget(url), undefined, url);
      }
    });

    it("refuses a max that is not a positive safe integer", () => {
      for (const max of ["0", "abc", "-1", "1.5", "", "9007199254740993", "Infinity", "NaN"]) {
        assert.equal(parseTarget(`aidao:echo#max=${max}`), undefined, `builtin, max=${max}`);
        assert.equal(parseTarget(`https://m.example#max=${max}`), undefined, `upstream, max=${max}`);
      }
    });

    it("refuses a JSON pointer that does not start with a slash", () => {
      assert.equal(parseTarget("https://m.example#units=json:noslash"), undefined);
      assert.equal(parseTarget("https://m.example#units=json:a/b"), undefined);
    });

    it("refuses an unknown or malformed units rule", () => {
      for (const units of [
        "nonsense",
        "nonsense:1",
        "header:",
        "header:X Units",
        "header:X_Units",
        "fixed:",
        "fixed:-1",
        "fixed:1.5",
        "fixed:abc",
        "",
      ]) {
        assert.equal(parseTarget(`https://m.example#units=${encodeURIComponent(units)}`), undefined, units);
      }
    });
  });
});
