// SPDX-License-Identifier: MIT

package web

// Stylesheet is the pages' stylesheet: one column at most 40 em wide that
// reflows down to 320 px with no horizontal scrolling, the reader's own
// text size (in rem) and the system's fonts for each script, a dark
// scheme when the reader's system asks for one, and a print style (black
// on white, web addresses written out). Its colours keep text at 4.5:1
// or more on its background in both schemes.
const Stylesheet = `
:root{color-scheme:light dark;--text:#1b1b1b;--bg:#fff;--accent:#1f4e79;--rule:#9dbcdb;--tint:#eef3f8}
@media (prefers-color-scheme:dark){:root{--text:#ececec;--bg:#121417;--accent:#9cc7f0;--rule:#47698c;--tint:#1d242c}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font-size:1.125rem;line-height:1.55;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;overflow-wrap:break-word}
[lang]{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.55}
:lang(ar),:lang(fa),:lang(ckb),:lang(ps){font-family:"Noto Naskh Arabic","Geeza Pro","Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;line-height:1.8}
:lang(ur){font-family:"Noto Nastaliq Urdu","Urdu Typesetting","Jameel Noori Nastaleeq","Noto Naskh Arabic",serif;line-height:2.2}
:lang(bn){font-family:"Noto Sans Bengali","Nirmala UI","Vrinda","Kohinoor Bangla",sans-serif;line-height:1.75}
:lang(pa){font-family:"Noto Sans Gurmukhi","Nirmala UI","Raavi","Mukta Mahee",sans-serif;line-height:1.75}
:lang(gu){font-family:"Noto Sans Gujarati","Nirmala UI","Shruti",sans-serif;line-height:1.75}
:lang(ti),:lang(am){font-family:"Noto Sans Ethiopic","Nyala","Kefa",sans-serif;line-height:1.7}
:lang(zh-Hans){font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","Droid Sans Fallback",sans-serif;line-height:1.7}
:lang(zh-Hant){font-family:"PingFang TC","Microsoft JhengHei","Noto Sans CJK TC","Source Han Sans TC","Droid Sans Fallback",sans-serif;line-height:1.7}
header,main{max-width:40em;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
.org{margin:0;font-weight:700;color:var(--accent)}
h1,h2,h3{line-height:1.25;color:var(--accent)}
h1{font-size:clamp(1.75rem,7vw,2.5rem);margin:.5rem 0 .25rem}
h2{font-size:1.4rem;margin:2rem 0 .5rem}
.subtitle{font-size:1.25rem;margin:0 0 1rem}
.action{font-weight:700;font-size:1.2rem;border-top:3px solid var(--accent);border-bottom:3px solid var(--accent);padding:.5rem 0}
a{color:var(--accent);text-decoration-thickness:.08em;text-underline-offset:.15em;overflow-wrap:anywhere}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.nb{white-space:nowrap}
ul{padding-inline-start:1.5em}
li{margin:.25rem 0}
.quote{margin:1rem 0}
blockquote{margin:0;padding-inline-start:1rem;border-inline-start:4px solid var(--rule)}
figcaption{margin-top:.5rem;padding-inline-start:1rem}
figcaption::before{content:"— "}
address{font-style:normal;margin:1rem 0;padding:.75rem 1rem;background:var(--tint);border-radius:4px}
address p{margin:.25rem 0}
.notice{margin:1rem 0;padding:.5rem 1rem;border-inline-start:4px solid var(--accent);background:var(--tint)}
.notice p{margin:.25rem 0}
.marker{font-style:italic}
.offers{list-style:none;padding:0}
.offers li{margin:.5rem 0;text-align:start}
.offers li:lang(ar),.offers li:lang(fa),.offers li:lang(ckb),.offers li:lang(ps){font-size:1.1em}
.reach{border-top:1px solid var(--rule);padding-top:.5rem}
.reach a{margin-inline-end:1rem}
.point{display:flex;gap:1rem;align-items:flex-start;margin:1.25rem 0}
.point svg,.point img{flex:none;width:4.5rem;height:4.5rem;color:var(--accent)}
.point img{object-fit:contain;background:#fff}
.point div{flex:1;min-width:0}
.point p{margin:0 0 .4rem}
.easy-read{font-size:1.25rem}
.index{max-width:72em}
.er-cover{display:block;width:6rem;height:6rem;color:var(--accent)}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--rule)}
.table{overflow-x:auto;margin:1rem 0}
td a{white-space:nowrap}
th[scope=row]{position:sticky;inset-inline-start:0;background:var(--bg);z-index:1}
.en-name{display:block;font-weight:400;font-size:.9em}
.size{white-space:nowrap;font-size:.9em}
@media print{
@page{margin:18mm 16mm}
:root{--text:#000;--bg:#fff;--accent:#000;--rule:#888;--tint:#fff}
body{font-size:12pt}
header,main{max-width:none;padding:0}
a{text-decoration:none}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.9em}
h2,h3{break-after:avoid}
address,blockquote,.notice,.point,li{break-inside:avoid}
address,.notice{border:1px solid #888}
}
`
