// Shows that validate.mjs can fail: it must accept the real document and route list, and
// refuse broken copies of them with exit status 1 and a message naming each problem.
//
//   node test_rejects.mjs OPENAPI_JSON ROUTES_TXT

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [documentFile, routesFile] = process.argv.slice(2);
if (!documentFile || !routesFile) {
    console.error("usage: node test_rejects.mjs OPENAPI_JSON ROUTES_TXT");
    process.exit(2);
}
const validator = path.join(path.dirname(fileURLToPath(import.meta.url)), "validate.mjs");
const original = readFileSync(documentFile, "utf8");
const routes = readFileSync(routesFile, "utf8");
const work = mkdtempSync(path.join(tmpdir(), "openapi-rejects-"));

// Each case changes a fresh copy of the document and/or the route list, and says what the
// validator must print; `expect` empty and status 0 means it must accept.
const cases = [
    {
        name: "the real document and route list are accepted",
        status: 0,
        expect: [/valid OpenAPI 3\.0\.3/, /operations match routes\.txt/],
    },
    {
        name: "a dangling $ref",
        edit: (doc) => { doc.components.schemas.Chord.properties.chord = { $ref: "#/components/schemas/ChordSymbol" }; },
        expect: [/swagger-parser [\d.]+: Missing \$ref pointer "#\/components\/schemas\/ChordSymbol"/,
                 /#\/components\/schemas\/Chord\/properties\/chord: \$ref "#\/components\/schemas\/ChordSymbol" points at nothing/],
    },
    {
        name: "a served route missing from the document",
        editRoutes: (text) => text + "POST /api/undocumented\n",
        expect: [/routes\.txt:\d+: POST \/api\/undocumented is served but not documented in openapi\.json/],
    },
    {
        name: "a documented route the server does not serve",
        editRoutes: (text) => text.replace(/^GET \/api\/midi\/list\n/m, ""),
        expect: [/openapi\.json documents GET \/api\/midi\/list, which is not in routes\.txt/],
    },
    {
        name: "a path parameter renamed on one side",
        editRoutes: (text) => text.replace("DELETE /api/midi/{file_id}", "DELETE /api/midi/{id}"),
        expect: [/DELETE \/api\/midi\/\{id\} is not documented; openapi\.json has DELETE \/api\/midi\/\{file_id\} \(the path parameter names differ\)/],
    },
    {
        name: "a WebSocket endpoint missing from info.description",
        edit: (doc) => { doc.info.description = doc.info.description.replaceAll("/ws/sync", "/ws/other"); },
        expect: [/routes\.txt:\d+: the WebSocket endpoint \/ws\/sync is not mentioned in info\.description/],
    },
    {
        name: "not an OpenAPI document (a misspelt key)",
        edit: (doc) => { doc.paths["/health"].get.respones = doc.paths["/health"].get.responses; delete doc.paths["/health"].get.responses; },
        expect: [/swagger-parser [\d.]+: Swagger schema validation failed[\s\S]*#\/paths\/~1health\/get must have required property 'responses'/],
    },
    {
        name: "an example that breaks its schema",
        edit: (doc) => {
            doc.paths["/api/generate"].post.requestBody.content["application/json"].examples.original.value.chord_progression.tempo = 500;
        },
        expect: [/examples\/original does not match its schema: \/chord_progression\/tempo must be <= 400/],
    },
    {
        name: "an error response without the Error shape, and 405 without Allow",
        edit: (doc) => {
            doc.paths["/health"].get.responses["405"] = { description: "wrong method", content: { "application/json": { schema: { type: "object" } } } };
        },
        expect: [/GET \/health: response 405 does not use #\/components\/schemas\/Error/, /GET \/health: response 405 has no Allow header/],
    },
    {
        name: "a JSON body without its 415",
        edit: (doc) => { delete doc.paths["/api/plugin/register"].post.responses["415"]; },
        expect: [/POST \/api\/plugin\/register: takes a JSON body but does not document 415/],
    },
    {
        name: "a duplicate operationId",
        edit: (doc) => { doc.paths["/api/midi/list"].get.operationId = "listFiles"; },
        expect: [/GET \/api\/midi\/list: operationId "listFiles" is also used by GET \/api\/files/],
    },
    {
        name: "a route list line that is not METHOD /path",
        editRoutes: (text) => text + "GET\n",
        expect: [/routes\.txt:\d+: expected "METHOD \/path", got "GET"/],
    },
];

let passed = 0;
let failed = 0;
cases.forEach((testCase, index) => {
    const doc = JSON.parse(original);
    testCase.edit?.(doc);
    // Each case in its own folder, under the real names: the validator's messages name the files.
    const caseDir = path.join(work, `case-${index}`);
    mkdirSync(caseDir);
    const docFile = path.join(caseDir, "openapi.json");
    const routesCopy = path.join(caseDir, "routes.txt");
    writeFileSync(docFile, JSON.stringify(doc, null, 2));
    writeFileSync(routesCopy, testCase.editRoutes ? testCase.editRoutes(routes) : routes);

    const run = spawnSync(process.execPath, [validator, docFile, routesCopy], { encoding: "utf8" });
    const output = `${run.stdout}${run.stderr}`;
    const wantStatus = testCase.status ?? 1;
    const missing = testCase.expect.filter((pattern) => !pattern.test(output));
    if (run.status === wantStatus && missing.length === 0) {
        passed += 1;
        console.log(`ok   ${testCase.name}`);
    } else {
        failed += 1;
        console.log(`FAIL ${testCase.name}: exit ${run.status} (wanted ${wantStatus})` +
                    missing.map((pattern) => `\n       no line matches ${pattern}`).join("") +
                    `\n       output:\n${output.replace(/^/gm, "         ")}`);
    }
});
rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
