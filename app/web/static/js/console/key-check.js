// Before this browser seals anything to a public key it got from the server (a colleague's key when
// granting or renewing the inbox key, a partner's key before the first signal), the adviser compares
// the key's safety number with its owner: read aloud, or side by side (DESIGN: keys; T3). A server
// that swapped in its own key would show a different number. Confirmed keys are remembered for this
// console session only, in memory, and forgotten at the lock.

import { fromBase64, toHex } from "../crypto/bytes.js";
import { safetyNumber } from "../crypto/safety-number.js";
import { api } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

const confirmed = new Map(); // hex of the raw public key -> its safety number
let pending = null; // the open question's answer function, so that the lock can close it

export function forgetConfirmed() {
  confirmed.clear();
  pending?.(false);
}

// `items`: [{ name, publicKey (bytes), ...anything }]. Resolves to the items with `safetyNumber`
// added once the adviser said every number matches, or to null when they did not. `always` asks
// even for keys confirmed earlier in this session (a grant: a newcomer's key is checked each
// time). `record(item)` runs for each newly confirmed item before it is remembered (the audit).
export async function confirmKeys(items, { title, explained, always = false, record = null }) {
  const numbered = [];
  for (const item of items) {
    numbered.push({ ...item, hex: toHex(item.publicKey), safetyNumber: await safetyNumber(item.publicKey) });
  }
  const open = numbered.filter((item) => always || !confirmed.has(item.hex));
  if (open.length > 0) {
    if (!(await ask(open, title, explained))) return null;
    for (const item of open) {
      if (record) await record(item);
      confirmed.set(item.hex, item.safetyNumber);
    }
  }
  return numbered;
}

// Before the first signal to each partner key in this session (`partners`: recipients with their
// current `key`): true when every key was confirmed, each new confirmation audited by the server
// (`partner_key.verified`, naming the key and its number, never the case).
export async function confirmPartnerKeys(partners) {
  const items = partners.map((p) => ({ name: p.name, partnerId: p.id, keyId: p.key.key_id, publicKey: fromBase64(p.key.public_key) }));
  const checked = await confirmKeys(items, {
    title: t("keycheck.partner_title"),
    explained: t("keycheck.partner_explained"),
    record: (item) =>
      api("POST", "/api/v1/staff/partner-key-verifications", { partner_id: item.partnerId, key_id: item.keyId, safety_number: item.safetyNumber }),
  });
  return checked !== null;
}

function ask(items, title, explained) {
  pending?.(false);
  return new Promise((resolve) => {
    const yes = h("button", { type: "button", class: "button" }, t("keycheck.match"));
    const no = h("button", { type: "button", class: "button secondary" }, t("keycheck.cancel"));
    const heading = h("h2", { id: "key-check-title" }, title);
    const dialog = h(
      "dialog",
      { class: "key-check", "aria-labelledby": "key-check-title" },
      heading,
      h("p", {}, explained),
      h("p", {}, t("keycheck.how")),
      h(
        "dl",
        { class: "safety-numbers" },
        items.map((item) => [h("dt", {}, item.name), h("dd", { class: "secret safety-number", "data-owner": item.name }, item.safetyNumber)])
      ),
      h("p", { class: "actions" }, yes, " ", no)
    );
    const answer = (value) => {
      if (pending !== answer) return;
      pending = null;
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(value);
    };
    pending = answer;
    yes.addEventListener("click", () => answer(true));
    no.addEventListener("click", () => answer(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      answer(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
