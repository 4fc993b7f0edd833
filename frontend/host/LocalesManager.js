const LOCALES = { en: "en-GB", fr: "fr-FR" };

export default class LocalesManager {
  getLocale(lang) {
    return LOCALES[lang] || "en-GB";
  }

  getFileNameByLang(lang) {
    return LOCALES[lang] ? lang : "en";
  }
}
