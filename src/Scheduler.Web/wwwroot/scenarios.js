// Scenarios: uploading one (with its errors beside their JSON paths), the stored ones, and starting a plan of one.

import { ApiError, json, sayError } from './api.js';
import { $, cell, say } from './dom.js';
import { editScenario } from './editor.js';

const el = {
  uploadForm: $('upload-form'), file: $('scenario-file'), text: $('scenario-text'),
  uploadMessage: $('upload-message'), errors: $('scenario-errors'),
  stored: $('stored'), scenariosBody: $('scenarios-body'),
  startForm: $('start-form'), startHeading: $('start-heading'), variant: $('variant'), timeLimit: $('time-limit'), alternatives: $('alternatives-count'),
  startMessage: $('start-message'),
};

const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let startScenario = null;

export async function loadScenarios() {
  try {
    const scenarios = await json('/api/scenarios');
    el.scenariosBody.replaceChildren(...scenarios.map((s) => {
      const tr = document.createElement('tr');
      cell(tr, String(s.id));
      cell(tr, s.name);
      cell(tr, s.submittedAt);
      cell(tr, s.submittedBy ?? '');
      const td = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'needs-plan';
      button.textContent = 'Plan';
      button.setAttribute('aria-label', `Plan scenario ${s.id}: ${s.name}`);
      button.addEventListener('click', () => chooseStoredScenario(s.id));
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.className = 'secondary';
      edit.textContent = 'Edit';
      edit.setAttribute('aria-label', `Edit scenario ${s.id}: ${s.name}`);
      edit.addEventListener('click', () => editScenario(s.id));
      td.className = 'row-actions';
      td.append(button, edit);
      tr.append(td);
      return tr;
    }));
  } catch (error) {
    sayError(el.startMessage, error);
  }
}

async function chooseStoredScenario(id) {
  try {
    offerStart(await json(`/api/scenarios/${id}`));
  } catch (error) {
    sayError(el.startMessage, error);
  }
}

function showErrors(errors, count = errors.length) {
  el.errors.caption.textContent = count > errors.length
    ? `Errors in the scenario: the first ${errors.length} of ${count.toLocaleString('en')}`
    : 'Errors in the scenario';
  el.errors.tBodies[0].replaceChildren(...errors.map((e) => {
    const tr = document.createElement('tr');
    cell(tr, e.path, 'path');
    cell(tr, e.message, 'message');
    return tr;
  }));
  el.errors.hidden = errors.length === 0;
}

/** Offers to plan stored scenario <paramref name="scenario"/> (its id, name and variants); focus goes to the offer unless told otherwise. */
export function offerStart(scenario, focus = true) {
  startScenario = scenario.id;
  el.startHeading.textContent = `Start a plan of scenario ${scenario.id}: ${scenario.name}`;
  const options = [new Option('base (no variant)', '')];
  for (const v of scenario.variants || []) options.push(new Option(v, v));
  el.variant.replaceChildren(...options);
  el.startForm.hidden = false;
  say(el.startMessage, '');
  if (focus) el.startHeading.focus();
}

/** Forgets the scenarios and the plan being started (on signing out). */
export function clearScenarios() {
  startScenario = null;
  el.scenariosBody.replaceChildren();
  el.errors.hidden = true;
  el.startForm.hidden = true;
  say(el.uploadMessage, '');
  say(el.startMessage, '');
}

/** Wires the forms; <paramref name="started"/> is told of each run started, with its time limit. */
export function initScenarios(started) {
  el.stored.addEventListener('toggle', () => {
    if (el.stored.open) loadScenarios();
  });

  el.uploadForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    showErrors([]);
    const file = el.file.files && el.file.files[0];
    // A slate workbook goes as its bytes; the server reads it into the scenario document it stands for.
    const workbook = file !== undefined && file !== null && file.name.toLowerCase().endsWith('.xlsx');
    const body = workbook ? await file.arrayBuffer() : file ? await file.text() : el.text.value;
    if (!workbook && !body.trim()) {
      say(el.uploadMessage, 'Choose a scenario file or paste its JSON first.', 'error');
      return;
    }
    say(el.uploadMessage, 'Uploading…');
    try {
      const contentType = workbook ? WORKBOOK_TYPE : 'application/json';
      const stored = await json('/api/scenarios', { method: 'POST', headers: { 'Content-Type': contentType }, body });
      say(el.uploadMessage, `Stored as scenario ${stored.id}: ${stored.name}.`, 'ok');
      offerStart(stored);
      loadScenarios();
    } catch (error) {
      sayError(el.uploadMessage, error);
      showErrors(error instanceof ApiError ? error.problem.errors : [], error instanceof ApiError ? error.problem.errorCount : 0);
    }
  });

  el.startForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (startScenario === null) return;
    const seconds = Number(el.timeLimit.value);
    const request = {
      scenarioId: startScenario,
      variant: el.variant.value || null,
      timeLimitSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : null,
    };
    // Near-equal plans found after the best one, each a run of its own shown against it.
    const alternatives = Number(el.alternatives.value);
    if (Number.isInteger(alternatives) && alternatives > 0) request.alternatives = alternatives;
    say(el.startMessage, 'Starting…');
    try {
      const { id } = await json('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
      say(el.startMessage, '');
      started(id, request.timeLimitSeconds);
    } catch (error) {
      sayError(el.startMessage, error);
    }
  });
}
