// Shale studio: the pages of mvn db:studio. Plain DOM, no build step, no network beyond this server's /api.
'use strict';

const state = { info: null, schema: null };
const PAGE_SIZE = 50;
const OPERATORS = [['EQUALS', '='], ['NOT_EQUALS', '<>'], ['LESS', '<'], ['LESS_OR_EQUAL', '<='], ['GREATER', '>'],
  ['GREATER_OR_EQUAL', '>='], ['CONTAINS', 'contains'], ['IS_NULL', 'is null'], ['IS_NOT_NULL', 'is not null']];

/** h('td#id.num', {title: 'x'}, 'text', child…): an element; strings become text nodes, never HTML. */
function h(tag, attrs, ...children) {
  const [head, ...classes] = tag.split('.');
  const [name, id] = head.split('#');
  const el = document.createElement(name);
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
  } else if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces the children of el, skipping null and false, flattening arrays. */
function put(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
}

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

async function api(call, body) {
  const options = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  };
  const response = await fetch('/api/' + call, options);
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch (e) { json = { error: text }; }
  if (!response.ok) {
    const error = new Error(json.error || ('HTTP ' + response.status));
    error.fix = json.fix;
    error.status = response.status;
    throw error;
  }
  return json;
}

function errorBox(e) {
  return h('div.error', { role: 'alert' }, e.message, e.fix ? '\nFix: ' + e.fix : '');
}

function qualified(schema, name) { return schema + '.' + name; }
function rowsLink(schema, name, params) {
  const q = params ? '?' + new URLSearchParams(params).toString() : '';
  return '#/rows/' + encodeURIComponent(schema) + '/' + encodeURIComponent(name) + q;
}
function tableLink(schema, name) { return '#/table/' + encodeURIComponent(schema) + '/' + encodeURIComponent(name); }

function bytes(n) {
  if (n < 1024) return n + ' B';
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(v < 10 ? 1 : 0) + ' ' + units[i];
}
function count(n) { return n < 0 ? 'not analysed' : n.toLocaleString('en'); }

async function schema(reload) {
  if (!state.schema || reload) state.schema = await api('schema');
  return state.schema;
}

// ---- routing ----

function route() {
  const hash = location.hash || '#/schema';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  const page = parts[0] || 'schema';
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active',
    a.dataset.page === page || (a.dataset.page === 'schema' && (page === 'table' || page === 'rows'))));
  const main = document.getElementById('main');
  const pages = { schema: schemaPage, table: tablePage, rows: rowsPage, diagram: diagramPage, migrations: migrationsPage,
    next: nextPage, sql: sqlPage };
  const render = pages[page] || schemaPage;
  put(main, h('p.loading', 'Loading…'));
  render(main, parts.slice(1), params).catch(e => put(main, errorBox(e)));
}

// ---- schema ----

function sidebar(model, filterText) {
  const input = h('input', { type: 'search', placeholder: 'Search tables, columns, objects…', id: 'search', value: filterText || '' });
  const list = h('div');
  const fill = () => {
    const q = input.value.trim().toLowerCase();
    const matches = r => !q || qualified(r.schema, r.name).toLowerCase().includes(q)
      || r.columns.some(c => c.name.toLowerCase().includes(q));
    const relations = model.relations.filter(matches);
    const objects = model.objects.filter(o => !q || (o.kind + ' ' + (o.schema || '') + '.' + o.name + ' ' + (o.table || ''))
      .toLowerCase().includes(q));
    const bySchema = {};
    relations.forEach(r => (bySchema[r.schema] = bySchema[r.schema] || []).push(r));
    put(list, ...[
      Object.entries(bySchema).map(([schemaName, rs]) => [h('div.group', schemaName),
        h('ul', rs.map(r => h('li', h('a', { href: tableLink(r.schema, r.name), class: 'relation' }, r.name),
          r.kind !== 'table' ? h('span.badge', r.kind) : null)))]),
      objects.length ? [h('div.group', 'Other objects (' + objects.length + ')'),
        h('ul', objects.slice(0, 200).map(o => h('li', h('span.badge', o.kind), ' ', o.name + (o.table ? ' on ' + o.table : '')))),
        objects.length > 200 ? h('p.note', '… and ' + (objects.length - 200) + ' more: search to narrow the list, or see them all on the right.') : []] : [],
      relations.length === 0 && objects.length === 0 ? h('p.note', 'Nothing matches “' + input.value + '”.') : []].flat(Infinity));
  };
  input.addEventListener('input', fill);
  fill();
  return h('aside.sidebar', input, list);
}

async function schemaPage(main, parts, params) {
  const model = await schema(true);
  const kinds = {};
  model.objects.forEach(o => (kinds[o.kind] = kinds[o.kind] || []).push(o));
  const q = params.get('q') || '';
  const content = h('div',
    h('h1', 'Schema'),
    h('p.note', model.relations.length + ' tables and views, ' + model.objects.length + ' other objects in '
      + (model.schemas.join(', ') || 'no schema') + '.'),
    model.relations.length === 0 ? h('p', 'There are no tables yet. Run mvn db:migrate or mvn db:push.') :
      h('table#relations',
        h('tr', h('th', 'Table'), h('th', 'Kind'), h('th', 'Columns'), h('th', 'Rows (estimated)'), h('th', 'Size'), h('th', '')),
        model.relations.map(r => h('tr',
          h('td', h('a', { href: tableLink(r.schema, r.name) }, qualified(r.schema, r.name))),
          h('td', r.kind), h('td.num', r.columns.length), h('td.num', r.kind === 'view' ? '' : count(r.estimatedRows)),
          h('td.num', r.kind === 'view' ? '' : bytes(r.bytes)),
          h('td', h('a', { href: rowsLink(r.schema, r.name) }, 'rows'))))),
    h('h2', 'Other objects'),
    h('div.kinds', Object.entries(kinds).map(([kind, items]) => h('section',
      h('h3', kind + ' (' + items.length + ')'),
      items.map(o => h('details', { class: 'object' },
        h('summary', (o.schema && o.kind !== 'schema' ? o.schema + '.' : '') + o.name + (o.table ? ' on ' + o.table : '')),
        h('pre.sql', o.definition || '(no SQL)'))))),
    model.unmanaged.length ? [h('h2', 'Not managed by Shale (' + model.unmanaged.length + ')'),
      h('p.note', 'db:generate and db:push leave these out; write them in a custom migration (mvn db:generate -Ddb.custom=true).'),
      h('ul#unmanaged', model.unmanaged.map(u => h('li', u)))] : null));
  put(main, h('div.layout', sidebar(model, q), content));
}

async function tablePage(main, parts) {
  const model = await schema(false);
  const [schemaName, name] = parts;
  const r = model.relations.find(x => x.schema === schemaName && x.name === name);
  if (!r) throw new Error('There is no table ' + qualified(schemaName, name) + ' in the managed schemas.');
  const referencedBy = [];
  model.relations.forEach(other => other.constraints.forEach(c => {
    if (c.references && c.references.schema === r.schema && c.references.table === r.name) {
      referencedBy.push({ from: other, constraint: c });
    }
  }));
  const objects = model.objects.filter(o => o.table === r.name && o.schema === r.schema);
  const content = h('div',
    h('h1', qualified(r.schema, r.name), h('span.badge', r.kind)),
    h('div.toolbar', h('a', { href: rowsLink(r.schema, r.name) }, 'Browse rows'),
      r.kind !== 'view' ? h('span.note', count(r.estimatedRows) + ' rows (estimated), ' + bytes(r.bytes)) : null),
    r.comment ? h('p', r.comment) : null,
    h('h2', 'Columns'),
    h('table#columns', h('tr', h('th', 'Name'), h('th', 'Type'), h('th', 'Null'), h('th', 'Default'), h('th', 'Identity / generated'), h('th', 'Comment')),
      r.columns.map(c => h('tr', h('td', c.name), h('td', c.type), h('td', c.notNull ? 'NOT NULL' : 'null'),
        h('td', c.defaultExpression || ''), h('td', c.identity ? 'GENERATED ' + c.identity + ' AS IDENTITY'
          : c.generated ? 'GENERATED ALWAYS AS (' + c.generated + ') STORED' : ''), h('td', c.comment || '')))),
    r.constraints.length ? [h('h2', 'Constraints'), h('table#constraints',
      h('tr', h('th', 'Name'), h('th', 'Type'), h('th', 'Definition')),
      r.constraints.map(c => h('tr', h('td', c.name), h('td', c.type, c.validated ? null : h('span.badge.warn', 'NOT VALID')),
        h('td', c.definition, c.references ? [' ', h('a', { href: tableLink(c.references.schema, c.references.table) },
          '→ ' + qualified(c.references.schema, c.references.table))] : null))))] : null,
    r.indexes.length ? [h('h2', 'Indexes'), h('table#indexes',
      h('tr', h('th', 'Name'), h('th', 'Definition'), h('th', 'Size'), h('th', 'Valid')),
      r.indexes.map(i => h('tr', h('td', i.name), h('td', i.definition), h('td.num', bytes(i.bytes)),
        h('td', i.valid ? h('span.badge.good', 'valid') : h('span.badge.bad', 'INVALID')))))] : null,
    referencedBy.length ? [h('h2', 'Referenced by'), h('ul', referencedBy.map(x => h('li',
      h('a', { href: tableLink(x.from.schema, x.from.name) }, qualified(x.from.schema, x.from.name)), ' (' + x.constraint.name + ')')))] : null,
    objects.length ? [h('h2', 'Triggers, policies and more'), objects.map(o => h('details', h('summary', o.kind + ' ' + o.name),
      h('pre.sql', o.definition)))] : null,
    h('h2', 'Definition'), h('pre.sql', r.definition));
  put(main, h('div.layout', sidebar(model), content));
}

// ---- rows ----

function filtersOf(params) {
  return params.getAll('f').map(f => {
    const [column, operator, ...value] = f.split(':');
    return { column: decodeURIComponent(column), operator, value: value.length ? decodeURIComponent(value.join(':')) : null };
  });
}
function encodeFilter(f) {
  return encodeURIComponent(f.column) + ':' + f.operator + (f.value === null || f.value === undefined ? '' : ':' + encodeURIComponent(f.value));
}

async function rowsPage(main, parts, params) {
  const [schemaName, name] = parts;
  const filters = filtersOf(params);
  const offset = Number(params.get('offset') || 0);
  const sort = params.get('sort');
  const descending = params.get('desc') === '1';
  const page = await api('rows', { schema: schemaName, table: name, offset, limit: PAGE_SIZE, sort, descending, filters });
  const go = changes => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (k === 'f') { next.delete('f'); v.forEach(f => next.append('f', encodeFilter(f))); }
      else if (v === null) next.delete(k); else next.set(k, v);
    }
    location.hash = '#/rows/' + encodeURIComponent(schemaName) + '/' + encodeURIComponent(name) + '?' + next.toString();
  };
  const writable = state.info && state.info.writable;
  const filterRow = h('tr.filters', writable ? h('th') : null, page.columns.map(c => {
    const current = filters.find(f => f.column === c.name);
    const op = h('select', { 'data-column': c.name, class: 'filter-op' },
      OPERATORS.map(([value, label]) => h('option', { value, selected: current ? current.operator === value : value === (isText(c.type) ? 'CONTAINS' : 'EQUALS') }, label)));
    const input = h('input', { 'data-column': c.name, class: 'filter-value', placeholder: 'filter', value: current && current.value !== null ? current.value : '' });
    const apply = () => {
      const others = filters.filter(f => f.column !== c.name);
      const operator = op.value;
      const needsValue = operator !== 'IS_NULL' && operator !== 'IS_NOT_NULL';
      if (needsValue && input.value === '') go({ f: others, offset: 0 });
      else go({ f: others.concat([{ column: c.name, operator, value: needsValue ? input.value : null }]), offset: 0 });
    };
    input.addEventListener('keydown', e => { if (e.key === 'Enter') apply(); });
    op.addEventListener('change', () => { if (input.value !== '' || op.value.startsWith('IS_')) apply(); });
    return h('th', op, input);
  }));
  const header = h('tr', writable ? h('th', '') : null, page.columns.map(c => h('th',
    h('button.sort', { title: 'Sort by ' + c.name, onclick: () => go({ sort: c.name, desc: sort === c.name && !descending ? '1' : null, offset: 0 }) },
      c.name + (sort === c.name ? (descending ? ' ▼' : ' ▲') : '')),
    page.key.includes(c.name) ? h('span.badge', 'key') : null,
    h('div.note', c.type))));
  const body = page.rows.map(row => h('tr', writable ? h('td', rowActions(page, row)) : null, row.map((v, i) => {
    const c = page.columns[i];
    if (v === null) return h('td.null', 'NULL');
    if (c.references) {
      return h('td', h('a', { href: rowsLink(c.references.schema, c.references.table, { f: encodeFilter({ column: c.references.column, operator: 'EQUALS', value: v }) }),
        title: '→ ' + qualified(c.references.schema, c.references.table) + '.' + c.references.column }, v));
    }
    return h('td', { title: v.length > 60 ? v : null }, v);
  })));
  const last = offset + page.rows.length;
  const total = (page.estimated ? '≈ ' : '') + page.total.toLocaleString('en') + (page.estimated ? ' rows (estimated)' : ' rows');
  put(main, h('div',
    h('h1', h('a', { href: tableLink(schemaName, name) }, qualified(schemaName, name))),
    h('div.toolbar',
      h('button', { id: 'previous', disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - PAGE_SIZE) }) }, '← Previous'),
      h('span#range', page.rows.length ? (offset + 1) + '–' + last + ' of ' + total : 'No rows (' + total + ')'),
      h('button', { id: 'next', disabled: page.rows.length < PAGE_SIZE, onclick: () => go({ offset: offset + PAGE_SIZE }) }, 'Next →'),
      filters.length ? h('button', { id: 'clear-filters', onclick: () => go({ f: [], offset: 0 }) }, 'Clear filters') : null,
      filters.length ? h('span.note', 'Filtered: ' + filters.map(f => f.column + ' ' + label(f.operator) + (f.value === null ? '' : ' ' + f.value)).join(' and ')) : null,
      writable ? h('button', { id: 'insert', onclick: () => editForm(page, 'INSERT', null) }, 'Insert row')
        : h('span#read-only.note', 'Read-only: start mvn db:studio -Ddb.studio.write=true to change rows.')),
    h('div.grid', h('table#rows', h('thead', header, filterRow), h('tbody', body)))));
}

function isText(type) { return /^(text|character|char|varchar|citext|name|uuid|json)/.test(type); }
function label(operator) { return (OPERATORS.find(o => o[0] === operator) || [operator, operator])[1]; }

function keyOf(page, row) {
  const key = {};
  page.key.forEach(k => { key[k] = row[page.columns.findIndex(c => c.name === k)]; });
  return key;
}

function rowActions(page, row) {
  if (page.key.length === 0) return h('span.note', { title: 'The table has no primary key or unique NOT NULL key' }, 'no key');
  return [h('button.edit', { onclick: () => editForm(page, 'UPDATE', row) }, 'Edit'), ' ',
    h('button.delete', { onclick: () => change(page, { operation: 'DELETE', key: keyOf(page, row) }) }, 'Delete')];
}

function editForm(page, operation, row) {
  const main = document.getElementById('main');
  const inputs = page.columns.map((c, i) => {
    const value = row ? row[i] : null;
    const input = h('input', { name: c.name, value: value === null ? '' : value, placeholder: row ? '' : 'default' });
    const isNull = h('input', { type: 'checkbox', checked: row ? value === null : false, title: 'NULL' });
    return { c, input, isNull, original: value };
  });
  const submit = () => {
    const values = {};
    inputs.forEach(({ c, input, isNull, original }) => {
      const v = isNull.checked ? null : input.value;
      if (operation === 'INSERT' ? (isNull.checked || input.value !== '') : v !== original) values[c.name] = v;
    });
    change(page, { operation, key: row ? keyOf(page, row) : null, values });
  };
  main.prepend(h('section#edit-form',
    h('h2', operation === 'INSERT' ? 'Insert a row into ' + qualified(page.schema, page.table) : 'Edit row ' + JSON.stringify(keyOf(page, row))),
    h('div.form-grid', inputs.map(({ c, input, isNull }) => [h('label', c.name, h('div.note', c.type)),
      h('div', input, ' ', h('label', isNull, ' NULL'))])),
    h('div.toolbar', h('button', { id: 'preview', onclick: submit }, 'Show the SQL'),
      h('button', { onclick: () => route() }, 'Cancel'))));
}

async function change(page, partial) {
  const request = Object.assign({ schema: page.schema, table: page.table }, partial);
  let preview;
  try {
    preview = await api('edit', { request, apply: false });
  } catch (e) {
    document.getElementById('main').prepend(errorBox(e));
    return;
  }
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-sql').textContent = preview.sql;
  document.getElementById('confirm-note').textContent = 'It runs in a transaction that commits only if it changes exactly one row.';
  dialog.returnValue = '';
  dialog.onclose = async () => {
    if (dialog.returnValue !== 'apply') return;
    try {
      await api('edit', { request, apply: true });
      route();
    } catch (e) {
      document.getElementById('main').prepend(errorBox(e));
    }
  };
  dialog.showModal();
}

// ---- diagram ----

/** Tables in columns by foreign-key depth (referenced tables to the left), ordered to keep related tables close. */
function layout(relations, compact) {
  const key = r => qualified(r.schema, r.name);
  const byKey = new Map(relations.map(r => [key(r), r]));
  const refs = new Map(relations.map(r => [key(r), r.constraints.filter(c => c.references)
    .map(c => qualified(c.references.schema, c.references.table)).filter(k => byKey.has(k) && k !== key(r))]));
  const depth = new Map();
  const visiting = new Set();
  const depthOf = k => {
    if (depth.has(k)) return depth.get(k);
    if (visiting.has(k)) return 0; // a cycle of foreign keys: break it here
    visiting.add(k);
    const d = refs.get(k).length ? 1 + Math.max(...refs.get(k).map(depthOf)) : 0;
    visiting.delete(k);
    depth.set(k, d);
    return d;
  };
  relations.forEach(r => depthOf(key(r)));
  const levels = [];
  relations.forEach(r => (levels[depth.get(key(r))] = levels[depth.get(key(r))] || []).push(r));
  const W = 270, ROW = 15, GAP_X = 90, GAP_Y = 26, MAX_COLUMNS = 10, MAX_HEIGHT = 2600;
  const boxes = new Map();
  let x = 20;
  const position = new Map();
  levels.forEach((level, i) => {
    if (!level) return;
    // Barycentre of what each table references, so edges run mostly level.
    level.forEach(r => {
      const ys = refs.get(key(r)).map(k => position.get(k)).filter(v => v !== undefined);
      r._order = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.MAX_SAFE_INTEGER;
    });
    level.sort((a, b) => a._order - b._order || key(a).localeCompare(key(b)));
    let y = 20, columnTop = 20;
    level.forEach(r => {
      // A big schema is about its relationships: its boxes list the key and foreign-key columns only.
      const keys = new Set(r.constraints.filter(c => c.type === 'PRIMARY KEY' || c.references).flatMap(c => c.columns));
      const shown = (compact ? r.columns.filter(c => keys.has(c.name)) : r.columns).slice(0, MAX_COLUMNS);
      const height = 22 + ROW * shown.length + (r.columns.length > shown.length ? ROW : 0) + 6;
      if (y + height > MAX_HEIGHT && y > columnTop) { x += W + GAP_X / 2; y = columnTop; }
      boxes.set(key(r), { r, x, y, w: W, h: height, shown });
      position.set(key(r), y);
      y += height + GAP_Y;
    });
    x += W + GAP_X;
  });
  return { boxes, refs, width: x, height: Math.max(...[...boxes.values()].map(b => b.y + b.h), 200) + 20 };
}

async function diagramPage(main) {
  const model = await schema(true);
  const tables = model.relations.filter(r => r.kind !== 'view');
  if (tables.length === 0) {
    put(main, h('h1', 'Diagram'), h('p', 'There are no tables to draw yet.'));
    return;
  }
  const compact = tables.length > 60;
  const { boxes, width, height } = layout(tables, compact);
  const svg = s('svg', { id: 'diagram', viewBox: `0 0 ${width} ${height}`, 'data-tables': boxes.size });
  const edges = s('g', { class: 'edges' });
  const nodes = s('g', { class: 'boxes' });
  svg.append(edges, nodes);
  const fkColumns = new Map();
  for (const b of boxes.values()) {
    for (const c of b.r.constraints.filter(c => c.references)) {
      const target = boxes.get(qualified(c.references.schema, c.references.table));
      if (!target) continue;
      const rowOf = (box, column) => { const i = box.shown.findIndex(x => x.name === column); return i < 0 ? 0 : i + 1; };
      const y1 = b.y + 11 + rowOf(b, c.columns[0]) * 15 + (rowOf(b, c.columns[0]) ? 8 : 0);
      const y2 = target.y + 11 + rowOf(target, c.references.columns[0]) * 15 + (rowOf(target, c.references.columns[0]) ? 8 : 0);
      const leftToRight = target.x > b.x;
      const x1 = leftToRight ? b.x + b.w : b.x, x2 = leftToRight ? target.x : target.x + target.w;
      const self = target === b;
      const bend = self ? 40 : Math.max(30, Math.abs(x2 - x1) / 2);
      const d = self ? `M${b.x + b.w},${y1} C${b.x + b.w + bend},${y1} ${b.x + b.w + bend},${y2} ${b.x + b.w},${y2}`
        : `M${x1},${y1} C${x1 + (leftToRight ? bend : -bend)},${y1} ${x2 + (leftToRight ? -bend : bend)},${y2} ${x2},${y2}`;
      const path = s('path', { d, class: 'fk', 'data-from': qualified(b.r.schema, b.r.name), 'data-to': qualified(target.r.schema, target.r.name) },
        s('title', {}, `${b.r.name}.${c.columns.join(', ')} → ${target.r.name}.${c.references.columns.join(', ')} (${c.name})`));
      edges.append(path);
      (fkColumns.get(b) || fkColumns.set(b, new Set()).get(b)).add(c.columns[0]);
    }
  }
  for (const b of boxes.values()) {
    const pk = new Set((b.r.constraints.find(c => c.type === 'PRIMARY KEY') || { columns: [] }).columns);
    const g = s('g', { class: 'box', transform: `translate(${b.x},${b.y})`, 'data-table': qualified(b.r.schema, b.r.name) });
    g.append(s('rect', { class: 'frame', width: b.w, height: b.h, rx: 4 }), s('rect', { class: 'title', width: b.w, height: 20, rx: 4 }),
      s('text', { class: 'name', x: 8, y: 14 }, truncate(qualified(b.r.schema, b.r.name), 34)));
    b.shown.forEach((c, i) => g.append(s('text', { x: 8, y: 34 + i * 15 },
      (pk.has(c.name) ? 'PK ' : (fkColumns.get(b) || new Set()).has(c.name) ? 'FK ' : '   ') + truncate(c.name, 18) + ' ' + truncate(c.type, 16))));
    if (b.r.columns.length > b.shown.length) {
      g.append(s('text', { x: 8, y: 34 + b.shown.length * 15, class: 'more' }, '… ' + (b.r.columns.length - b.shown.length) + ' more'));
    }
    g.addEventListener('dblclick', () => { location.hash = tableLink(b.r.schema, b.r.name); });
    g.addEventListener('click', () => { if (!moved) focus(g.dataset.table); });
    g.addEventListener('mouseenter', () => edges.querySelectorAll('path').forEach(p =>
      p.classList.toggle('hot', p.dataset.from === g.dataset.table || p.dataset.to === g.dataset.table)));
    nodes.append(g);
  }
  const search = h('input', { type: 'search', id: 'diagram-search', placeholder: 'Find a table…' });
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    let first = null;
    nodes.querySelectorAll('g.box').forEach(g => {
      const hit = q && g.dataset.table.toLowerCase().includes(q);
      g.classList.toggle('hit', !!hit);
      g.classList.toggle('dim', !!q && !hit);
      if (hit && !first) first = g;
    });
    if (first) {
      const b = boxes.get(first.dataset.table);
      view = { x: b.x - 200, y: b.y - 150, w: 1200, h: 1200 * height / width || 900 };
      apply();
    }
  });
  /** A table and its neighbours stand out; clicking it again shows all. */
  let focused = null;
  const focus = table => {
    focused = focused === table ? null : table;
    const near = new Set([table]);
    edges.querySelectorAll('path').forEach(p => {
      const hot = focused && (p.dataset.from === table || p.dataset.to === table);
      p.classList.toggle('hot', !!hot);
      if (hot) { near.add(p.dataset.from); near.add(p.dataset.to); }
    });
    nodes.querySelectorAll('g.box').forEach(g => g.classList.toggle('dim', !!focused && !near.has(g.dataset.table)));
  };
  const wrap = h('div#diagram-wrap', svg);
  let view = { x: 0, y: 0, w: width, h: height };
  const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  wrap.addEventListener('wheel', e => {
    e.preventDefault();
    const rect = svg.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width, fy = (e.clientY - rect.top) / rect.height;
    const k = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    const nw = view.w * k, nh = view.h * k;
    view = { x: view.x + (view.w - nw) * fx, y: view.y + (view.h - nh) * fy, w: nw, h: nh };
    apply();
  }, { passive: false });
  let drag = null, moved = false;
  wrap.addEventListener('mousedown', e => { drag = { x: e.clientX, y: e.clientY, view: { ...view } }; moved = false; });
  window.addEventListener('mouseup', () => { drag = null; });
  wrap.addEventListener('mousemove', e => {
    if (!drag) return;
    moved = true;
    const rect = svg.getBoundingClientRect();
    const scale = Math.max(view.w / rect.width, view.h / rect.height);
    view = { ...drag.view, x: drag.view.x - (e.clientX - drag.x) * scale, y: drag.view.y - (e.clientY - drag.y) * scale };
    apply();
  });
  put(main, h('h1', 'Diagram'),
    h('div.toolbar', search, h('button', { onclick: () => { view = { x: 0, y: 0, w: width, h: height }; apply(); } }, 'Fit'),
      h('span.note', boxes.size + ' tables' + (compact ? ' (key and foreign-key columns only)' : '') + '; referenced tables'
        + ' stand left of those that reference them. Scroll to zoom, drag to move, click a table to see its neighbours,'
        + ' double-click to open it.')),
    wrap);
  // Too big to read whole: start at full size in the top-left corner; Fit shows the whole.
  const shown = wrap.getBoundingClientRect();
  if (shown.width > 0 && width > 2.5 * shown.width) {
    view = { x: 0, y: 0, w: shown.width, h: shown.height };
    apply();
  }
}

function truncate(text, n) { return text.length > n ? text.slice(0, n - 1) + '…' : text; }

// ---- migrations ----

const STATES = { APPLIED: 'good', PENDING: 'warn', MODIFIED: 'bad', OUT_OF_ORDER: 'bad', MISSING: 'bad' };

async function migrationsPage(main) {
  const m = await api('migrations');
  const rows = m.status.rows;
  const counts = {};
  rows.forEach(r => { counts[r.state] = (counts[r.state] || 0) + 1; });
  const scripts = new Map(m.scripts.map(x => [x.tag, x]));
  put(main, h('div',
    h('h1', 'Migrations'),
    h('p.note', 'Tracking table ' + m.trackingTable + '. Current: ' + (m.status.current || 'none applied') + '. '
      + Object.entries(counts).map(([k, v]) => v + ' ' + k.toLowerCase().replace(/_/g, ' ')).join(', ') + '.'),
    rows.length === 0 ? h('p', 'There are no migrations yet. Write one with mvn db:generate.') :
      h('table#migrations', h('tr', h('th', 'Migration'), h('th', 'State'), h('th', 'Applied at'), h('th', 'Rollback'), h('th', 'Scripts')),
        rows.map(r => {
          const script = scripts.get(r.tag) || {};
          return h('tr', { 'data-state': r.state },
            h('td', r.tag), h('td', h('span.badge.' + STATES[r.state], r.state.toLowerCase().replace(/_/g, ' '))),
            h('td', r.appliedAt || ''),
            h('td', r.down === 'FILE' ? 'down.sql' : r.down === 'STORED' ? 'stored down script' : r.down === 'NONE' ? h('span.badge.warn', 'no down script') : ''),
            h('td', h('details', h('summary', 'SQL'), h('pre.sql', script.up || '(not available)')),
              h('details', h('summary', 'down'), h('pre.sql', script.down || '(none)'))));
        })),
    h('h2', 'Migration lock'),
    m.lock.length === 0 ? h('p#lock-free', 'The lock is free: no session holds or waits for key ' + m.lockKey + '.')
      : h('table#lock', h('tr', h('th', ''), h('th', 'pid'), h('th', 'Application'), h('th', 'User'), h('th', 'Client'), h('th', 'Since'), h('th', 'State'), h('th', 'Query')),
        m.lock.map(l => h('tr', h('td', l.granted ? h('span.badge.bad', 'holds') : h('span.badge.warn', 'waits')), h('td', l.pid),
          h('td', l.applicationName || ''), h('td', l.user || ''), h('td', l.clientAddress || 'local socket'),
          h('td', l.backendStart || ''), h('td', l.state || ''), h('td', truncate(l.query || '', 120))))),
    m.lock.length ? h('p.note', 'To end a stuck holder: mvn db:unlock.') : null,
    m.status.invalidIndexes.length ? [h('h2', 'INVALID indexes'), h('ul', m.status.invalidIndexes.map(i =>
      h('li', JSON.stringify(i))))] : null));
}

// ---- next change ----

async function nextPage(main) {
  put(main, h('p.loading', 'Applying the schema files to a scratch database…'));
  const n = await api('next-change');
  if (n.unavailable) {
    put(main, h('h1', 'Next change'), h('p#unavailable', n.unavailable));
    return;
  }
  const section = (title, steps, empty) => {
    const byObject = new Map();
    steps.forEach(step => (byObject.get(step.object) || byObject.set(step.object, []).get(step.object)).push(step));
    const lossy = steps.filter(x => x.hazards.some(z => z.startsWith('DATA_LOSS'))).length;
    return [h('h2', title),
      steps.length === 0 ? h('p', empty) : h('p.note', steps.length + ' statements on ' + byObject.size + ' objects'
        + (lossy ? ', ' + lossy + ' losing data' : '') + '.'),
      [...byObject.entries()].map(([object, list]) => h('section.object-change',
        h('h3', object, list.flatMap(x => x.hazards).map(z => h('span.badge.' + (z.startsWith('DATA_LOSS') ? 'bad' : 'warn'), z.split(':')[0]))),
        list.map(x => [x.hazards.map(z => h('div.note', '⚠ ' + z)), h('pre.sql', x.sql)])))];
  };
  put(main, h('div',
    h('h1', 'Next change'),
    h('p.note', 'What the schema files would change now. Nothing has been applied.'),
    n.unmanaged.length ? h('div.error#next-unmanaged', 'Not managed by Shale, so neither list below has them: '
      + n.unmanaged.join('; ') + '. Write them in a custom migration (mvn db:generate -Ddb.custom=true).') : null,
    n.undecided.length ? h('div.error', 'Rename candidates nobody decided (the statements below drop and create them): '
      + n.undecided.join(', ') + '. Pass -Ddb.renames=' + n.undecided.join(',') + ' to rename instead.') : null,
    h('div#push', section('mvn db:push — the database to the schema files', n.push, 'The database already matches the schema files.')),
    h('div#generate', section('mvn db:generate — after ' + (n.generateBase ? 'the snapshot of ' + n.generateBase : 'no migration (the first one)'),
      n.generate, 'The schema files match the last snapshot: db:generate would write nothing.'))));
}

// ---- SQL ----

async function sqlPage(main) {
  const writable = state.info && state.info.writable;
  const text = h('textarea', { id: 'sql', spellcheck: 'false', placeholder: 'select * from …' });
  text.value = sessionStorage.getItem('shale-sql') || '';
  const out = h('div#result');
  const run = async () => {
    sessionStorage.setItem('shale-sql', text.value);
    put(out, h('p.loading', 'Running…'));
    try {
      const r = await api('query', { sql: text.value });
      put(out, 
        h('p#query-note.note', r.command + ' in ' + r.millis + ' ms; ' + (r.readOnly ? 'read-only transaction, rolled back.' : 'committed.')
          + (r.updateCount >= 0 ? ' ' + r.updateCount + ' rows changed.' : '') + (r.truncated ? ' Only the first ' + r.rows.length + ' rows are shown.' : '')),
        r.columns.length ? h('div.grid', h('table#query-rows', h('tr', r.columns.map(c => h('th', c))),
          r.rows.map(row => h('tr', row.map(v => v === null ? h('td.null', 'NULL') : h('td', v)))))) : null);
    } catch (e) {
      put(out, errorBox(e));
    }
  };
  text.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
  put(main, h('h1', 'SQL'),
    h('p.note', writable ? 'Write mode: the statement runs in a transaction that is committed.'
      : 'One statement at a time, in a read-only transaction that is rolled back, with a statement timeout.'),
    text, h('div.toolbar', h('button', { id: 'run', onclick: run }, 'Run (Ctrl+Enter)')), out);
}

// ---- start ----

async function start() {
  try {
    state.info = await api('info');
    document.getElementById('database').textContent = state.info.database;
    const mode = document.getElementById('mode');
    mode.textContent = state.info.writable ? 'WRITE MODE' : 'READ-ONLY';
    mode.classList.toggle('write', state.info.writable);
  } catch (e) {
    put(document.getElementById('main'), errorBox(e));
    return;
  }
  window.addEventListener('hashchange', route);
  route();
}

start();
