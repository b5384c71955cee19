// Opens an HTML report of `spinlint check --format html` in headless Chromium, works it the way a
// reader would (keyboard, pointer, filters) and prints what it saw as one JSON object on stdout.
// tests/html_browser.rs compares that with the files and with `--format json`.
//
// Usage: node report.mjs REPORT.html SCREENSHOT.png [--shot-only]
//   CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.
//   --shot-only: only the screenshot (a focused mark with its tooltip), for the README.

import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [reportPath, shotPath, ...flags] = process.argv.slice(2);
if (!reportPath || !shotPath) {
  console.error("usage: node report.mjs REPORT.html SCREENSHOT.png [--shot-only]");
  process.exit(2);
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const tipVisible = (page, key) =>
  page.evaluate((k) => {
    const tip = document.getElementById("t" + k);
    return Boolean(tip && !tip.hidden && tip.checkVisibility());
  }, key);

const tipText = (page, key) =>
  page.evaluate((k) => document.getElementById("t" + k)?.textContent ?? "", key);

const activeKey = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el && el.matches("mark[data-finding]") ? el.dataset.finding : null;
  });

// Focuses the mark of `rule` (any rule if none) with the most marks near it, scrolled to the upper
// part of the window, so that its tooltip opens among other highlights; takes the screenshot.
async function screenshot(page, path, rule) {
  const key = await page.evaluate((r) => {
    const all = Array.from(document.querySelectorAll("mark[id]"));
    const top = (m) => m.getBoundingClientRect().top + window.scrollY;
    const crowd = (m) => all.filter((o) => Math.abs(top(o) - top(m)) < 200).length;
    const mine = all.filter((m) => m.dataset.rule === r);
    const mark = (mine.length ? mine : all).sort((a, b) => crowd(b) - crowd(a))[0];
    if (!mark) return null;
    window.scrollTo(0, top(mark) - window.innerHeight * 0.3);
    mark.focus({ preventScroll: true });
    return mark.dataset.finding;
  }, rule);
  if (key) await page.waitForSelector(`#t${key}:not([hidden])`, { timeout: 5000 });
  await page.screenshot({ path });
  return { key, tipVisible: key ? await tipVisible(page, key) : false };
}

// Every mark: where it is, what it says it covers, and the text it holds.
const marks = (page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("mark[data-finding]"), (m) => ({
      path: m.closest("section.file")?.dataset.path ?? null,
      finding: m.dataset.finding,
      rule: m.dataset.rule,
      severity: m.dataset.severity,
      start: Number(m.dataset.start),
      end: Number(m.dataset.end),
      text: m.textContent,
      first: Boolean(m.id),
      focusable: m.tabIndex === 0,
      described: Boolean(m.id && document.getElementById(m.getAttribute("aria-describedby") || "")),
    })),
  );

// What is shown: marks highlighted and list entries visible, by rule and by severity.
const shown = (page) =>
  page.evaluate(() => {
    const count = () => ({ marksOn: 0, marksOff: 0, entriesShown: 0, entriesHidden: 0 });
    const byRule = {};
    const bySeverity = {};
    const tally = (el, field) => {
      for (const [map, key] of [[byRule, el.dataset.rule], [bySeverity, el.dataset.severity]]) {
        map[key] ??= count();
        map[key][field] += 1;
      }
    };
    for (const m of document.querySelectorAll("mark[id]")) {
      const lit = !m.classList.contains("off") && getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)";
      tally(m, lit ? "marksOn" : "marksOff");
    }
    for (const li of document.querySelectorAll("li[data-finding]")) {
      tally(li, li.checkVisibility() ? "entriesShown" : "entriesHidden");
    }
    return { byRule, bySeverity, status: document.getElementById("status").textContent };
  });

// Toggles a filter checkbox from the keyboard.
async function toggle(page, kind, value) {
  await page.focus(`input[data-filter="${kind}"][value="${value}"]`);
  await page.keyboard.press("Space");
}

async function filters(page) {
  const initial = await shown(page);
  const rule = Object.entries(initial.byRule).sort((a, b) => b[1].marksOn - a[1].marksOn)[0][0];
  await toggle(page, "rule", rule);
  const ruleOff = await shown(page);
  await toggle(page, "rule", rule);
  const ruleBack = await shown(page);
  await toggle(page, "severity", "info");
  const infoOff = await shown(page);
  await page.focus("#show-all");
  await page.keyboard.press("Enter");
  const showAll = await shown(page);
  return { rule, initial, ruleOff, ruleBack, infoOff, showAll };
}

// Clicks the third entry of the first list and reports where focus went.
async function clickEntry(page) {
  const key = await page.evaluate(() => document.querySelectorAll("li[data-finding]")[2]?.dataset.finding);
  await page.click(`li[data-finding="${key}"] a`);
  const inView = await page.evaluate((k) => {
    const r = document.getElementById("m" + k).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, key);
  return { key, focused: await activeKey(page), inView, tipVisible: await tipVisible(page, key) };
}

// Focuses the first mark, presses Tab, reports the mark reached and its tooltip.
async function keyboard(page) {
  await page.evaluate(() => document.querySelector("mark[id]").focus());
  await page.keyboard.press("Tab");
  const key = await activeKey(page);
  const visible = key ? await tipVisible(page, key) : false;
  const text = key ? await tipText(page, key) : "";
  await page.keyboard.press("Escape");
  const escaped = key ? !(await tipVisible(page, key)) : false;
  return { key, tipVisible: visible, tipText: text, hiddenByEscape: escaped };
}

// Moves the pointer onto the last mark and reports its tooltip.
async function hover(page) {
  await page.evaluate(() => document.activeElement?.blur());
  const key = await page.evaluate(() => Array.from(document.querySelectorAll("mark[id]")).pop().dataset.finding);
  await page.hover(`#m${key}`);
  return { key, tipVisible: await tipVisible(page, key), tipText: await tipText(page, key) };
}

// In print media: whether the controls are hidden and what follows the first mark with a suggestion.
async function print(page) {
  await page.emulateMedia({ media: "print" });
  const seen = await page.evaluate(() => {
    const mark = document.querySelector("mark[data-suggestion]:not([data-suggestion=''])");
    return {
      controlsShown: document.querySelector("aside.controls").checkVisibility(),
      suggestion: mark?.dataset.suggestion ?? null,
      after: mark ? getComputedStyle(mark, "::after").content : null,
    };
  });
  await page.emulateMedia({ media: "screen" });
  return seen;
}

const profile = mkdtempSync(join(tmpdir(), "spinlint-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ARGS,
  viewport: { width: 1280, height: 900 },
  reducedMotion: "reduce",
});
const requests = [];
const errors = [];
context.on("request", (r) => requests.push(r.url()));
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  await page.goto(pathToFileURL(resolve(reportPath)).href);
  const out = { requests, errors, screenshot: await screenshot(page, shotPath, "tortured-phrase") };
  if (!flags.includes("--shot-only")) {
    out.marks = await marks(page);
    out.filters = await filters(page);
    out.click = await clickEntry(page);
    out.keyboard = await keyboard(page);
    out.hover = await hover(page);
    out.print = await print(page);
  }
  process.stdout.write(JSON.stringify(out) + "\n");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
