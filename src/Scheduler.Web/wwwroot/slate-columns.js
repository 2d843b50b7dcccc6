// The slate editor's columns: which field of a title, region, event or seasonal range each shows, and
// how a cell's text becomes the field's JSON value and back. Nothing here judges a value: text that
// is not a number stays text, so that the API's validation names it at its place.

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A number when the text is one, else the text itself (the validator says what is wrong with it). */
function numeric(text) {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
}

const list = {
  read: (text) => {
    const items = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
    return items.length > 0 ? items : undefined;
  },
  show: (value) => (Array.isArray(value) ? value.join(', ') : value ?? ''),
};

/** "uk=2027-04-01, us=2027-04-08" as an object; an entry without '=' leaves the whole text as it is, for the validator to name. */
function mapOf(convert) {
  return {
    read: (text) => {
      const entries = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
      if (entries.length === 0) return undefined;
      if (entries.some((e) => !e.includes('='))) return text.trim();
      return Object.fromEntries(entries.map((e) => {
        const at = e.indexOf('=');
        return [e.slice(0, at).trim(), convert(e.slice(at + 1))];
      }));
    },
    show: (value) => (value && typeof value === 'object'
      ? Object.entries(value).map(([k, v]) => `${k}=${v}`).join(', ')
      : value ?? ''),
  };
}

const text = { read: (t) => (t.trim() === '' ? undefined : t.trim()), show: (v) => v ?? '' };
const number = { read: (t) => (t.trim() === '' ? undefined : numeric(t)), show: (v) => (v === undefined || v === null ? '' : String(v)) };
const dateMap = mapOf((v) => v.trim());
// A pin is one date for every region, or dates by region.
const pin = { read: (t) => (t.includes('=') ? dateMap.read(t) : text.read(t)), show: (v) => (typeof v === 'object' ? dateMap.show(v) : v ?? '') };

const kinds = {
  text: { ...text, input: 'text' },
  number: { ...number, input: 'text', mode: 'decimal' },
  date: { ...text, input: 'date' },
  list: { ...list, input: 'text' },
  dateMap: { ...dateMap, input: 'text' },
  numberMap: { ...mapOf(numeric), input: 'text' },
  pin: { ...pin, input: 'text' },
  bool: { read: (checked) => (checked ? true : undefined), show: (v) => v === true, input: 'checkbox' },
  choice: { ...text, input: 'select' },
};

const column = (field, label, kind, extra = {}) => ({ field, label, ...kinds[kind], kind, ...extra });

/** Each table's columns; a field left empty is removed, so that its default applies. */
export const TABLES = {
  titles: {
    caption: 'Titles',
    singular: 'title',
    columns: [
      column('id', 'Id', 'text'),
      column('name', 'Name', 'text'),
      column('kind', 'Kind', 'choice', { choices: ['film', 'series', 'special', 'documentary', 'other'] }),
      column('genres', 'Genres', 'list'),
      column('demand', 'Demand', 'number'),
      column('priority', 'Priority', 'choice', { choices: ['must', 'high', 'normal', 'low'] }),
      column('release', 'Release', 'choice', { choices: ['either', 'global', 'staggered'] }),
      column('earliest', 'Earliest', 'date'),
      column('latest', 'Latest', 'date'),
      column('preferred', 'Preferred', 'date'),
      column('readiness', 'Ready by region (r=date, …)', 'dateMap'),
      column('pinned', 'Pinned (date, or r=date, …)', 'pin'),
      column('regions', 'Regions (rights)', 'list'),
      column('affinity', 'Affinity (r=factor, …)', 'numberMap'),
      column('drops', 'Drops', 'number'),
      column('dropIntervalDays', 'Days between drops', 'number'),
      column('marketingCost', 'Marketing cost', 'number'),
      column('delayCostPerWeek', 'Delay cost per week', 'number'),
      column('tentpole', 'Tentpole', 'bool'),
      column('optional', 'Optional', 'bool'),
    ],
    blank: (n) => ({ id: `new-title-${n}`, name: `New title ${n}`, genres: ['drama'], demand: 1 }),
  },
  regions: {
    caption: 'Regions',
    singular: 'region',
    columns: [
      column('id', 'Id', 'text'),
      column('name', 'Name', 'text'),
      column('timeZone', 'Time zone (IANA)', 'text'),
      column('audience', 'Audience', 'number'),
      column('releaseTime', 'Release time (HH:mm)', 'text'),
      column('releaseDays', 'Release days', 'list'),
      column('blackoutDates', 'Blackout dates', 'list'),
    ],
    blank: (n) => ({ id: `new-region-${n}`, name: `New region ${n}`, timeZone: 'UTC', audience: 1 }),
  },
  events: {
    caption: 'Events',
    singular: 'event',
    columns: [
      column('id', 'Id', 'text'),
      column('name', 'Name', 'text'),
      column('kind', 'Kind', 'choice', { choices: ['sports', 'holiday', 'competitor', 'cultural', 'other'] }),
      column('start', 'Start', 'date'),
      column('end', 'End', 'date'),
      column('impact', 'Impact (0 to below 1)', 'number'),
      column('regions', 'Regions (empty: all)', 'list'),
      column('genres', 'Genres (empty: all)', 'list'),
    ],
    blank: (n, slate) => ({
      id: `new-event-${n}`, name: `New event ${n}`, kind: 'other', start: slate.horizon?.start, end: slate.horizon?.start, impact: 0.1,
    }),
  },
};

/** The scenario's own fields, nested ones by their dotted path. */
export const SCENARIO = [
  column('name', 'Name', 'text'),
  column('description', 'Description', 'text'),
  column('horizon.start', 'Horizon start', 'date'),
  column('horizon.end', 'Horizon end', 'date'),
  column('releaseDays', 'Release days', 'list'),
  column('blackoutDates', 'Blackout dates', 'list'),
  column('capacity.perDay', 'Releases per region and day', 'number'),
  column('capacity.marketingBudgetPerWeek', 'Marketing budget per week', 'number'),
  column('solver.timeLimitSeconds', 'Time limit (seconds)', 'number'),
];

/** The seasonal ranges' columns: the list a range belongs to ("default", "region br", "genre horror"), then the range. */
export const SEASONAL = [
  column('list', 'List (default, region ID, genre LABEL)', 'text'),
  column('from', 'From (MM-DD)', 'text'),
  column('to', 'To (MM-DD)', 'text'),
  column('index', 'Index', 'number'),
];
