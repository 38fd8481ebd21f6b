// The import console: a page over the starter's endpoints (api/...). Every value from a file or a
// server is put on the page as text (textContent, value), never as markup. The address names what
// is shown: #/ the importers, #/importers/NAME one importer, #/runs/ID a run of a file with its
// results; the upload and its edits live on the server, so a reload shows the same state. Edits
// typed but not checked yet are kept in this tab's session storage under the run's id.

const PAGE_SIZE = 100;
const POLL_MS = 400;

const main = document.getElementById('main');
const announcer = document.getElementById('announce');

const state = {
  session: null,
  importers: null,
  upload: null,
  drop: null,
  poll: null,
  route: 0,
};

// ---- helpers

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function number(n) {
  return Number(n || 0).toLocaleString('en-US');
}

function rows(n) {
  return number(n) + (Number(n) === 1 ? ' row' : ' rows');
}

function announce(message) {
  announcer.textContent = '';
  window.setTimeout(() => { announcer.textContent = message; }, 50);
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  if (options.method && options.method !== 'GET' && state.session && state.session.csrf) {
    headers[state.session.csrf.header] = state.session.csrf.token;
  }
  const response = await fetch('api/' + path, Object.assign({}, options, { headers, credentials: 'same-origin' }));
  if (response.status === 401 || response.redirected && response.url.indexOf('/api/') < 0) {
    // signed out meanwhile: the application's sign-in takes over
    window.location.reload();
    throw new ApiError(401, 'UNAUTHORIZED', 'You are signed out.');
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.indexOf('json') >= 0 ? await response.json() : null;
  if (!response.ok) {
    const error = body && body.error ? body.error : { code: 'HTTP_' + response.status, message: response.statusText };
    throw new ApiError(response.status, error.code, error.message);
  }
  return body;
}

function stopPolling() {
  if (state.poll) {
    window.clearTimeout(state.poll);
    state.poll = null;
  }
}

function showError(where, error) {
  const message = error instanceof ApiError ? error.message + ' (' + error.code + ')' : String(error.message || error);
  where.replaceChildren(el('p', { class: 'error', role: 'alert', text: message }));
}

function editsKey(runId) {
  return 'intake:edits:' + runId;
}

function loadEdits(runId) {
  try {
    return JSON.parse(window.sessionStorage.getItem(editsKey(runId)) || '{}');
  } catch (e) {
    return {};
  }
}

function saveEdits(runId, edits) {
  const rows = Object.keys(edits).filter((row) => Object.keys(edits[row]).length > 0);
  if (rows.length === 0) {
    window.sessionStorage.removeItem(editsKey(runId));
  } else {
    window.sessionStorage.setItem(editsKey(runId), JSON.stringify(edits));
  }
}

async function importers() {
  if (!state.importers) {
    state.importers = await api('importers');
  }
  return state.importers;
}

// ---- routing

async function route() {
  stopPolling();
  const ticket = ++state.route;
  const hash = window.location.hash || '#/';
  const parts = hash.substring(1).split('/').filter((part) => part.length > 0).map(decodeURIComponent);
  try {
    if (!state.session) {
      state.session = await api('session');
      document.getElementById('who').textContent = state.session.user ? 'Signed in as ' + state.session.user : '';
    }
    if (parts.length === 0) {
      await home(ticket);
    } else if (parts[0] === 'importers' && parts.length === 2) {
      await importerPage(ticket, parts[1], null);
    } else if (parts[0] === 'runs' && parts.length === 2) {
      const run = await api('runs/' + encodeURIComponent(parts[1]));
      await importerPage(ticket, run.importer, run);
    } else {
      main.replaceChildren(el('h1', { text: 'Not found' }), el('p', {}, 'Nothing is at this address. ',
        el('a', { href: '#/', text: 'See the importers' })));
    }
  } catch (error) {
    if (ticket === state.route) {
      main.replaceChildren(el('h1', { text: 'Something went wrong' }));
      const where = el('div');
      main.append(where);
      showError(where, error);
    }
  }
}

// ---- home

async function home(ticket) {
  state.upload = null;
  const list = await importers();
  if (ticket !== state.route) {
    return;
  }
  document.title = 'Import a file';
  main.replaceChildren(
    el('h1', { text: 'Import a file' }),
    el('p', { class: 'lead', text: 'Choose what you are importing.' }),
    el('ul', { class: 'importers' }, list.map((importer) => el('li', {},
      el('a', { href: '#/importers/' + encodeURIComponent(importer.name), 'data-importer': importer.name,
        text: importer.label || importer.name }),
      importer.description ? el('p', { text: importer.description }) : null))));
}

// ---- an importer, and a run of a file

async function importerPage(ticket, name, run) {
  const importer = await api('importers/' + encodeURIComponent(name));
  if (ticket !== state.route) {
    return;
  }
  document.title = (importer.label || importer.name) + ' · Import';
  const modes = importer.modes || [importer.mode];
  const chosenMode = run && run.request && run.request.mode ? run.request.mode : importer.mode;

  const fileInput = el('input', { type: 'file', id: 'file', name: 'file',
    accept: '.csv,.txt,.xlsx,.xlsm,.json,.jsonl,.ndjson,text/csv,application/json' });
  const modeSelect = modes.length > 1 ? el('select', { id: 'mode', name: 'mode' },
    modes.map((mode) => el('option', { value: mode, selected: mode === chosenMode, text: modeLabel(mode) }))) : null;
  const uploadStatus = el('div', { class: 'status' });
  const drop = el('div', { class: 'drop' },
    el('div', { class: 'row' },
      el('div', { class: 'field' },
        el('label', { for: 'file', text: run ? 'Choose another file' : 'Choose a file' }),
        fileInput),
      modeSelect ? el('div', { class: 'field' }, el('label', { for: 'mode', text: 'Mode' }), modeSelect) : null),
    el('p', { class: 'note', text: 'Or drop a CSV, XLSX, JSON or JSON Lines file anywhere on this page. It is checked at once; nothing is imported until you choose Import.' }),
    uploadStatus);

  const templates = el('p', {}, 'Start from a template: ',
    el('a', { href: 'api/importers/' + encodeURIComponent(importer.name) + '/template?format=csv',
      'data-template': 'csv', download: '', text: 'CSV template' }), ' · ',
    el('a', { href: 'api/importers/' + encodeURIComponent(importer.name) + '/template?format=xlsx',
      'data-template': 'xlsx', download: '', text: 'Excel template' }));

  const results = el('div', { id: 'results' });
  main.replaceChildren(
    el('p', {}, el('a', { href: '#/', text: 'All importers' })),
    el('h1', { text: importer.label || importer.name }),
    importer.description ? el('p', { class: 'lead', text: importer.description }) : null,
    el('section', { class: 'panel', 'aria-label': 'Your file' }, templates, drop),
    results);

  const upload = async (file) => {
    if (!file) {
      return;
    }
    const form = new FormData();
    form.append('commit', 'false');
    if (modeSelect) {
      form.append('mode', modeSelect.value);
    }
    form.append('file', file, file.name);
    uploadStatus.replaceChildren(el('p', { text: 'Sending ' + file.name + '…' }));
    announce('Sending ' + file.name);
    try {
      const submitted = await api('importers/' + encodeURIComponent(importer.name) + '/runs', { method: 'POST', body: form });
      window.location.hash = '#/runs/' + encodeURIComponent(submitted.id);
    } catch (error) {
      showError(uploadStatus, error);
      announce(error.message);
    }
  };
  fileInput.addEventListener('change', () => upload(fileInput.files[0]));
  state.upload = upload;
  state.drop = drop;

  if (run) {
    await showRun(ticket, importer, run, results, modeSelect);
  }
}

function modeLabel(mode) {
  return { CREATE_ONLY: 'Create new only', UPDATE_ONLY: 'Update existing only', UPSERT: 'Create or update' }[mode] || mode;
}

function ended(run) {
  return ['COMPLETE', 'ERROR', 'CANCELLED', 'EXPIRED'].indexOf(run.status) >= 0;
}

async function showRun(ticket, importer, run, results, modeSelect) {
  const title = el('h2', { id: 'results-title', text: run.commit ? 'Import of ' + run.fileName : 'Check of ' + run.fileName });
  if (!ended(run)) {
    const progress = el('progress', { id: 'progress', 'aria-label': 'Rows read', value: run.progress.rowsDone,
      max: Math.max(run.progress.rowsExpected || 0, run.progress.rowsDone, 1) });
    const words = el('p', { class: 'status', text: progressText(run) });
    results.replaceChildren(title, el('div', { class: 'panel' }, progress, words));
    announce(run.commit ? 'Importing ' + run.fileName : 'Checking ' + run.fileName);
    const follow = async () => {
      if (ticket !== state.route) {
        return;
      }
      try {
        const now = await api('runs/' + encodeURIComponent(run.id));
        if (ticket !== state.route) {
          return;
        }
        if (ended(now)) {
          await showRun(ticket, importer, now, results, modeSelect);
          return;
        }
        progress.max = Math.max(now.progress.rowsExpected || 0, now.progress.rowsDone, 1);
        progress.value = now.progress.rowsDone;
        words.textContent = progressText(now);
        state.poll = window.setTimeout(follow, POLL_MS);
      } catch (error) {
        showError(results, error);
      }
    };
    state.poll = window.setTimeout(follow, POLL_MS);
    return;
  }
  if (run.status === 'EXPIRED') {
    results.replaceChildren(title, el('p', { class: 'error', text: 'The results of this file were deleted after their time. Choose the file again.' }));
    return;
  }
  if (run.status === 'CANCELLED') {
    results.replaceChildren(title, el('p', { text: 'This run was cancelled before it started.' }));
    return;
  }

  const fileErrors = run.fileErrors || [];
  const counts = el('dl', { class: 'counts' },
    count('Rows', 'rows', run.totalCount),
    count(run.commit ? 'Imported' : 'Pass', 'ok', run.successCount, 'ok'),
    count('With problems', 'failed', run.errorCount, 'failed'),
    run.commit ? count('Created', 'created', run.createdCount) : null,
    run.commit ? count('Updated', 'updated', run.updatedCount) : null);
  const summary = el('div', { class: 'panel' }, counts);
  if (fileErrors.length > 0) {
    summary.append(el('h3', { text: 'Problems with the whole file' }),
      el('ul', { class: 'file-problems' }, fileErrors.map((problem) =>
        el('li', {}, el('span', { 'data-file-problem': problem.code, text: problem.message }), ' ',
          el('span', { class: 'code', text: problem.code })))));
  }
  results.replaceChildren(title, summary);
  // which run the results show, and (below) when all of them are on the page: for browser tests
  results.setAttribute('data-run', run.id);
  results.removeAttribute('data-ready');

  if (run.commit) {
    const left = run.errorCount || 0;
    summary.append(el('p', { class: 'done', role: 'status', text: fileErrors.length > 0 ? 'Nothing was imported.'
      : 'Imported ' + rows(run.successCount) + (left > 0 ? '; ' + rows(left) + ' with problems ' + (left === 1 ? 'was' : 'were')
        + ' left out.' : '.') }));
    if (left > 0 || fileErrors.length > 0) {
      results.append(reportLinks(run));
    }
    results.append(el('p', {}, el('a', { href: '#/importers/' + encodeURIComponent(importer.name), text: 'Import another file' })));
    results.setAttribute('data-ready', 'true');
    announce(fileErrors.length > 0 ? 'The import stopped: ' + fileErrors.map((p) => p.message).join(' ')
      : 'Import finished: ' + rows(run.successCount) + ' imported.');
    return;
  }

  const edits = loadEdits(run.id);
  const mapping = await mappingSection(run, importer, fileErrors);
  if (ticket !== state.route) {
    return;
  }
  const checkAgain = el('button', { type: 'button', id: 'check-again', text: 'Check again' });
  const importButton = el('button', { type: 'button', id: 'import', class: 'primary', text: 'Import' });
  const importNote = el('p', { class: 'note', id: 'import-note' });
  importButton.setAttribute('aria-describedby', 'import-note');
  const actionStatus = el('div');
  const actions = el('div', { class: 'actions' }, checkAgain, importButton, importNote);
  const pending = () => Object.keys(edits).some((row) => Object.keys(edits[row]).length > 0);
  const refresh = () => {
    const reasons = [];
    if (fileErrors.length > 0) {
      reasons.push('Fix the problems with the whole file and check again first.');
    } else if (pending()) {
      reasons.push('You changed cells: check again before importing.');
    } else if (run.errorCount > 0 && importer.policy !== 'PER_ROW') {
      reasons.push('This importer imports all rows or none: fix the ' + rows(run.errorCount) + ' with problems first.');
    } else if (run.successCount === 0) {
      reasons.push('No row passes yet.');
    }
    importButton.disabled = reasons.length > 0;
    if (reasons.length > 0) {
      importNote.textContent = reasons[0];
    } else if (run.errorCount > 0) {
      importNote.textContent = 'Imports the ' + rows(run.successCount) + ' that ' + (run.successCount === 1 ? 'passes' : 'pass')
        + '; ' + rows(run.errorCount) + ' with problems will be left out.';
    } else {
      importNote.textContent = 'Imports ' + (run.successCount === 1 ? 'the 1 row.' : 'all ' + rows(run.successCount) + '.');
    }
  };
  refresh();

  const again = async (body, doing) => {
    checkAgain.disabled = true;
    importButton.disabled = true;
    actionStatus.replaceChildren(el('p', { class: 'status', text: doing }));
    announce(doing);
    try {
      if (modeSelect && !body.commit) {
        body.mode = modeSelect.value;
      }
      const next = await api('runs/' + encodeURIComponent(run.id) + '/again', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      window.sessionStorage.removeItem(editsKey(run.id));
      window.location.hash = '#/runs/' + encodeURIComponent(next.id);
    } catch (error) {
      showError(actionStatus, error);
      announce(error.message);
      checkAgain.disabled = false;
      refresh();
    }
  };
  checkAgain.addEventListener('click', () => {
    const body = { edits };
    if (mapping) {
      body.headerMapping = mapping.read();
    }
    again(body, 'Checking again…');
  });
  importButton.addEventListener('click', () => again({ commit: true }, 'Importing…'));

  results.append(actions, actionStatus);
  if (run.errorCount > 0 || fileErrors.length > 0) {
    results.append(reportLinks(run));
  }
  if (run.errorCount > 0) {
    const table = el('div');
    results.append(el('h3', { text: 'Rows with problems' }),
      el('p', { class: 'note', text: 'Fix a cell by typing in it, then choose Check again. Fixed rows leave this table.' }),
      table);
    await failedRows(ticket, importer, run, table, 0, edits, () => {
      saveEdits(run.id, edits);
      refresh();
    });
  }
  results.setAttribute('data-ready', 'true');
  announce(fileErrors.length > 0 ? 'Check finished: ' + fileErrors.length + ' problems with the whole file.'
    : 'Check finished: ' + rows(run.successCount) + ' pass, ' + rows(run.errorCount) + ' with problems.');
}

function progressText(run) {
  const expected = run.progress.rowsExpected;
  return (run.status === 'CREATED' ? 'Waiting to start… ' : (run.commit ? 'Importing… ' : 'Checking… '))
    + number(run.progress.rowsDone) + (expected ? ' of about ' + number(expected) : '') + ' rows';
}

function count(label, key, value, tone) {
  return el('div', {}, el('dt', { text: label }), el('dd', { 'data-count': key, class: tone || null, text: number(value) }));
}

function reportLinks(run) {
  const base = 'api/runs/' + encodeURIComponent(run.id) + '/error-report?format=';
  return el('p', {}, 'Download your file with its problems: ',
    el('a', { href: base + 'csv', 'data-error-report': 'csv', download: '', text: 'CSV error report' }), ' · ',
    el('a', { href: base + 'xlsx', 'data-error-report': 'xlsx', download: '', text: 'Excel error report' }));
}

// ---- header mapping

async function mappingSection(run, importer, fileErrors) {
  const asked = run.request && run.request.headerMapping ? Object.keys(run.request.headerMapping).length > 0 : false;
  const needed = fileErrors.some((p) => p.code === 'UNKNOWN_COLUMN' || p.code === 'MISSING_COLUMN' || p.code === 'DUPLICATE_COLUMN');
  if (!needed && !asked) {
    return null;
  }
  const header = await api('runs/' + encodeURIComponent(run.id) + '/header');
  const selects = [];
  const rows = header.columns.filter((cell) => cell.kind !== 'BLANK').map((cell, i) => {
    const id = 'map-' + i;
    // what the import makes of the header with no mapping; a refused header has to be mapped or left out
    const natural = cell.kind === 'COLUMN' || cell.kind === 'ATTRIBUTE' ? cell.key : (cell.kind === 'REFUSED' ? null : '');
    const chosen = cell.mapped !== undefined ? cell.mapped : (cell.key || cell.suggestion || '');
    const options = [el('option', { value: '', selected: chosen === '', text: 'Leave out' })];
    for (const column of importer.columns) {
      options.push(el('option', { value: column.key, selected: chosen === column.key, text: column.label }));
    }
    if (cell.kind === 'ATTRIBUTE') {
      options.push(el('option', { value: cell.key, selected: chosen === cell.key, text: cell.key + ' (custom attribute)' }));
    }
    const select = el('select', { id, 'data-file-column': cell.header }, options);
    selects.push({ cell, select, natural });
    return el('tr', {},
      el('th', { scope: 'row' }, el('label', { for: id, text: cell.header })),
      el('td', {}, select),
      el('td', { class: 'note', text: cell.mapped !== undefined ? 'Matched by you'
        : cell.kind === 'REFUSED' ? (cell.suggestion ? 'Not a column; probably ' + labelOf(importer, cell.suggestion) : 'Not a column')
          : cell.kind === 'SKIPPED' ? 'Not read' : '' }));
  });
  const section = el('div', { class: 'panel' },
    el('h3', { text: 'Match your columns' }),
    el('p', { class: 'note', text: 'For each column of your file, choose the column it holds, or leave it out. Then choose Check again.' }),
    el('table', { class: 'mapping' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Your column' }), el('th', { scope: 'col', text: 'Is' }),
        el('th', { scope: 'col', text: 'Note' }))),
      el('tbody', {}, rows)));
  document.getElementById('results').append(section);
  return {
    read() {
      const mapping = {};
      for (const { cell, select, natural } of selects) {
        const attribute = cell.kind === 'ATTRIBUTE' && select.value === cell.key;
        if (!attribute && (select.value !== natural || cell.mapped !== undefined)) {
          mapping[cell.header] = select.value;
        }
      }
      return mapping;
    },
  };
}

function labelOf(importer, key) {
  const column = importer.columns.find((c) => c.key === key);
  return column ? column.label : key;
}

// ---- failed rows

async function failedRows(ticket, importer, run, where, offset, edits, changed) {
  let page;
  try {
    page = await api('runs/' + encodeURIComponent(run.id) + '/failed-rows?offset=' + offset + '&limit=' + PAGE_SIZE);
  } catch (error) {
    showError(where, error);
    return;
  }
  if (ticket !== state.route) {
    return;
  }
  const total = page.errorCount;
  const last = Math.min(offset + page.rows.length, total);
  const columns = importer.columns;
  const head = el('tr', {}, el('th', { scope: 'col', text: 'Row' }),
    columns.map((column) => el('th', { scope: 'col', text: column.label })));
  const body = el('tbody');
  for (const row of page.rows) {
    const byColumn = {};
    const unplaced = [];
    for (const problem of row.problems) {
      if (problem.column && columns.some((c) => c.key === problem.column)) {
        (byColumn[problem.column] = byColumn[problem.column] || []).push(problem);
      } else {
        unplaced.push(problem);
      }
    }
    const rowEdits = edits[row.rowNumber] || {};
    const cells = columns.map((column) => {
      const original = row.values ? (row.values[column.key] || '') : '';
      const text = Object.prototype.hasOwnProperty.call(rowEdits, column.key) ? rowEdits[column.key] : original;
      const problems = byColumn[column.key] || [];
      const id = 'c-' + row.rowNumber + '-' + column.key;
      const multiline = text.indexOf('\n') >= 0;
      const input = multiline ? el('textarea', { id }) : el('input', { id, type: 'text' });
      input.value = text;
      input.setAttribute('aria-label', column.label + ', row ' + row.rowNumber);
      if (text !== original) {
        input.classList.add('edited');
      }
      const td = el('td', { 'data-column': column.key }, input);
      if (problems.length > 0) {
        const messageId = 'p-' + row.rowNumber + '-' + column.key;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', messageId);
        td.append(el('div', { id: messageId, class: 'problem', text: problems.map((p) => p.message).join(' ') }));
      }
      input.addEventListener('input', () => {
        const now = input.value;
        const edited = edits[row.rowNumber] = edits[row.rowNumber] || {};
        if (now === original) {
          delete edited[column.key];
          input.classList.remove('edited');
        } else {
          edited[column.key] = now;
          input.classList.add('edited');
        }
        if (Object.keys(edited).length === 0) {
          delete edits[row.rowNumber];
        }
        changed();
      });
      return td;
    });
    const rowHead = el('th', { scope: 'row' }, String(row.rowNumber));
    const placed = columns.filter((column) => byColumn[column.key]);
    if (placed.length > 0) {
      // the row's cells with problems, in reach however far the table scrolls
      rowHead.append(el('div', { class: 'jump' }, placed.map((column) => el('button', {
        type: 'button', class: 'link', 'aria-label': 'Go to ' + column.label + ', row ' + row.rowNumber, text: column.label,
        onclick: () => {
          const input = document.getElementById('c-' + row.rowNumber + '-' + column.key);
          input.scrollIntoView({ block: 'nearest', inline: 'center' });
          input.focus();
        } }))));
    }
    if (unplaced.length > 0) {
      rowHead.append(el('div', { class: 'row-problems', text: unplaced.map((p) => p.message).join(' ') }));
    }
    body.append(el('tr', { 'data-row': row.rowNumber }, rowHead, cells));
  }
  const table = el('table', { class: 'rows', 'data-rows': 'failed' },
    el('caption', { text: 'Rows with problems, ' + number(offset + 1) + ' to ' + number(last) + ' of ' + number(total) }),
    el('thead', {}, head), body);
  const previous = el('button', { type: 'button', text: 'Previous page', disabled: offset === 0 });
  const next = el('button', { type: 'button', text: 'Next page', disabled: last >= total });
  const turn = (to) => {
    failedRows(ticket, importer, run, where, to, edits, changed).then(() => {
      const caption = where.querySelector('caption');
      if (caption) {
        announce(caption.textContent);
      }
    });
  };
  previous.addEventListener('click', () => turn(Math.max(0, offset - PAGE_SIZE)));
  next.addEventListener('click', () => turn(offset + PAGE_SIZE));
  where.replaceChildren(el('div', { class: 'scroll' }, table),
    el('div', { class: 'pager' }, previous, next, el('span', { class: 'note', text: 'Page ' + number(Math.floor(offset / PAGE_SIZE) + 1)
      + ' of ' + number(Math.max(1, Math.ceil(total / PAGE_SIZE))) })));
}

// a file dropped anywhere on an importer's page is checked as if chosen
document.addEventListener('dragover', (event) => {
  if (state.upload) {
    event.preventDefault();
    state.drop.classList.add('over');
  }
});
document.addEventListener('dragleave', (event) => {
  if (state.drop && event.relatedTarget === null) {
    state.drop.classList.remove('over');
  }
});
document.addEventListener('drop', (event) => {
  if (state.upload) {
    event.preventDefault();
    state.drop.classList.remove('over');
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      state.upload(event.dataTransfer.files[0]);
    }
  }
});
window.addEventListener('hashchange', route);
route();
