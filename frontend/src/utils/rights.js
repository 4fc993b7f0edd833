import { useSelector } from "react-redux";

export function rightsOf(state) {
  return state?.core?.user?.i_user?.rights ?? [];
}

export function useRights() {
  return useSelector(rightsOf);
}

export function has(rights, right) {
  return rights.includes(right);
}
