// The planners' page: signs in with a bearer token (kept for this browser tab only) and calls /api.
// No framework and no build step; everything comes from this host.
'use strict';

(() => {
  const TOKEN_KEY = 'scheduler.token';
  const REFRESH_MS = 4000;

  const $ = (id) => document.getElementById(id);
  const el = {
    signinForm: $('signin-form'), token: $('token'), signinMessage: $('signin-message'),
    signedIn: $('signed-in'), signout: $('signout'), status: $('status'), app: $('app'),
    runsBody: $('runs-body'), runsEmpty: $('runs-empty'),
    uploadForm: $('upload-form'), file: $('scenario-file'), text: $('scenario-text'),
    uploadMessage: $('upload-message'), errors: $('scenario-errors'),
    stored: $('stored'), scenariosBody: $('scenarios-body'),
    startForm: $('start-form'), startHeading: $('start-heading'), variant: $('variant'), timeLimit: $('time-limit'),
    startMessage: $('start-message'),
    progress: $('progress'), progressBar: $('progress-bar'), progressMessage: $('progress-message'), cancel: $('cancel-run'),
    compareForm: $('compare-form'), compareBase: $('compare-base'), compareOther: $('compare-other'), compareMessage: $('compare-message'),
    viewHeading: $('view-heading'), adopt: $('adopt'), csv: $('download-csv'), viewMessage: $('view-message'),
    report: $('report'), reportEmpty: $('report-empty'),
    pubsSummary: $('pubs-summary'), pubsBody: $('pubs-body'),
  };
  const hook = (name) => document.querySelector(`[data-testid="${name}"]`);

  const state = {
    token: null,
    timer: null,
    runsText: null,
    pubsText: null,
    runs: [],
    selectedRun: null,
    startScenario: null,
    follow: null, // the AbortController of the event stream being followed
    followedRun: null,
  };

  // ---- talking to the API ----

  class ApiError extends Error {
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
        return { title: body.title, detail: body.detail, errors: Array.isArray(body.errors) ? body.errors : [] };
      } catch {
        // fall through to a plain sentence
      }
    }
    return { title: response.statusText, detail: `The server answered ${response.status} ${response.statusText}.`, errors: [] };
  }

  /** Calls the API with the token; resolves to the response when it succeeded, else throws an ApiError with the problem. */
  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    if (state.token) headers.set('Authorization', `Bearer ${state.token}`);
    let response;
    try {
      response = await fetch(path, { ...options, headers });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, { detail: 'The server cannot be reached.', errors: [] });
    }
    if (response.ok) return response;
    const problem = await problemOf(response);
    if (response.status === 401 && state.token && path !== '/api/runs?limit=1') {
      signOut(problem.detail);
    }
    throw new ApiError(response.status, problem);
  }

  const json = async (path, options) => (await api(path, options)).json();

  function say(target, text, kind) {
    target.textContent = text || '';
    target.classList.toggle('error', kind === 'error');
    target.classList.toggle('ok', kind === 'ok');
  }

  function sayError(target, error) {
    if (error && error.name === 'AbortError') return;
    say(target, error instanceof ApiError ? error.message : String(error), 'error');
  }

  // ---- signing in and out ----

  async function signIn(token) {
    state.token = token;
    try {
      await api('/api/runs?limit=1');
    } catch (error) {
      state.token = null;
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
    el.signedIn.hidden = false;
    el.app.hidden = false;
    say(el.status, 'Signed in.');
    await refresh();
    loadScenarios();
    state.timer = setInterval(() => refresh(true), REFRESH_MS);
    return true;
  }

  function signOut(message) {
    stopFollowing();
    clearInterval(state.timer);
    state.timer = null;
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    state.runsText = state.pubsText = null;
    state.runs = [];
    state.selectedRun = null;
    state.startScenario = null;
    el.runsBody.replaceChildren();
    el.scenariosBody.replaceChildren();
    el.pubsBody.replaceChildren();
    el.errors.hidden = true;
    el.startForm.hidden = true;
    el.progress.hidden = true;
    for (const target of [el.uploadMessage, el.startMessage, el.compareMessage, el.viewMessage, el.progressMessage]) say(target, '');
    showReport(null);
    el.app.hidden = true;
    el.signedIn.hidden = true;
    el.signinForm.hidden = false;
    say(el.signinMessage, message || '', message ? 'error' : undefined);
    say(el.status, message ? '' : 'Signed out.');
    el.token.focus();
  }

  el.signinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = el.token.value.trim();
    if (token) signIn(token);
  });
  el.signout.addEventListener('click', () => signOut());

  // ---- runs ----

  const number = (value, digits = 2) => (value === null || value === undefined ? '' : Number(value).toFixed(digits));
  const percent = (value) => (value === null || value === undefined ? '' : `${(Number(value) * 100).toFixed(2)}%`);
  const hasPlan = (run) => run.objective !== null && run.objective !== undefined && (run.status === 'optimal' || run.status === 'feasible');
  const describe = (run) => `run ${run.id}: ${run.scenario}${run.variant ? ` (${run.variant})` : ''}`;

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
    if (!state.token) return;
    try {
      await Promise.all([refreshRuns(), refreshPublications()]);
      if (el.status.textContent.startsWith('Refreshing failed')) say(el.status, '');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      say(el.status, `Refreshing failed: ${error.message}`, 'error');
    }
  }

  async function refreshRuns() {
    const response = await api('/api/runs?limit=100');
    const text = await response.text();
    if (!state.token || text === state.runsText) return;
    state.runsText = text;
    state.runs = JSON.parse(text);
    renderRuns();
    renderCompareChoices();
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text ?? '';
    if (className) td.className = className;
    row.append(td);
    return td;
  }

  function renderRuns() {
    const focusedRun = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.run : undefined;
    const rows = state.runs.map((run) => {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'run-row';
      tr.dataset.run = run.id;
      if (run.id === state.selectedRun) tr.setAttribute('aria-current', 'true');
      const th = document.createElement('th');
      th.scope = 'row';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = `#${run.id}`;
      button.dataset.run = run.id;
      button.setAttribute('aria-label', `Show ${describe(run)}`);
      button.addEventListener('click', () => selectRun(run.id));
      th.append(button);
      tr.append(th);
      const scenario = cell(tr, run.scenario);
      if (run.variant) {
        const variant = document.createElement('span');
        variant.className = 'variant';
        variant.textContent = ` (${run.variant})`;
        scenario.append(variant);
      }
      cell(tr, run.trigger);
      cell(tr, run.status, `status status-${run.status}`);
      cell(tr, number(run.objective), 'n');
      cell(tr, percent(run.gap), 'n');
      const marker = cell(tr, run.adopted ? '★ plan of record' : '');
      if (run.adopted) {
        marker.dataset.testid = 'plan-of-record-marker';
        marker.className = 'por';
      }
      return tr;
    });
    el.runsBody.replaceChildren(...rows);
    el.runsEmpty.hidden = rows.length > 0;
    if (focusedRun !== undefined) {
      const again = el.runsBody.querySelector(`button[data-run="${focusedRun}"]`);
      if (again) again.focus();
    }
  }

  function renderCompareChoices() {
    const planned = state.runs.filter(hasPlan);
    for (const [select, fallback] of [[el.compareBase, 1], [el.compareOther, 0]]) {
      const previous = select.value;
      const options = planned.map((run) => new Option(describe(run), String(run.id)));
      select.replaceChildren(...options);
      if (planned.some((run) => String(run.id) === previous)) select.value = previous;
      else if (planned.length > fallback) select.value = String(planned[fallback].id);
    }
  }

  async function selectRun(id) {
    state.selectedRun = id;
    for (const row of el.runsBody.rows) {
      if (Number(row.dataset.run) === id) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
    const run = state.runs.find((r) => r.id === id);
    el.viewHeading.textContent = run ? `Run ${id}: ${run.scenario}${run.variant ? ` (variant ${run.variant})` : ''}` : `Run ${id}`;
    el.adopt.disabled = false;
    el.csv.disabled = false;
    say(el.viewMessage, '');
    await loadReport(`/api/runs/${id}/report`, el.viewMessage);
  }

  // Only the report asked for last is shown, however the answers arrive.
  let reportRequest = 0;

  async function loadReport(path, messageTarget) {
    const request = ++reportRequest;
    el.report.title = el.viewHeading.textContent;
    showReport(null, 'Loading…');
    try {
      const html = await (await api(path)).text();
      if (request === reportRequest) showReport(html);
    } catch (error) {
      if (request !== reportRequest) return;
      showReport(null, '');
      sayError(messageTarget, error);
    }
  }

  function showReport(html, note) {
    if (html === null && note === undefined) reportRequest++;
    if (html === null) {
      el.report.removeAttribute('srcdoc');
      el.report.hidden = true;
      el.reportEmpty.hidden = note === '';
      el.reportEmpty.textContent = note || 'Select a run to see its calendar and release table.';
    } else {
      el.report.srcdoc = html;
      el.report.hidden = false;
      el.reportEmpty.hidden = true;
    }
  }

  el.adopt.addEventListener('click', async () => {
    const id = state.selectedRun;
    if (id === null) return;
    say(el.viewMessage, `Adopting run ${id}…`);
    try {
      const answer = await json(`/api/runs/${id}/adopt`, { method: 'POST' });
      say(el.viewMessage, answer.message || `Run ${id} is now the plan of record.`, 'ok');
      await refresh();
    } catch (error) {
      sayError(el.viewMessage, error);
    }
  });

  el.csv.addEventListener('click', async () => {
    const id = state.selectedRun;
    if (id === null) return;
    try {
      const blob = await (await api(`/api/runs/${id}/csv`)).blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `run-${id}.csv`;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      say(el.viewMessage, `Downloaded run-${id}.csv.`, 'ok');
    } catch (error) {
      sayError(el.viewMessage, error);
    }
  });

  // ---- comparing ----

  el.compareForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const base = el.compareBase.value;
    const other = el.compareOther.value;
    if (!base || !other) {
      say(el.compareMessage, 'Pick two runs with a plan.', 'error');
      return;
    }
    say(el.compareMessage, '');
    say(el.viewMessage, '');
    state.selectedRun = null;
    for (const row of el.runsBody.rows) row.removeAttribute('aria-current');
    el.adopt.disabled = true;
    el.csv.disabled = true;
    el.viewHeading.textContent = `Run ${other} against run ${base}`;
    await loadReport(`/api/runs/${other}/report?against=${base}`, el.compareMessage);
  });

  // ---- publications ----

  async function refreshPublications() {
    const response = await api('/api/publications');
    const text = await response.text();
    if (!state.token || text === state.pubsText) return;
    state.pubsText = text;
    const status = JSON.parse(text);
    const releases = status.releases || [];
    const counts = { upcoming: 0, published: 0, late: 0, failed: 0 };
    for (const r of releases) counts[r.state] = (counts[r.state] || 0) + 1;
    for (const key of Object.keys(counts)) hook(`count-${key}`).textContent = String(counts[key]);
    el.pubsSummary.textContent = status.planOfRecord
      ? `Plan of record: run ${status.planOfRecord}, ${releases.length} drops.`
      : 'No plan of record yet: adopt a run to publish it.';
    el.pubsBody.replaceChildren(...releases.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'publication-row';
      cell(tr, r.title);
      cell(tr, r.region);
      // Drops count from 0 in the API; a whole-season release has one, and no number.
      cell(tr, r.drops > 1 ? `${r.drop + 1} of ${r.drops}` : '');
      cell(tr, r.date);
      cell(tr, r.publishAtLocal || r.publishAt);
      cell(tr, r.state, `state state-${r.state}`);
      cell(tr, r.publishedAt || '');
      cell(tr, r.node || '');
      cell(tr, r.error || '');
      return tr;
    }));
  }

  // ---- scenarios ----

  async function loadScenarios() {
    try {
      const scenarios = await json('/api/scenarios');
      el.scenariosBody.replaceChildren(...scenarios.map((s) => {
        const tr = document.createElement('tr');
        tr.dataset.testid = 'scenario-row';
        cell(tr, String(s.id));
        cell(tr, s.name);
        cell(tr, s.submittedAt);
        const td = document.createElement('td');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Plan';
        button.setAttribute('aria-label', `Plan scenario ${s.id}: ${s.name}`);
        button.addEventListener('click', () => chooseStoredScenario(s.id));
        td.append(button);
        tr.append(td);
        return tr;
      }));
    } catch (error) {
      sayError(el.startMessage, error);
    }
  }

  async function chooseStoredScenario(id) {
    try {
      const scenario = await json(`/api/scenarios/${id}`);
      offerStart(scenario);
    } catch (error) {
      sayError(el.startMessage, error);
    }
  }

  el.stored.addEventListener('toggle', () => {
    if (el.stored.open) loadScenarios();
  });

  el.uploadForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    el.errors.hidden = true;
    el.errors.tBodies[0].replaceChildren();
    let body;
    const file = el.file.files && el.file.files[0];
    if (file) body = await file.text();
    else body = el.text.value;
    if (!body.trim()) {
      say(el.uploadMessage, 'Choose a scenario file or paste its JSON first.', 'error');
      return;
    }
    say(el.uploadMessage, 'Uploading…');
    try {
      const stored = await json('/api/scenarios', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      say(el.uploadMessage, `Stored as scenario ${stored.id}: ${stored.name}.`, 'ok');
      offerStart(stored);
      loadScenarios();
    } catch (error) {
      sayError(el.uploadMessage, error);
      const errors = error instanceof ApiError ? error.problem.errors : [];
      if (errors.length > 0) {
        el.errors.tBodies[0].replaceChildren(...errors.map((e) => {
          const tr = document.createElement('tr');
          tr.dataset.testid = 'scenario-error';
          const path = cell(tr, e.path, 'path');
          path.dataset.testid = 'error-path';
          cell(tr, e.message).dataset.testid = 'error-message';
          return tr;
        }));
        el.errors.hidden = false;
      }
    }
  });

  function offerStart(scenario) {
    state.startScenario = scenario.id;
    el.startHeading.textContent = `Start a plan of scenario ${scenario.id}: ${scenario.name}`;
    const options = [new Option('base (no variant)', '')];
    for (const v of scenario.variants || []) options.push(new Option(v, v));
    el.variant.replaceChildren(...options);
    el.startForm.hidden = false;
    say(el.startMessage, '');
    el.startHeading.focus();
  }

  el.startForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (state.startScenario === null) return;
    const seconds = Number(el.timeLimit.value);
    const request = {
      scenarioId: state.startScenario,
      variant: el.variant.value || null,
      timeLimitSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : null,
    };
    say(el.startMessage, 'Starting…');
    try {
      const { id } = await json('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
      say(el.startMessage, '');
      follow(id, request.timeLimitSeconds);
      refresh();
    } catch (error) {
      sayError(el.startMessage, error);
    }
  });

  // ---- following a run: server-sent events read from a fetch stream (EventSource cannot send a token) ----

  function stopFollowing() {
    if (state.follow) state.follow.abort();
    state.follow = null;
  }

  function showProgress(update) {
    const p = update.progress || {};
    hook('progress-state').textContent = update.state || '';
    hook('progress-phase').textContent = p.phase || (update.state === 'queued' ? 'waiting in the queue' : '');
    hook('progress-incumbent').textContent = number(p.incumbent, 3);
    hook('progress-bound').textContent = number(p.bound, 3);
    const limit = p.timeLimitSeconds;
    hook('progress-elapsed').textContent = p.elapsedSeconds === undefined ? '' : `${number(p.elapsedSeconds, 1)} s${limit ? ` of ${number(limit, 0)} s` : ''}`;
    el.progressBar.value = limit ? Math.min(1, (p.elapsedSeconds || 0) / limit) : 0;
  }

  async function follow(id, limit) {
    stopFollowing();
    const controller = new AbortController();
    state.follow = controller;
    state.followedRun = id;
    hook('progress-run').textContent = String(id);
    for (const name of ['progress-phase', 'progress-incumbent', 'progress-bound', 'progress-elapsed']) hook(name).textContent = '';
    showProgress({ state: 'queued', progress: { timeLimitSeconds: limit } });
    el.progress.hidden = false;
    el.cancel.disabled = false;
    say(el.progressMessage, '');

    let final = null;
    for (let attempt = 0; attempt < 5 && !final && !controller.signal.aborted; attempt++) {
      try {
        final = await readEvents(id, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status !== 0) {
          sayError(el.progressMessage, error);
          return;
        }
      }
      if (!final) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (controller.signal.aborted) return;
    state.follow = null;
    el.cancel.disabled = true;
    if (!final) {
      say(el.progressMessage, `Lost the progress of run ${id}; see the runs list.`, 'error');
      return;
    }
    showProgress(final.data);
    if (final.event === 'done') el.progressBar.value = 1;
    const messages = (final.data.messages || []).join(' ');
    if (final.event === 'done') {
      say(el.progressMessage, `Run ${id} is done: ${final.data.status}.${messages ? ` ${messages}` : ''}`, 'ok');
      await refresh();
      await selectRun(id);
    } else if (final.event === 'missing') {
      say(el.progressMessage, final.data.message || `There is no run ${id}.`, 'error');
    } else {
      say(el.progressMessage, `Run ${id} ${final.event}.${messages ? ` ${messages}` : ''}`, 'error');
      refresh();
    }
  }

  /** Reads the run's event stream until its final event, which it returns; null when the stream ended before it. */
  async function readEvents(id, signal) {
    const response = await api(`/api/runs/${id}/events`, { signal, headers: { Accept: 'text/event-stream' } });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message = parseEvent(block);
          if (!message) continue;
          if (message.event === 'progress') showProgress(message.data);
          else return message;
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  function parseEvent(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return null;
    try {
      return { event, data: JSON.parse(data.join('\n')) };
    } catch {
      return null;
    }
  }

  el.cancel.addEventListener('click', async () => {
    const id = state.followedRun;
    if (id === null) return;
    try {
      await api(`/api/runs/${id}`, { method: 'DELETE' });
      say(el.progressMessage, `Cancelling run ${id}…`);
    } catch (error) {
      sayError(el.progressMessage, error);
    }
  });

  // ---- start ----

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved);
})();
