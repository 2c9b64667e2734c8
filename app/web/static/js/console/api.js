// The JSON API, with the session's CSRF token on every write. The session cookie itself is
// HttpOnly: no script here can read it.

import { lang } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

let csrf = null;
export const setCsrf = (token) => {
  csrf = token;
};

export async function api(method, path, body) {
  const headers = { Accept: "application/json", "Accept-Language": lang() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data?.error?.code, data?.error?.message);
  return data;
}

export const query = (params) => {
  const kept = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "");
  return kept.length ? `?${new URLSearchParams(kept)}` : "";
};
