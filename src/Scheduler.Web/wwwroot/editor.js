// The slate editor: a stored scenario version (or a new one) as tables, every edit checked by the
// API's validation (the same as 'scheduler validate'), saved as a new audited version, downloaded as
// JSON, or kept as a variant of the stored version and planned with its base (whatif.js).

import { ApiError, api, json, sayError } from './api.js';
import { $, say } from './dom.js';
import { variantChanges } from './merge-patch.js';
import { SlateTables } from './slate-tables.js';
import { clearWhatIf, offerWhatIf } from './whatif.js';

const VALIDATE_AFTER_MS = 250;

const el = {
  editor: $('editor'), heading: $('editor-heading'), source: $('editor-source'), status: $('editor-status'), errors: $('editor-errors'),
  tables: $('editor-tables'), save: $('editor-save'), download: $('editor-download'), close: $('editor-close'),
  newScenario: $('new-scenario'),
  variantForm: $('variant-form'), variantId: $('variant-id'), variantDescription: $('variant-description'), variantMessage: $('variant-message'),
};

// The version edited (null for a new slate), its document as stored, and the document as edited.
const state = { id: null, stored: null, slate: null, dirty: false, timer: null, asked: 0, opened: 0, saved: () => {} };

const tables = new SlateTables(el.tables, (restructured) => edited(restructured));

function edited() {
  state.dirty = true;
  clearTimeout(state.timer);
  state.timer = setTimeout(validate, VALIDATE_AFTER_MS);
}

async function validate() {
  const asked = ++state.asked;
  say(el.status, 'Checking…');
  try {
    const answer = await json('/api/scenarios/validate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(state.slate) });
    if (asked !== state.asked) return; // a later edit asked again
    showErrors(answer.errors, answer.errorCount);
  } catch (error) {
    if (asked === state.asked) sayError(el.status, error);
  }
}

function showErrors(errors, count) {
  const unplaced = tables.place(errors);
  el.errors.replaceChildren(...unplaced.map((e) => {
    const li = document.createElement('li');
    li.textContent = `${e.path}: ${e.message}`;
    return li;
  }));
  const unsaved = state.dirty ? ' Not saved yet.' : '';
  if (count === 0) say(el.status, `Valid.${unsaved}`, 'ok');
  else {
    const listed = count > errors.length ? ` (the first ${errors.length} are shown)` : '';
    say(el.status, `${count === 1 ? '1 error' : `${count} errors`}${listed}, beside the cells they name.${unsaved}`, 'error');
  }
}

function open(id, stored) {
  state.opened++;
  clearWhatIf();
  state.id = id;
  state.stored = stored;
  state.slate = structuredClone(stored);
  state.dirty = false;
  el.heading.textContent = id === null ? 'Edit the slate: a new scenario' : `Edit the slate: scenario ${id}, ${stored.name}`;
  el.source.textContent = id === null
    ? 'A new scenario: fill in its regions and titles, then save it.'
    : `Saving stores a new version; scenario ${id} stays as it is. Fields the tables do not show are kept unchanged.`;
  el.variantForm.hidden = id === null;
  say(el.variantMessage, '');
  tables.show(state.slate);
  el.editor.hidden = false;
  el.heading.focus();
  validate();
}

/** Opens stored scenario <paramref name="id"/> in the editor. */
export async function editScenario(id) {
  const opening = ++state.opened; // only the scenario asked for last is opened
  try {
    const document = await (await api(`/api/scenarios/${id}/document`)).json();
    if (opening === state.opened) open(id, document);
  } catch (error) {
    if (opening !== state.opened) return;
    clearEditor();
    el.editor.hidden = false;
    el.heading.textContent = `Edit the slate: scenario ${id}`;
    sayError(el.status, error);
  }
}

// A new slate starts on today's date, a year long, with one region and one title to copy from.
function blankScenario() {
  const today = new Date();
  const start = today.toISOString().slice(0, 10);
  const end = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate() - 1)).toISOString().slice(0, 10);
  return {
    name: 'New scenario',
    horizon: { start, end },
    regions: [{ id: 'us', name: 'United States', timeZone: 'America/New_York', audience: 1 }],
    titles: [{ id: 'first-title', name: 'First title', genres: ['drama'], demand: 1 }],
  };
}

async function save() {
  if (!state.slate) return;
  // What is saved is the slate as it stands now; edits made while it is sent stay unsaved.
  const saving = structuredClone(state.slate);
  const opened = state.opened;
  say(el.status, 'Saving…');
  try {
    const stored = await json('/api/scenarios', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(saving, null, 2) });
    if (opened !== state.opened) return;
    state.id = stored.id;
    state.stored = saving;
    state.dirty = JSON.stringify(saving) !== JSON.stringify(state.slate);
    el.heading.textContent = `Edit the slate: scenario ${stored.id}, ${stored.name}`;
    el.variantForm.hidden = false;
    say(el.status, `Saved as scenario ${stored.id}: ${stored.name}. The audit log names you as its saver.`, 'ok');
    state.saved(stored);
  } catch (error) {
    sayError(el.status, error);
    if (error instanceof ApiError && error.problem.errors.length > 0) {
      tables.place(error.problem.errors);
    }
  }
}

function download() {
  if (!state.slate) return;
  const name = (state.slate.name || 'scenario').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(state.slate, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  say(el.status, `Downloaded ${name}.json.`, 'ok');
}

// The edits kept as a variant of the stored version: its base stays as stored, and the new version holds both.
async function saveVariant(event) {
  event.preventDefault();
  if (!state.slate || state.id === null) return;
  const id = el.variantId.value.trim();
  const changes = variantChanges(state.stored, state.slate);
  if (changes === null) {
    say(el.variantMessage, `Nothing differs from scenario ${state.id}: edit the tables first, then save the edits as a variant.`, 'error');
    return;
  }
  const document = structuredClone(state.stored);
  const variant = { id, changes };
  if (el.variantDescription.value.trim()) variant.description = el.variantDescription.value.trim();
  document.variants = [...(Array.isArray(document.variants) ? document.variants : []), variant];
  say(el.variantMessage, 'Saving…');
  try {
    const stored = await json('/api/scenarios', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(document, null, 2) });
    open(stored.id, document);
    say(el.variantMessage, `Stored as scenario ${stored.id}, its base unchanged, with variant '${id}' (${Object.keys(changes).join(', ')} changed).`, 'ok');
    el.variantId.value = '';
    el.variantDescription.value = '';
    state.saved(stored);
    offerWhatIf(stored);
  } catch (error) {
    sayError(el.variantMessage, error);
  }
}

/** Forgets the slate being edited (on signing out). */
export function clearEditor() {
  clearTimeout(state.timer);
  state.asked++;
  state.opened++;
  clearWhatIf();
  Object.assign(state, { id: null, stored: null, slate: null, dirty: false });
  el.tables.replaceChildren();
  el.errors.replaceChildren();
  say(el.status, '');
  el.editor.hidden = true;
}

/** Wires the editor; <paramref name="saved"/> is told of each version stored. */
export function initEditor(saved) {
  state.saved = saved;
  el.newScenario.addEventListener('click', () => open(null, blankScenario()));
  el.save.addEventListener('click', save);
  el.download.addEventListener('click', download);
  el.close.addEventListener('click', clearEditor);
  el.variantForm.addEventListener('submit', saveVariant);
}
