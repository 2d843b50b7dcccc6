// Talking to the API with the signed-in token; every refusal becomes an ApiError carrying the problem's detail.

import { say } from './dom.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      const errors = Array.isArray(body.errors) ? body.errors : [];
      // The server lists the first errors of a long list and counts them all.
      return { title: body.title, detail: body.detail, errors, errorCount: Number.isInteger(body.errorCount) ? body.errorCount : errors.length };
    } catch {
      // fall through to a plain sentence
    }
  }
  return { title: response.statusText, detail: `The server answered ${response.status} ${response.statusText}.`, errors: [] };
}

/** The session: its token, and what to do when the server no longer takes it. */
export const session = {
  token: null,
  onExpired: () => {},
};

/** Calls the API with the token; resolves to the response when it succeeded, else throws an ApiError with the problem. */
export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (session.token) headers.set('Authorization', `Bearer ${session.token}`);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'The server cannot be reached.', errors: [] });
  }
  if (response.ok) return response;
  const problem = await problemOf(response);
  if (response.status === 401 && session.token && path !== '/api/session') {
    session.onExpired(problem.detail);
  }
  throw new ApiError(response.status, problem);
}

export const json = async (path, options) => (await api(path, options)).json();

/** Says an error in a message element; an aborted request says nothing. */
export function sayError(target, error) {
  if (error && error.name === 'AbortError') return;
  say(target, error instanceof ApiError ? error.message : String(error), 'error');
}
