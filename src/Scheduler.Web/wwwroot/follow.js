// Following a run: its server-sent events, read from a fetch stream (EventSource cannot send a token).

import { ApiError, api, sayError } from './api.js';
import { $, number, say } from './dom.js';

const el = {
  progress: $('progress'), bar: $('progress-bar'), message: $('progress-message'), cancel: $('cancel-run'), stop: $('stop-run'),
  run: $('progress-run'), state: $('progress-state'), phase: $('progress-phase'),
  incumbent: $('progress-incumbent'), bound: $('progress-bound'), elapsed: $('progress-elapsed'),
  header: $('header-progress'),
};

let following = null; // the AbortController of the event stream being followed
let followedRun = null;

export function stopFollowing() {
  if (following) following.abort();
  following = null;
}

function showProgress(update) {
  const p = update.progress || {};
  el.state.textContent = update.state || '';
  el.phase.textContent = p.phase || (update.state === 'queued' ? 'waiting in the queue' : '');
  el.incumbent.textContent = number(p.incumbent, 3);
  el.bound.textContent = number(p.bound, 3);
  const limit = p.timeLimitSeconds;
  el.elapsed.textContent = p.elapsedSeconds === undefined ? '' : `${number(p.elapsedSeconds, 1)} s${limit ? ` of ${number(limit, 0)} s` : ''}`;
  el.bar.value = limit ? Math.min(1, (p.elapsedSeconds || 0) / limit) : 0;
  // The header keeps the run in view wherever the page is scrolled (not a live region: it changes every few seconds);
  // the API says when the run has finished, and the header then has nothing to keep in view.
  el.header.textContent = update.finished ? '' : [`Run ${followedRun}: ${update.state || ''}`, el.phase.textContent,
    p.incumbent !== undefined && p.incumbent !== null ? `objective ${number(p.incumbent, 1)}` : '', el.elapsed.textContent].filter((t) => t).join(' · ');
}

/**
 * Shows run <paramref name="id"/>'s progress until it ends; then <paramref name="ended"/> is told
 * how (the final event: done, failed, cancelled or missing).
 */
export async function follow(id, limit, ended) {
  stopFollowing();
  const controller = new AbortController();
  following = controller;
  followedRun = id;
  el.run.textContent = String(id);
  for (const target of [el.phase, el.incumbent, el.bound, el.elapsed]) target.textContent = '';
  showProgress({ state: 'queued', progress: { timeLimitSeconds: limit } });
  el.progress.hidden = false;
  el.cancel.disabled = false;
  el.stop.disabled = false;
  say(el.message, '');

  let final = null;
  for (let attempt = 0; attempt < 5 && !final && !controller.signal.aborted; attempt++) {
    try {
      final = await readEvents(id, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status !== 0) {
        el.header.textContent = '';
        sayError(el.message, error);
        return;
      }
    }
    if (!final) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (controller.signal.aborted) return;
  following = null;
  el.header.textContent = '';
  el.cancel.disabled = true;
  el.stop.disabled = true;
  if (!final) {
    say(el.message, `Lost the progress of run ${id}; see the runs list.`, 'error');
    return;
  }
  if (final.event !== 'missing') showProgress(final.data);
  el.header.textContent = '';
  const messages = (final.data.messages || []).join(' ');
  if (final.event === 'done') {
    el.bar.value = 1;
    say(el.message, `Run ${id} is done: ${final.data.status}.${messages ? ` ${messages}` : ''}`, 'ok');
  } else if (final.event === 'missing') {
    say(el.message, final.data.message || `There is no run ${id}.`, 'error');
  } else {
    say(el.message, `Run ${id} ${final.event}.${messages ? ` ${messages}` : ''}`, 'error');
  }
  await ended(final.event);
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

/** Hides the progress (on signing out). */
export function clearProgress() {
  stopFollowing();
  el.progress.hidden = true;
  el.header.textContent = '';
  say(el.message, '');
}

export function initFollow() {
  el.cancel.addEventListener('click', async () => {
    const id = followedRun;
    if (id === null) return;
    try {
      await api(`/api/runs/${id}`, { method: 'DELETE' });
      say(el.message, `Cancelling run ${id}: its plan is discarded.`);
    } catch (error) {
      sayError(el.message, error);
    }
  });
  // Stop, unlike Cancel, keeps the best plan found so far: the run ends done with it, verified.
  el.stop.addEventListener('click', async () => {
    const id = followedRun;
    if (id === null) return;
    try {
      await api(`/api/runs/${id}/stop`, { method: 'POST' });
      el.stop.disabled = true;
      say(el.message, `Stopping run ${id}: it finishes with the best plan found so far.`);
    } catch (error) {
      sayError(el.message, error);
    }
  });
}
