// Stored scenario documents as the page reads them (titles' names and genres, regions' zones, the
// horizon), each version read once: a stored version never changes.

import { api } from './api.js';

const documents = new Map();

/** The document of stored scenario version <paramref name="id"/>. */
export function scenarioDocument(id) {
  if (!documents.has(id)) {
    const reading = (async () => (await api(`/api/scenarios/${id}/document`)).json())();
    reading.catch(() => documents.delete(id)); // a failed read is tried again next time
    documents.set(id, reading);
  }
  return documents.get(id);
}

/** Forgets what was read (on signing out). */
export function forgetScenarioDocuments() {
  documents.clear();
}
