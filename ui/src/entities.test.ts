import { describe, expect, it } from "vitest";
import type { EntityView } from "./bindings/EntityView";
import type { RelationView } from "./bindings/RelationView";
import {
  cleanName,
  draftFromEntity,
  emptyEntityDraft,
  entityPatchFromDraft,
  entityTitle,
  foldText,
  groupByType,
  matchEntity,
  mergePreview,
  newEntityFromDraft,
  newEntityFromMention,
  relationsOf,
  searchEntities,
  sortEntities,
} from "./entities";

let nextAlias = 100;

function entity(id: number, fields: Partial<EntityView> = {}): EntityView {
  return {
    id,
    key: null,
    typeName: "organization",
    nameZh: null,
    nameEn: null,
    notes: "",
    aliases: [],
    externalIds: [],
    mentionCount: 0,
    ...fields,
  };
}

function alias(lang: "zh" | "en", text: string, abbreviation = false) {
  return {
    id: nextAlias++,
    lang,
    script: lang === "zh" ? ("simplified" as const) : ("latin" as const),
    text,
    abbreviation,
  };
}

function relation(id: number, sourceId: number, targetId: number, typeName = "part_of"): RelationView {
  return { id, typeName, sourceId, targetId, note: "", anchors: [] };
}

const scosmi = entity(1, {
  nameZh: "特种材料委员会",
  nameEn: "Special Committee on Special Materials Industry",
  aliases: [alias("zh", "特材委", true), alias("en", "SCOSMI", true)],
  externalIds: [{ id: 1, scheme: "company-registry", value: "2287164" }],
  mentionCount: 4,
});
const shan = entity(2, {
  typeName: "person",
  nameZh: "单骞",
  nameEn: "Shàn Qiān",
  mentionCount: 7,
});
const inst14 = entity(3, {
  key: "inst14",
  nameZh: "中国电子科技集团公司第十四研究所",
  aliases: [alias("zh", "十四所", true), alias("en", "14th Institute")],
  mentionCount: 2,
});
const all = [scosmi, shan, inst14];

describe("foldText", () => {
  it("folds case, full width, the ideographic space and white space runs", () => {
    expect(foldText("ＳＣＯＳＭＩ　１４")).toBe("scosmi 14");
    expect(foldText("  Special\n\tCommittee ")).toBe("special committee");
  });

  it("drops pinyin tone marks but leaves Chinese characters alone", () => {
    expect(foldText("Shàn Qiān")).toBe("shan qian");
    expect(foldText("Lǚ")).toBe("lu");
    expect(foldText("十四所")).toBe("十四所");
  });
});

describe("search", () => {
  it("finds Chinese names and aliases by substring", () => {
    expect(searchEntities(all, "材料").map((f) => f.entity.id)).toEqual([1]);
    expect(searchEntities(all, "四所").map((f) => f.entity.id)).toEqual([3]);
    expect(matchEntity(inst14, "十四")).toEqual({ score: 2, text: "十四所", field: "alias" });
  });

  it("is insensitive to case, width and tone marks", () => {
    expect(matchEntity(scosmi, "scosmi")).toEqual({ score: 3, text: "SCOSMI", field: "alias" });
    expect(matchEntity(scosmi, "ｓｃｏｓ")?.score).toBe(2);
    expect(matchEntity(shan, "SHAN")?.field).toBe("nameEn");
    expect(matchEntity(shan, "qian")?.score).toBe(1);
  });

  it("finds keys and external ids, and words spread over names", () => {
    expect(matchEntity(inst14, "INST14")?.field).toBe("key");
    expect(matchEntity(scosmi, "2287")?.field).toBe("externalId");
    // "special" is in the English name, "特材" in an alias.
    expect(matchEntity(scosmi, "special 特材")?.score).toBe(1);
    expect(matchEntity(scosmi, "special 十四")).toBeNull();
  });

  it("keeps everything, in order, for an empty query", () => {
    expect(searchEntities(all, "  ").map((f) => f.entity.id)).toEqual([1, 2, 3]);
    expect(searchEntities(all, "nothing like it")).toEqual([]);
  });
});

describe("titles", () => {
  it("shows both preferred names, one, or falls back", () => {
    expect(entityTitle(scosmi)).toBe("特种材料委员会 / Special Committee on Special Materials Industry");
    expect(entityTitle(inst14)).toBe("中国电子科技集团公司第十四研究所");
    expect(entityTitle(entity(9, { nameEn: "COSTIND" }))).toBe("COSTIND");
    expect(entityTitle(entity(9, { aliases: [alias("en", "X Corp")] }))).toBe("X Corp");
    expect(entityTitle(entity(9, { key: "k9" }))).toBe("k9");
    expect(entityTitle(entity(9))).toBe("entity 9");
  });
});

describe("sorting and grouping", () => {
  const a = entity(10, { nameEn: "beta", typeName: "person", mentionCount: 1 });
  const b = entity(11, { nameEn: "Alpha", typeName: "organization", mentionCount: 5 });
  const c = entity(12, { nameEn: "gamma", typeName: "place", mentionCount: 5 });
  const d = entity(13, { nameEn: "alpha", typeName: "person", mentionCount: 0 });

  it("sorts by name case-insensitively, equal names by id", () => {
    expect(sortEntities([a, b, c, d], "name").map((e) => e.id)).toEqual([11, 13, 10, 12]);
  });

  it("sorts by mention count, most first, then by name", () => {
    expect(sortEntities([a, b, c, d], "mentions").map((e) => e.id)).toEqual([11, 12, 10, 13]);
  });

  it("sorts by type in the schema's order, unknown types last", () => {
    const order = ["person", "organization"];
    expect(sortEntities([a, b, c, d], "type", order).map((e) => e.id)).toEqual([13, 10, 11, 12]);
  });

  it("does not change the list it is given", () => {
    const list = [a, b];
    sortEntities(list, "name");
    expect(list.map((e) => e.id)).toEqual([10, 11]);
  });

  it("groups by type in the schema's order with mention totals", () => {
    const groups = groupByType([a, b, c, d], ["person", "organization"]);
    expect(groups.map((g) => g.typeName)).toEqual(["person", "organization", "place"]);
    expect(groups[0]?.entities.map((e) => e.id)).toEqual([10, 13]);
    expect(groups.map((g) => g.mentionCount)).toEqual([1, 5, 5]);
    expect(groupByType([], ["person"])).toEqual([]);
  });

  it("groups unknown types by name when there is no schema", () => {
    expect(groupByType([c, a, b]).map((g) => g.typeName)).toEqual(["organization", "person", "place"]);
  });
});

describe("new entities", () => {
  it("names a new entity after a mention in its language", () => {
    expect(newEntityFromMention({ quote: " 十四所 ", lang: "zh", typeName: "organization" })).toEqual({
      typeName: "organization",
      nameZh: "十四所",
    });
    expect(newEntityFromMention({ quote: "the 14th\nInstitute", lang: "en", typeName: "organization" })).toEqual({
      typeName: "organization",
      nameEn: "the 14th Institute",
    });
    expect(newEntityFromMention({ quote: " \n", lang: "en", typeName: "person" })).toBeNull();
  });

  it("joins a Chinese name broken over lines without a space", () => {
    expect(cleanName("特种材料\n委员会")).toBe("特种材料委员会");
    expect(cleanName("Special\n  Committee")).toBe("Special Committee");
  });

  it("builds a NewEntity from the form, dropping empty and doubled aliases", () => {
    const draft = {
      ...emptyEntityDraft("organization"),
      nameZh: "特种材料委员会",
      nameEn: "",
      notes: "  ",
      aliases: [
        { lang: "zh" as const, text: "特材委", script: "auto" as const, abbreviation: true },
        { lang: "en" as const, text: "SCOSMI", script: "latin" as const, abbreviation: true },
        { lang: "en" as const, text: "SCOSMI", script: "auto" as const, abbreviation: false },
        { lang: "zh" as const, text: "特种材料委员会", script: "auto" as const, abbreviation: false },
        { lang: "en" as const, text: "   ", script: "auto" as const, abbreviation: false },
      ],
    };
    expect(newEntityFromDraft(draft)).toEqual({
      entity: {
        typeName: "organization",
        nameZh: "特种材料委员会",
        aliases: [
          { lang: "zh", text: "特材委", abbreviation: true },
          { lang: "en", text: "SCOSMI", script: "latin", abbreviation: true },
        ],
      },
    });
  });

  it("refuses a form without a type or a name", () => {
    expect(newEntityFromDraft(emptyEntityDraft(""))).toEqual({ error: "choose a type" });
    expect("error" in newEntityFromDraft({ ...emptyEntityDraft("person"), nameZh: "  " })).toBe(true);
  });
});

describe("entity patches", () => {
  it("sends only what changed, clearing an emptied name with null", () => {
    const draft = { ...draftFromEntity(scosmi), nameEn: "", notes: "merged 2019" };
    expect(entityPatchFromDraft(scosmi, draft)).toEqual({ patch: { nameEn: null, notes: "merged 2019" } });
    expect(entityPatchFromDraft(scosmi, draftFromEntity(scosmi))).toEqual({ patch: null });
    expect(entityPatchFromDraft(inst14, { ...draftFromEntity(inst14), key: "", typeName: "unit" })).toEqual({
      patch: { key: null, typeName: "unit" },
    });
  });

  it("refuses to remove both names", () => {
    expect("error" in entityPatchFromDraft(shan, { ...draftFromEntity(shan), nameZh: "", nameEn: " " })).toBe(true);
  });
});

describe("relations of an entity", () => {
  it("lists outgoing then incoming relations with the other end", () => {
    const relations = [relation(1, 2, 3, "works_at"), relation(2, 3, 1, "part_of"), relation(3, 1, 2, "employs")];
    expect(relationsOf(3, relations).map((r) => [r.relation.id, r.direction, r.otherId])).toEqual([
      [2, "out", 1],
      [1, "in", 2],
    ]);
    expect(relationsOf(99, relations)).toEqual([]);
  });
});

describe("merge preview", () => {
  it("gives the kept entity the names it lacks and drops those it has", () => {
    const keep = entity(20, {
      nameZh: "特材委",
      aliases: [alias("en", "SCOSMI", true)],
      externalIds: [{ id: 5, scheme: "registry", value: "1" }],
      mentionCount: 3,
    });
    const absorb = entity(21, {
      typeName: "committee",
      key: "scosmi",
      nameZh: "特种材料委员会",
      nameEn: "Special Committee",
      notes: "from the 2019 report",
      aliases: [alias("en", "SCOSMI", true), alias("zh", "特材委"), alias("zh", "特委会", true)],
      externalIds: [
        { id: 6, scheme: "registry", value: "1" },
        { id: 7, scheme: "registry", value: "2" },
      ],
      mentionCount: 5,
    });
    const relations = [relation(1, 21, 20), relation(2, 21, 30), relation(3, 40, 21), relation(4, 20, 50)];
    const preview = mergePreview(keep, absorb, relations);
    // keep has no English name: it takes absorb's; its Chinese name differs: an alias.
    expect(preview.nameEn).toBe("Special Committee");
    expect(preview.nameZh).toBeNull();
    expect(preview.newAliases.map((a) => [a.lang, a.text, a.from])).toEqual([
      ["zh", "特委会", "alias"],
      ["zh", "特种材料委员会", "name"],
    ]);
    // SCOSMI is already an alias, 特材委 already keep's preferred name.
    expect(preview.droppedAliases.map((a) => a.text)).toEqual(["SCOSMI", "特材委"]);
    expect(preview.newExternalIds.map((x) => x.value)).toEqual(["2"]);
    expect(preview.droppedExternalIds.map((x) => x.value)).toEqual(["1"]);
    expect(preview.mentions).toBe(5);
    expect(preview.movedRelations).toBe(2);
    expect(preview.droppedRelations).toBe(1);
    expect(preview.notesAppended).toBe(true);
    expect(preview.key).toBe("scosmi");
    expect(preview.typeDiffers).toBe(true);
  });

  it("does not add a preferred name the kept entity already has as an alias", () => {
    const keep = entity(1, { nameEn: "SCOSMI", aliases: [alias("zh", "特材委")] });
    const absorb = entity(2, { nameZh: "特材委", nameEn: "SCOSMI", key: "x" });
    const preview = mergePreview(keep, { ...absorb, notes: "" });
    expect(preview.nameZh).toBeNull();
    expect(preview.newAliases).toEqual([]);
    expect(preview.notesAppended).toBe(false);
    expect(preview.typeDiffers).toBe(false);
  });

  it("keeps the kept entity's key", () => {
    expect(mergePreview(inst14, entity(5, { key: "other", nameEn: "X" })).key).toBeNull();
  });
});
