import { useIntl } from "react-intl";
import { useSelector } from "react-redux";
import { formatMessage, formatMessageWithValues } from "@openimis/fe-core";
import { MODULE_NAME } from "../constants";

// M marks a message id passed on to fe-core (Searcher headers, Form titles), so that the translation test finds it.
export const M = (id) => id;

export function enumKey(enumName, value) {
  return `enum.${enumName}.${value}`;
}

export function useMsg() {
  const intl = useIntl();
  const msg = (id) => formatMessage(intl, MODULE_NAME, id);
  const msgv = (id, values) => formatMessageWithValues(intl, MODULE_NAME, id, values);
  const enumLabel = (enumName, value) => (value ? msg(enumKey(enumName, value)) : "");
  // Country names and sorting follow the user's openIMIS language (fe-core 1.11 gives IntlProvider no locale).
  const language = useSelector((state) => state?.core?.user?.i_user?.language);
  return { intl, msg, msgv, enumLabel, locale: language || intl.locale };
}
