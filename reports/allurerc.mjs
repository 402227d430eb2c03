// Allure 3 configuration for ConformanceKit's HTML report (the `allure` npm package pinned in
// package.json, 3.18.0; option names checked against allure3's sources at v3.14.3 —
// packages/plugin-api/src/config.ts, packages/plugin-awesome/src/model.ts,
// packages/core-api/src/categories.ts — and against 3.18.0's published core/dist/config.js).
// generate-report.sh passes its choices through the environment:
//   CK_ALLURE_HISTORY      history file kept between runs (trends, "new"/"fixed" transitions)
//   CK_ALLURE_SINGLE_FILE  "1": one self-contained index.html that opens from disk
//   CK_REPORT_NAME         the report's title
import { readFileSync } from "node:fs";

// Allure 3 reads categories from its configuration, not from the results' categories.json; both come
// from the one definition in reports/categories.json (compatibility keys: matchedStatuses, messageRegex).
const categories = JSON.parse(readFileSync(new URL("./categories.json", import.meta.url), "utf8"));

const env = process.env;
const reportName = env.CK_REPORT_NAME || "ConformanceKit";

export default {
  name: reportName,
  historyPath: env.CK_ALLURE_HISTORY || undefined,
  categories: {
    rules: categories.map(({ name, matchedStatuses, messageRegex }) => ({
      name,
      matchedStatuses,
      messageRegex,
      // Within a category, one group per dext: the sample's known paths apart from anything else.
      groupBy: [{ label: "parentSuite" }],
    })),
  },
  plugins: {
    awesome: {
      options: {
        reportName,
        reportLanguage: "en",
        singleFile: env.CK_ALLURE_SINGLE_FILE === "1",
        // The tree a reviewer walks: dext, then rule, then selector.
        groupBy: ["parentSuite", "suite", "subSuite"],
      },
    },
  },
};
