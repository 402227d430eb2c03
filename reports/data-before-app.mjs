// Makes a single-file Allure report (3.18) load its inlined data reliably.
//
//   node reports/data-before-app.mjs REPORT_DIR/index.html
//
// Why: the single-file index.html runs the app's script first and declares the inlined data
// (window.allureReportData, filled by a script at the very end of <body>) last. The app looks for
// that object when it first asks for a piece of data; if it is not there yet it falls back to
// fetch(), which a page opened from disk (file://) is never allowed, and the page stays empty with
// "Failed to fetch". Chromium's HTML parser yields to the app's tasks while it works through the
// large data script, so on a busy machine (or with a large report) the app asks first: measured
// here with both cores loaded, 1 page load in 2 showed nothing at all. Declaring the (still empty)
// object before the app makes the app take the inlined-data path every time; that path waits for
// window.allureReportDataReady, which the data script sets once every piece is in
// (@allurereport/core-api createReportDataScript, @allurereport/web-commons reportDataUrl).
import { readFileSync, writeFileSync } from "node:fs";

const fail = (message) => {
  process.stderr.write(`data-before-app.mjs: error: ${message}\n`);
  process.exit(2);
};

const [file] = process.argv.slice(2);
if (!file) fail("usage: node data-before-app.mjs REPORT_DIR/index.html");

let html;
try {
  html = readFileSync(file, "utf8");
} catch (e) {
  fail(`cannot read ${file}: ${e.message}`);
}

const declaration =
  "<script>window.allureReportDataReady = false; window.allureReportData = window.allureReportData || {};</script>";
// What the data script at the end of <body> does; its absence means another Allure layout, which this fix does not know.
const dataScript = "window.allureReportData = window.allureReportData || {};";

if (html.includes(declaration)) process.exit(0);
const dataAt = html.lastIndexOf(dataScript);
const headEnd = html.indexOf("</head>");
if (dataAt < 0 || headEnd < 0 || headEnd > dataAt)
  fail(`${file} is not a single-file report laid out as Allure 3.18 writes it (no inlined data after </head>); was the allure package upgraded?`);
writeFileSync(file, html.slice(0, headEnd) + declaration + "\n" + html.slice(headEnd));
