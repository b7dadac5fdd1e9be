/**
 * Builds the zh-CN custom-functions metadata from the generated (en) functions.json.
 * Used by the webpack build (emits dist/functions.zh-CN.json) and by tests.
 * Ids stay ASCII; names, descriptions and parameter names/descriptions come from
 * src/functions/zh-CN.json. A missing translation is a build error, never a silent fallback.
 */
"use strict";

const ZH_CN = require("../src/functions/zh-CN.json");

const CJK = /[\u4e00-\u9fff]/;

/**
 * @param {object|string} metadata the en metadata object ({ functions: [...] }) or its JSON text
 * @param {object} [map] translation map (defaults to src/functions/zh-CN.json)
 * @returns {object} a new metadata object with Chinese names and descriptions
 */
function translateMetadata(metadata, map = ZH_CN) {
  const source = typeof metadata === "string" ? JSON.parse(metadata) : metadata;
  if (!source || !Array.isArray(source.functions)) {
    throw new Error("functions-zh-cn: metadata has no functions array");
  }
  const functions = source.functions.map((fn) => {
    const t = Object.prototype.hasOwnProperty.call(map, fn.id) ? map[fn.id] : undefined;
    if (!t || typeof t.name !== "string" || !t.name) {
      throw new Error(`functions-zh-cn: function ${fn.id} has no zh-CN translation in src/functions/zh-CN.json`);
    }
    if (!CJK.test(t.name)) {
      throw new Error(`functions-zh-cn: the zh-CN name of function ${fn.id} ("${t.name}") has no Chinese characters`);
    }
    const params = (fn.parameters || []).map((p) => {
      const tp = t.parameters && Object.prototype.hasOwnProperty.call(t.parameters, p.name) ? t.parameters[p.name] : undefined;
      if (!tp || typeof tp.name !== "string" || !tp.name || typeof tp.description !== "string") {
        throw new Error(`functions-zh-cn: parameter ${p.name} of function ${fn.id} has no zh-CN translation`);
      }
      return { ...p, name: tp.name, description: tp.description };
    });
    const out = { ...fn, name: t.name, parameters: params };
    if (typeof t.description === "string") out.description = t.description;
    else throw new Error(`functions-zh-cn: function ${fn.id} has no zh-CN description`);
    return out;
  });
  return { ...source, functions };
}

module.exports = { translateMetadata };
