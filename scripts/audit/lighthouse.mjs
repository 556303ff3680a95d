// Lighthouse on Debian's Chromium for make audit (scripts/audit/run.py drives it).
//
//   node scripts/audit/lighthouse.mjs <job.json> <out.json>
//
// job.json: {"pages": [{"name": "home", "url": "http://127.0.0.1:8202/"}, ...],
//            "presets": ["mobile", "desktop"], "runs": 1, "categories": ["performance", ...]}
// out.json: one record per (page, preset, run): the category scores, the audits that lost points,
// the metrics and the bytes by resource type. One Chromium serves every run (CHROME_PATH, default
// /usr/bin/chromium); nothing downloads a browser. Throttling is Lighthouse's default "simulate", as
// Lighthouse CI runs it: the mobile preset is a Moto G Power on slow 4G, the desktop preset its own.
// Before each mobile performance run the host's benchmarkIndex is measured with Lighthouse's own
// benchmark and the CPU slowdown calibrated from it (calibration.mjs); the record keeps both numbers.
import fs from 'node:fs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import {throttling as THROTTLING} from 'lighthouse/core/config/constants.js';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import {pageFunctions} from 'lighthouse/core/lib/page-functions.js';
import puppeteer from 'puppeteer-core';

import {cpuSlowdownFor, LIGHTHOUSE_MOBILE_SLOWDOWN} from './calibration.mjs';

if (THROTTLING.mobileSlow4G.cpuSlowdownMultiplier !== LIGHTHOUSE_MOBILE_SLOWDOWN) {
  throw new Error(`Lighthouse's mobile CPU slowdown is ${THROTTLING.mobileSlow4G.cpuSlowdownMultiplier}x now: update calibration.mjs`);
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

async function measureBenchmarkIndex(browser) {
  const page = await browser.newPage();
  try {
    await page.goto('about:blank');
    return await page.evaluate(pageFunctions.computeBenchmarkIndex);
  } finally {
    await page.close();
  }
}

function lostPoints(lhr, categoryId) {
  const category = lhr.categories[categoryId];
  if (!category) return [];
  const lost = [];
  for (const ref of category.auditRefs) {
    if (!ref.weight) continue;
    const audit = lhr.audits[ref.id];
    if (audit.score === null || audit.score >= 1) continue;
    const items = (audit.details && audit.details.items) || [];
    const nodes = items
      .map((item) => (item.node && (item.node.selector || item.node.snippet)) ||
        [item.sourceLocation && item.sourceLocation.url, item.description].filter(Boolean).join(': ') ||
        item.url || item.source || '')
      .filter(Boolean)
      .slice(0, 5);
    lost.push({id: ref.id, title: audit.title, score: audit.score, displayValue: audit.displayValue || '', nodes});
  }
  return lost;
}

function bytesByType(lhr) {
  const summary = lhr.audits['resource-summary'];
  const out = {};
  for (const item of (summary && summary.details && summary.details.items) || []) {
    out[item.resourceType] = {count: item.requestCount, transfer: item.transferSize};
  }
  return out;
}

function documentBytes(lhr) {
  const requests = lhr.audits['network-requests'];
  const items = (requests && requests.details && requests.details.items) || [];
  const doc = items.find((item) => item.resourceType === 'Document');
  return doc ? {transfer: doc.transferSize, resource: doc.resourceSize} : null;
}

function record(page, preset, run, lhr, calibration) {
  const scores = {};
  const lost = {};
  for (const id of CATEGORIES) {
    if (!lhr.categories[id]) continue;
    scores[id] = lhr.categories[id].score === null ? null : Math.round(lhr.categories[id].score * 100);
    lost[id] = lostPoints(lhr, id);
  }
  const metric = (id) => (lhr.audits[id] ? lhr.audits[id].numericValue : null);
  return {
    page: page.name,
    url: page.url,
    final_url: lhr.finalDisplayedUrl,
    preset,
    run,
    scores,
    lost,
    metrics: {
      cls: metric('cumulative-layout-shift'),
      lcp_ms: metric('largest-contentful-paint'),
      tbt_ms: metric('total-blocking-time'),
      fcp_ms: metric('first-contentful-paint'),
    },
    bytes: bytesByType(lhr),
    document: documentBytes(lhr),
    benchmark_index: lhr.environment ? lhr.environment.benchmarkIndex : null,
    calibration_index: calibration,
    cpu_slowdown: lhr.configSettings.throttling.cpuSlowdownMultiplier,
    bootup: ((lhr.audits['bootup-time'] && lhr.audits['bootup-time'].details &&
              lhr.audits['bootup-time'].details.items) || [])
      .slice(0, 4).map((item) => ({url: item.url, total_ms: Math.round(item.total), script_ms: Math.round(item.scripting)})),
    mainthread: ((lhr.audits['mainthread-work-breakdown'] && lhr.audits['mainthread-work-breakdown'].details &&
                  lhr.audits['mainthread-work-breakdown'].details.items) || [])
      .map((item) => ({group: item.group, ms: Math.round(item.duration)})),
    warnings: lhr.runWarnings || [],
    error: lhr.runtimeError ? lhr.runtimeError.message : null,
  };
}

async function main() {
  const [jobPath, outPath] = process.argv.slice(2);
  if (!jobPath || !outPath) {
    console.error('usage: node lighthouse.mjs <job.json> <out.json>');
    process.exit(2);
  }
  const job = JSON.parse(fs.readFileSync(jobPath, 'utf8'));
  const categories = job.categories || CATEGORIES;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`});
  const records = [];
  try {
    for (let run = 1; run <= (job.runs || 1); run++) {
      for (const preset of job.presets || ['mobile', 'desktop']) {
        for (const page of job.pages) {
          const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories};
          let calibration = null;
          if (preset === 'mobile' && categories.includes('performance')) {
            calibration = await measureBenchmarkIndex(browser);
            flags.throttling = {...THROTTLING.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdownFor(calibration)};
          }
          const config = preset === 'desktop' ? desktopConfig : undefined;
          // A trace Chromium failed to record (NO_NAVSTART, NO_FCP on a starved machine) is retried twice.
          let r;
          for (let attempt = 1; attempt <= 3; attempt++) {
            const result = await lighthouse(page.url, flags, config);
            r = record(page, preset, run, result.lhr, calibration);
            if (!r.error) break;
            console.error(`lighthouse ${preset} ${page.name}: ${r.error}; ${attempt < 3 ? 'again' : 'giving up'}`);
          }
          records.push(r);
          console.error(`lighthouse ${preset} ${page.name} run ${run}: ${JSON.stringify(r.scores)} ` +
                        `(cpu x${r.cpu_slowdown}, host index ${calibration ?? r.benchmark_index})`);
        }
      }
    }
  } finally {
    await browser.disconnect();
    await chrome.kill();
  }
  fs.writeFileSync(outPath, JSON.stringify(records, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
