// Our YAML formats for Decap CMS, then its start. Decap's own YAML format cannot write the
// "# yaml-language-server" line the validator wants first, and it writes the optional fields
// an editor left empty ("" or []), which the schemas refuse. Each kind of file has a format
// (admin/formats.json, generated from the schemas by the maillage-admin plugin) that writes
// the line, the keys in the schema's order, and nothing empty.
import * as YAML from "./yaml/index.js";

const EMPTY = Symbol("empty");

function prune(value) {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "string") return value.trim() === "" ? EMPTY : value;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item) => item !== EMPTY);
    return items.length ? items : EMPTY;
  }
  if (typeof value === "object") {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      const pruned = prune(item);
      if (pruned !== EMPTY) kept[key] = pruned;
    }
    return Object.keys(kept).length ? kept : EMPTY;
  }
  return value;
}

function ordered(data, order) {
  const result = {};
  for (const key of order) if (key in data) result[key] = data[key];
  for (const key of Object.keys(data)) if (!(key in result)) result[key] = data[key];
  return result;
}

function yamlFormat(spec) {
  return {
    fromFile(text) {
      const data = YAML.parse(text) ?? {};
      return data;
    },
    toFile(data) {
      const { maillage_fiche: _mark, ...rest } = data || {};
      const pruned = prune(rest);
      const body = pruned === EMPTY ? "" : YAML.stringify(ordered(pruned, spec.order), { lineWidth: 100 });
      return `${spec.schemaLine}\n${body}`;
    },
  };
}

// Every file of practices/, for the hidden collection that "Fiches liées" points to: only cards
// (their schema line names card.schema.json) are marked, so that the collection's filter keeps them.
function indexFormat(cardLine) {
  return {
    fromFile(text) {
      const data = YAML.parse(text) ?? {};
      if (text.split("\n", 1)[0] === cardLine && data && typeof data === "object") data.maillage_fiche = "oui";
      return data;
    },
    toFile() {
      throw new Error("Cette collection ne sert qu'aux renvois entre fiches.");
    },
  };
}

const formats = await (await fetch(new URL("formats.json", import.meta.url))).json();
for (const [name, spec] of Object.entries(formats)) {
  window.CMS.registerCustomFormat(name, "yml", yamlFormat(spec));
}
window.CMS.registerCustomFormat("maillage-index", "yml", indexFormat(formats["maillage-card"].schemaLine));
window.CMS.init();
