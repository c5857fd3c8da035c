import { templateId } from "@aidao/sdk";
import { describe, expect, it } from "vitest";
import { buildTree, daoName, type IndexedDAO, templateOf } from "./daoTree.ts";

const dao = (daoId: string, parentId: string, name: string | null, template = "revenue-sharing" as const) =>
  ({ daoId, parentId, name, templateId: templateId(template) }) as IndexedDAO;

describe("the DAO tree", () => {
  it("nests children under their parents in id order", () => {
    const roots = buildTree([dao("3", "1", "Face DAO"), dao("1", "0", null), dao("4", "3", "Sub"), dao("2", "1", "V")]);
    expect(roots.map((r) => r.dao.daoId)).toEqual(["1"]);
    expect(roots[0]?.children.map((c) => c.dao.daoId)).toEqual(["2", "3"]);
    expect(roots[0]?.children[1]?.children.map((c) => c.dao.name)).toEqual(["Sub"]);
  });
  it("keeps a DAO whose parent is unknown as a root", () => {
    expect(buildTree([dao("5", "9", "Orphan")]).map((r) => r.dao.daoId)).toEqual(["5"]);
  });
  it("names and classifies DAOs", () => {
    expect(daoName(dao("1", "0", null))).toBe("AIDAO (main DAO)");
    expect(daoName(dao("7", "1", null))).toBe("DAO 7");
    expect(templateOf(dao("1", "0", null))).toBe("main");
    expect(templateOf(dao("3", "1", "x", "revenue-sharing"))).toBe("revenue-sharing");
    expect(templateOf({ daoId: "4", templateId: "0x01" })).toBe("unknown");
  });
});
