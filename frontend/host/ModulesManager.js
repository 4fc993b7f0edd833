import { ensureArray } from "@openimis/fe-core";

/** What the openIMIS assembly's ModulesManager does: load the modules with their configuration, index refs. */
export default class ModulesManager {
  constructor(cfg, modules) {
    this.cfg = cfg;
    this.modules = modules.map(([name, module]) => module(cfg[name] || {}));
    this.contributionsCache = {};
    this.controlsCache = {};
    for (const k in cfg) {
      for (const c of cfg[k].controls || []) this.controlsCache[`${k}.${c.field}`] = c.usage;
    }
    this.refsCache = this.getContribs("refs").reduce((refs, r) => ({ ...refs, [r.key]: r.ref }), {});
  }

  getOpenIMISVersion() {
    return "meeting-host";
  }

  getModulesVersions() {
    return [];
  }

  hideField(module, key) {
    return this.controlsCache[`fe-${module}.${key}`] & 1;
  }

  getRef(key) {
    return this.refsCache[key];
  }

  getReport() {
    return undefined;
  }

  getProjection(key) {
    const proj = this.getRef(key);
    return proj ? `{${proj.join(", ")}}` : "";
  }

  getContribs(key) {
    if (!this.contributionsCache[key]) {
      this.contributionsCache[key] = this.modules.reduce((all, m) => [...all, ...ensureArray(m[key])], []);
    }
    return this.contributionsCache[key];
  }

  // fe-core 1.11's menus ask for every menu entry (to find the open one when "menus" is configured).
  getMenuEntries() {
    return [];
  }

  getConf(module, key, defaultValue = null) {
    const moduleCfg = this.cfg[module] || {};
    return moduleCfg[key] !== undefined ? moduleCfg[key] : defaultValue;
  }
}
