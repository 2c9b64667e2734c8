// Security keys (WebAuthn) as the second factor: register one while logged in, and sign a login
// challenge with one. The server sends its options as JSON with binary values in base64url, and
// gets the authenticator's answers back in the same form. Nothing is kept in the browser.

import { api, ApiError } from "./api.js";
import { t } from "./i18n.js";

export const supported = () => typeof window.PublicKeyCredential === "function" && Boolean(navigator.credentials);

export function toBase64Url(data) {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function fromBase64Url(text) {
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const descriptors = (list) => (list || []).map((c) => ({ type: c.type, id: fromBase64Url(c.id) }));

function creationOptions(options) {
  return {
    ...options,
    challenge: fromBase64Url(options.challenge),
    user: { ...options.user, id: fromBase64Url(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
}

function requestOptions(options) {
  return { ...options, challenge: fromBase64Url(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
}

// A refusal from the browser (no key touched, cancelled, timed out) as an error with words.
export class SecurityKeyError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = "SecurityKeyError";
    this.reason = reason;
  }
}

function refusal(error, fallback) {
  if (error instanceof ApiError) return error;
  if (error?.name === "InvalidStateError") return new SecurityKeyError("already", t("securitykey.already"));
  return new SecurityKeyError("cancelled", fallback);
}

// Registers the key the member touches now under `name`; returns the server's { id, name, … }.
export async function registerSecurityKey(name) {
  if (!supported()) throw new SecurityKeyError("unsupported", t("securitykey.unsupported"));
  const options = await api("POST", "/api/v1/staff/security-keys/options");
  let credential;
  try {
    credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  } catch (error) {
    throw refusal(error, t("securitykey.cancelled"));
  }
  const response = credential.response;
  const body = {
    name,
    credential: {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toBase64Url(response.clientDataJSON),
        attestationObject: toBase64Url(response.attestationObject),
      },
    },
  };
  return api("POST", "/api/v1/staff/security-keys", body);
}

// Signs the server's login challenge for `username` with a key: the assertion for the login body.
// Any refusal reads like every other failed login, so the page does not tell whether the user
// exists or has keys.
export async function assertSecurityKey(username) {
  if (!supported()) throw new ApiError(0, "unsupported", t("securitykey.unsupported"));
  const options = await api("POST", "/api/v1/staff/login/security-key-options", { username });
  let credential;
  try {
    credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
  } catch {
    throw new ApiError(401, "login_failed", t("login.security_key_failed"));
  }
  const response = credential.response;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      authenticatorData: toBase64Url(response.authenticatorData),
      signature: toBase64Url(response.signature),
      userHandle: response.userHandle ? toBase64Url(response.userHandle) : null,
    },
  };
}

export const listSecurityKeys = () => api("GET", "/api/v1/staff/security-keys");
export const removeSecurityKey = (id) => api("DELETE", `/api/v1/staff/security-keys/${encodeURIComponent(id)}`);
