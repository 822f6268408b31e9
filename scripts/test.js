#!/usr/bin/env node
// `npm test`: the whole suite on SQLite, then again on PostgreSQL when CATALOGO_TEST_DATABASE_URL is
// set. In CI (CI=true) the PostgreSQL run and the browser tests are mandatory: skipping them fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const inCi = process.env.CI === 'true';
const pgUrl = process.env.CATALOGO_TEST_DATABASE_URL || '';
const extraArgs = process.argv.slice(2);

if (inCi && !pgUrl) {
  console.error('CI: CATALOGO_TEST_DATABASE_URL non è impostata: la suite su PostgreSQL non può essere saltata.');
  process.exit(1);
}

function runJest(label, env) {
  const report = path.join(os.tmpdir(), `catalogo-jest-${process.pid}-${label}.json`);
  console.log(`\n=== test su ${label} ===`);
  const result = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--maxWorkers=2', '--json', `--outputFile=${report}`, ...extraArgs],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTests: 0 };
  if (fs.existsSync(report)) {
    summary = JSON.parse(fs.readFileSync(report, 'utf8'));
    fs.rmSync(report, { force: true });
  }
  const ok = result.status === 0 && summary.numTotalTests > 0;
  return { label, ok, passed: summary.numPassedTests, failed: summary.numFailedTests, skipped: summary.numPendingTests };
}

const runs = [runJest('SQLite', { CATALOGO_TEST_DATABASE_URL: '' })];
if (pgUrl) runs.push(runJest('PostgreSQL', { CATALOGO_TEST_DATABASE_URL: pgUrl }));
else console.log('\nCATALOGO_TEST_DATABASE_URL non impostata: suite PostgreSQL non eseguita (in CI è obbligatoria).');

for (const run of runs) console.log(`${run.label}: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
const skipped = runs.reduce((n, r) => n + r.skipped, 0);
const allOk = runs.every((r) => r.ok) && !(inCi && skipped > 0);
if (inCi && skipped > 0) console.error('CI: nessun test può essere saltato.');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk ? 0 : 1);
