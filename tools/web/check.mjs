// SPDX-License-Identifier: MIT
//
// Reads leaflet's web pages in headless Chromium (Debian's /usr/bin/chromium,
// one launch for all pages) for the Go tests: for each page, at 320 and 1280
// CSS pixels wide, axe-core's WCAG 2.2 A and AA rules in the light and the
// dark scheme, whether the page scrolls sideways, and what a reader gets:
// the text as rendered (innerText), the links, the headings and every
// element's own lang and dir. Prints one JSON object per page, in a list.
//
// Usage: node check.mjs [--shots DIR] FILE.html...
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let shots = "";
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--shots") shots = args[++i];
  else files.push(args[i]);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "leaflet-chromium-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--headless=new", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--user-data-dir=${profile}`,
  ],
});
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const out = [];
try {
  const page = await browser.newPage();
  for (const file of files) {
    const res = { file, widths: {}, violations: [] };
    const url = "file://" + path.resolve(file);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      for (const width of [320, 1280]) {
        await page.setViewport({ width, height: 800 });
        await page.goto(url, { waitUntil: "load" });
        const w = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        if (scheme === "light") res.widths[width] = w;
        if (shots) {
          const name = path.basename(file).replace(/\.x?html$/, "") + `-${width}-${scheme}.png`;
          await page.screenshot({ path: path.join(shots, name), fullPage: true });
        }
        await page.addScriptTag({ content: axeSource });
        const r = await page.evaluate(async (tags) => {
          const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 200)) }));
        }, tags);
        for (const v of r) res.violations.push({ scheme, width, ...v });
      }
    }
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: "load" });
    Object.assign(res, await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      scripts: document.scripts.length,
      text: document.body.innerText,
      links: [...document.links].map((a) => ({ href: a.getAttribute("href"), text: a.innerText, lang: a.closest("[lang]").lang })),
      headings: [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => ({ level: +h.tagName[1], text: h.innerText })),
      langs: [...document.querySelectorAll("body [lang]")].map((e) => ({ tag: e.tagName.toLowerCase(), lang: e.lang, dir: e.dir, text: e.innerText.slice(0, 80) })),
      images: [...document.querySelectorAll("svg, img")].map((e) => ({
        tag: e.tagName.toLowerCase(), role: e.getAttribute("role"), label: e.getAttribute("aria-label") || e.getAttribute("alt"),
        title: e.querySelector && e.querySelector("title") ? e.querySelector("title").textContent : null,
        width: e.getBoundingClientRect().width,
      })),
    })));
    out.push(res);
  }
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out));
