// SPDX-License-Identifier: MIT
//
// Reads PDFs with pdf.js (the legacy build, for Node.js) and prints, as
// JSON, what a browser's PDF viewer and a screen reader get from them: for
// each page the structure tree (page.getStructTree()) and the text with its
// marked content (page.getTextContent({includeMarkedContent: true})).
//
//   node read.mjs FILE.pdf...
//
// Output: [{"file": ..., "pages": [{"structTree": ..., "items": [...]}]}]
// Items are {"type": "beginMarkedContentProps", "id", "tag"},
// {"type": "beginMarkedContent", "tag"}, {"type": "endMarkedContent"} or
// text {"str", "dir", "hasEOL"}.

import { readFile } from "node:fs/promises";
import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";

const out = [];
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({
    data,
    verbosity: VerbosityLevel.ERRORS,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const meta = await doc.getMetadata();
  const markInfo = await doc.getMarkInfo();
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const structTree = await page.getStructTree();
    const content = await page.getTextContent({ includeMarkedContent: true });
    const items = content.items.map((it) =>
      it.type !== undefined
        ? { type: it.type, id: it.id ?? null, tag: it.tag ?? null }
        : { str: it.str, dir: it.dir, hasEOL: it.hasEOL },
    );
    pages.push({ structTree, items });
    page.cleanup();
  }
  out.push({
    file,
    title: meta.info?.Title ?? null,
    lang: meta.info?.Language ?? null,
    marked: markInfo?.Marked ?? false,
    pages,
  });
  await doc.destroy();
}
process.stdout.write(JSON.stringify(out));
