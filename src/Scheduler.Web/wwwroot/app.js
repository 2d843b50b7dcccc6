// The planners' page: signs in with a bearer token (kept for this browser tab only) and calls /api.
// ES modules served by this host; no framework and no build step.

import { ApiError, api, session } from './api.js';
import { $, say } from './dom.js';
import { clearProgress, follow, initFollow } from './follow.js';
import { clearPublications, refreshPublications } from './publications.js';
import { clearRuns, initRuns, refreshRuns, selectRun } from './runs.js';
import { clearEditor, initEditor } from './editor.js';
import { initReleases } from './releases.js';
import { forgetScenarioDocuments } from './scenario-documents.js';
import { clearScenarios, initScenarios, loadScenarios, offerStart } from './scenarios.js';
import { clearWhatIf, initWhatIf } from './whatif.js';
import { initWorkbench } from './workbench.js';

const TOKEN_KEY = 'scheduler.token';
const REFRESH_MS = 4000;

const el = {
  signinForm: $('signin-form'), token: $('token'), signinMessage: $('signin-message'),
  signedIn: $('signed-in'), signedInNote: $('signed-in-note'), signout: $('signout'), status: $('status'), app: $('app'),
};

let timer = null;
const stillSignedIn = () => session.token !== null;

// One refresh at a time: a timer tick while one is under way is skipped; anything else waits its turn.
let refreshing = Promise.resolve();
let refreshBusy = false;

function refresh(fromTimer) {
  if (fromTimer === true && refreshBusy) return refreshing;
  refreshBusy = true;
  const next = refreshing.then(refreshOnce);
  refreshing = next;
  next.finally(() => {
    if (refreshing === next) refreshBusy = false;
  });
  return next;
}

async function refreshOnce() {
  if (!stillSignedIn()) return;
  try {
    await Promise.all([refreshRuns(stillSignedIn), refreshPublications(stillSignedIn)]);
    if (el.status.textContent.startsWith('Refreshing failed')) say(el.status, '');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    say(el.status, `Refreshing failed: ${error.message}`, 'error');
  }
}

async function signIn(token) {
  session.token = token;
  let who;
  try {
    who = await (await api('/api/session')).json();
  } catch (error) {
    session.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    say(el.signinMessage, error instanceof ApiError ? error.message : String(error), 'error');
    el.token.focus();
    el.token.select();
    return false;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  say(el.signinMessage, '');
  el.token.value = '';
  el.signinForm.hidden = true;
  showSession(who);
  el.signedIn.hidden = false;
  el.app.hidden = false;
  say(el.status, 'Signed in.');
  await refresh();
  loadScenarios();
  timer = setInterval(() => refresh(true), REFRESH_MS);
  return true;
}

// The header says who is signed in and what the role may do; controls it may not use are not offered.
const ROLE_WORDS = { read: 'read and check moves', plan: 'plan and re-plan', administer: 'adopt and manage tokens' };

function showSession(who) {
  const may = who.may || [];
  document.body.dataset.may = may.join(' ');
  const can = may.map((m) => ROLE_WORDS[m]).filter((w) => w);
  const cannot = Object.keys(ROLE_WORDS).filter((m) => !may.includes(m)).map((m) => ROLE_WORDS[m]);
  el.signedInNote.textContent = `Signed in as ${who.name} (${who.role}): may ${can.join(', ')}${cannot.length > 0 ? `; may not ${cannot.join(', ')}` : ''}.`;
}

function signOut(message) {
  delete document.body.dataset.may;
  clearProgress();
  clearInterval(timer);
  timer = null;
  session.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  clearRuns();
  clearPublications();
  clearScenarios();
  clearEditor();
  clearWhatIf();
  forgetScenarioDocuments();
  el.app.hidden = true;
  el.signedIn.hidden = true;
  el.signinForm.hidden = false;
  say(el.signinMessage, message || '', message ? 'error' : undefined);
  say(el.status, message ? '' : 'Signed out.');
  el.token.focus();
}

// A run started here is followed; once done, its calendar is shown (a re-plan's, against the run it started from).
async function started(id, limit, from) {
  refresh();
  await follow(id, limit, async (event) => {
    await refresh();
    if (event === 'done') await selectRun(id, from);
  });
}

session.onExpired = signOut;
el.signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = el.token.value.trim();
  if (token) signIn(token);
});
el.signout.addEventListener('click', () => signOut());
initRuns(refresh);
initScenarios(started);
initFollow();
initWorkbench((id, from) => started(id, undefined, from));
initEditor((stored) => {
  loadScenarios();
  offerStart(stored, false); // the planner stays in the editor
});
initWhatIf(refresh);
initReleases();

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) signIn(saved);
