// My account: the security keys that can take the place of the authenticator app's code when
// logging in. Adding one asks the browser to talk to the key; removing one asks twice.

import { ApiError } from "../api.js";
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { member } from "../keyring.js";
import { listSecurityKeys, registerSecurityKey, removeSecurityKey, supported } from "../security-keys.js";

function keyRow(key, rerender) {
  const remove = h(
    "button",
    {
      type: "button",
      class: "button danger small",
      onclick: async (event) => {
        const button = event.currentTarget;
        if (button.dataset.confirm !== "yes") {
          button.dataset.confirm = "yes";
          button.textContent = t("account.confirm_remove", { name: key.name });
          return;
        }
        button.disabled = true;
        try {
          await removeSecurityKey(key.id);
        } catch (error) {
          button.disabled = false;
          button.textContent = error.message || t("console.error");
          return;
        }
        await rerender(t("account.removed", { name: key.name }));
      },
    },
    t("account.remove", { name: key.name })
  );
  return h(
    "tr",
    { "data-key": key.id },
    h("th", { scope: "row" }, key.name),
    h("td", {}, key.created_on),
    h("td", {}, key.last_used_on || t("account.never")),
    h("td", {}, remove)
  );
}

export async function showAccount(root, { rerender }) {
  const keys = await listSecurityKeys();
  const heading = h("h1", {}, t("account.title"));
  const say = h("p", { role: "status", class: "status-line" });
  const listing = keys.length
    ? h(
        "table",
        { class: "security-keys" },
        h("caption", { class: "visually-hidden" }, t("account.security_keys")),
        h("thead", {}, h("tr", {}, [t("account.name"), t("account.added"), t("account.last_used"), ""].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, keys.map((key) => keyRow(key, rerender)))
      )
    : h("p", {}, t("account.none"));

  const name = h("input", { id: "security-key-name", required: true, maxlength: 64, autocomplete: "off" });
  const problem = h("p", { class: "problems", role: "alert", hidden: true });
  const add = h("button", { type: "submit", class: "button" }, t("account.add_button"));
  const form = h(
    "form",
    { class: "invite" },
    h("h2", {}, t("account.add")),
    h("label", { for: "security-key-name" }, t("account.key_name")),
    name,
    h("p", { class: "hint" }, t("account.key_name_hint")),
    add,
    problem
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hidden = true;
    add.disabled = true;
    say.textContent = t("account.touch");
    try {
      const added = await registerSecurityKey(name.value.trim());
      await rerender(t("account.added_key", { name: added.name }));
    } catch (error) {
      say.textContent = "";
      problem.textContent = error instanceof ApiError || error?.name === "SecurityKeyError" ? error.message : t("console.error");
      problem.hidden = false;
      add.disabled = false;
    }
  });
  if (!supported()) {
    add.disabled = true;
    problem.textContent = t("securitykey.unsupported");
    problem.hidden = false;
  }

  root.replaceChildren(
    heading,
    say,
    h("p", {}, t("account.signed_in_as", { name: member().username })),
    h("h2", {}, t("account.security_keys")),
    h("p", {}, t("account.explained")),
    listing,
    form
  );
  announce(heading);
  return { say };
}
