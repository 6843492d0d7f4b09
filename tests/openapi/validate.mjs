// Checks an OpenAPI 3.0 document independently of the server that serves it.
//
//   node validate.mjs OPENAPI_JSON ROUTES_TXT
//
// 1. swagger-parser validates the document against the OpenAPI 3.0 JSON Schema and resolves
//    every $ref (a dangling one is an error).
// 2. Checks swagger-parser leaves out for OpenAPI 3: unique operationIds, path parameters
//    declared both ways, `required` naming existing properties, no siblings beside $ref,
//    declared tags, and this project's error rules (docs/PROTOCOL.md): errors use the Error
//    schema, every operation documents 405 and 503, 405 has Allow and 503 Retry-After, a JSON
//    request body brings 400, 415 and 422.
// 3. Every example and default is valid against its schema (Ajv, OpenAPI 3.0 schemas
//    translated to JSON Schema: nullable, boolean exclusiveMinimum/Maximum).
// 4. The routes: ROUTES_TXT has one "METHOD /path" per line (blank lines and # comments are
//    skipped). Every HTTP route must be documented and every documented operation must be
//    listed, so the document and the server cannot drift apart. WEBSOCKET routes are not
//    OpenAPI operations: their paths must be mentioned in info.description instead.
//
// Prints every problem found, one per line, and exits 1 when there is any (2 on bad usage).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const SCHEMA_REF_PREFIX = "#/components/schemas/";

const problems = [];
const problem = (message) => problems.push(message);

function usage(message) {
    console.error(`validate.mjs: ${message}\nusage: node validate.mjs OPENAPI_JSON ROUTES_TXT`);
    process.exit(2);
}

function readText(file, what) {
    try {
        return readFileSync(file, "utf8");
    } catch (error) {
        usage(`cannot read the ${what} ${file}: ${error.message}`);
    }
}

const pointer = (parts) => "#/" + parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

// Follows a local "#/a/b" reference; undefined when it does not resolve.
function resolvePointer(doc, ref) {
    if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
    let node = doc;
    for (const raw of ref.slice(2).split("/")) {
        const part = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
        if (node === null || typeof node !== "object" || !(part in node)) return undefined;
        node = node[part];
    }
    return node;
}

// A Reference Object's target (one level is enough for responses, parameters, headers,
// examples and request bodies), or the object itself.
function deref(doc, node) {
    return node && typeof node === "object" && typeof node.$ref === "string" ? resolvePointer(doc, node.$ref) : node;
}

function operations(doc) {
    const list = [];
    for (const [route, item] of Object.entries(doc.paths ?? {})) {
        for (const method of HTTP_METHODS) {
            if (item && item[method]) list.push({ route, method, item, op: item[method], name: `${method.toUpperCase()} ${route}` });
        }
    }
    return list;
}

// ---- 2. structure swagger-parser does not check for OpenAPI 3 -----------------------------

function checkRefs(doc) {
    const walk = (node, at) => {
        if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...at, i]));
        if (!node || typeof node !== "object") return;
        if ("$ref" in node) {
            const where = pointer(at);
            if (typeof node.$ref !== "string") problem(`${where}: $ref is not a string`);
            else if (!node.$ref.startsWith("#/")) problem(`${where}: $ref "${node.$ref}" is not a reference inside this document`);
            else if (resolvePointer(doc, node.$ref) === undefined) problem(`${where}: $ref "${node.$ref}" points at nothing (dangling reference)`);
            const siblings = Object.keys(node).filter((key) => key !== "$ref");
            if (siblings.length) problem(`${where}: keys beside $ref are ignored in OpenAPI 3.0 (${siblings.join(", ")}); wrap the $ref in allOf`);
            return;
        }
        for (const [key, value] of Object.entries(node)) {
            // Examples and defaults are data: a "$ref" key in them is not a reference.
            if ((key === "example" || key === "default" || key === "value" || key === "enum") && at.at(-1) !== "properties") continue;
            walk(value, [...at, key]);
        }
    };
    walk(doc, []);
}

function checkOperations(doc) {
    const seenIds = new Map();
    const declaredTags = new Set((doc.tags ?? []).map((tag) => tag.name));
    for (const { route, item, op, name } of operations(doc)) {
        if (!op.operationId) problem(`${name}: no operationId`);
        else if (seenIds.has(op.operationId)) problem(`${name}: operationId "${op.operationId}" is also used by ${seenIds.get(op.operationId)}`);
        else seenIds.set(op.operationId, name);
        if (!op.summary) problem(`${name}: no summary`);
        for (const tag of op.tags ?? []) {
            if (!declaredTags.has(tag)) problem(`${name}: tag "${tag}" is not declared in the top-level tags`);
        }

        // Path parameters: every {name} in the path declared in: path (required), and back.
        const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p)).filter(Boolean);
        const inPath = params.filter((p) => p.in === "path");
        for (const param of templated) {
            const declared = inPath.find((p) => p.name === param);
            if (!declared) problem(`${name}: path parameter {${param}} is not declared as a parameter "in": "path"`);
            else if (declared.required !== true) problem(`${name}: path parameter {${param}} must have "required": true`);
        }
        for (const param of inPath) {
            if (!templated.includes(param.name)) problem(`${name}: parameter "${param.name}" is "in": "path" but the path has no {${param.name}}`);
        }

        // The project's error rules (docs/PROTOCOL.md, "Errors").
        const responses = op.responses ?? {};
        for (const status of ["405", "503"]) {
            if (!(status in responses)) problem(`${name}: does not document ${status} (every path answers ${status === "405" ? "405 method_not_allowed" : "503 too_many_connections"})`);
        }
        const body = deref(doc, op.requestBody);
        if (body?.content?.["application/json"]) {
            for (const status of ["400", "415", "422"]) {
                if (!(status in responses)) problem(`${name}: takes a JSON body but does not document ${status}`);
            }
        }
        for (const [status, ref] of Object.entries(responses)) {
            const response = deref(doc, ref);
            if (!response) continue; // a dangling $ref, reported by checkRefs
            if (/^[45]\d\d$/.test(status)) {
                const schema = response.content?.["application/json"]?.schema;
                if (schema?.$ref !== SCHEMA_REF_PREFIX + "Error") problem(`${name}: response ${status} does not use #/components/schemas/Error`);
            }
            if (status === "405" && !response.headers?.Allow) problem(`${name}: response 405 has no Allow header`);
            if (status === "503" && !response.headers?.["Retry-After"]) problem(`${name}: response 503 has no Retry-After header`);
        }
    }
}

// Visits every schema object with its location, not following $ref (targets are visited
// where they are defined).
function forEachSchema(doc, visit) {
    const walkSchema = (schema, at) => {
        if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
        visit(schema, at);
        if ("$ref" in schema) return;
        for (const [prop, sub] of Object.entries(schema.properties ?? {})) walkSchema(sub, [...at, "properties", prop]);
        for (const key of ["items", "not", "additionalProperties"]) walkSchema(schema[key], [...at, key]);
        for (const key of ["allOf", "oneOf", "anyOf"]) (schema[key] ?? []).forEach((sub, i) => walkSchema(sub, [...at, key, i]));
    };
    const walkContent = (content, at) => {
        for (const [type, media] of Object.entries(content ?? {})) walkSchema(media?.schema, [...at, "content", type, "schema"]);
    };
    const walkParameter = (param, at) => {
        walkSchema(param?.schema, [...at, "schema"]);
        walkContent(param?.content, at);
    };
    const walkResponse = (response, at) => {
        walkContent(response?.content, at);
        for (const [header, value] of Object.entries(response?.headers ?? {})) walkParameter(value, [...at, "headers", header]);
    };
    const c = doc.components ?? {};
    for (const [key, schema] of Object.entries(c.schemas ?? {})) walkSchema(schema, ["components", "schemas", key]);
    for (const [key, param] of Object.entries(c.parameters ?? {})) walkParameter(param, ["components", "parameters", key]);
    for (const [key, header] of Object.entries(c.headers ?? {})) walkParameter(header, ["components", "headers", key]);
    for (const [key, response] of Object.entries(c.responses ?? {})) walkResponse(response, ["components", "responses", key]);
    for (const [key, body] of Object.entries(c.requestBodies ?? {})) walkContent(body?.content, ["components", "requestBodies", key]);
    for (const [route, item] of Object.entries(doc.paths ?? {})) {
        (item?.parameters ?? []).forEach((p, i) => walkParameter(p, ["paths", route, "parameters", i]));
        for (const method of HTTP_METHODS) {
            const op = item?.[method];
            if (!op) continue;
            const at = ["paths", route, method];
            (op.parameters ?? []).forEach((p, i) => walkParameter(p, [...at, "parameters", i]));
            walkContent(op.requestBody?.content, [...at, "requestBody"]);
            for (const [status, response] of Object.entries(op.responses ?? {})) walkResponse(response, [...at, "responses", status]);
        }
    }
}

function checkRequiredProperties(doc) {
    forEachSchema(doc, (schema, at) => {
        if (!Array.isArray(schema.required) || !schema.properties) return;
        for (const name of schema.required) {
            if (!(name in schema.properties)) problem(`${pointer(at)}: "${name}" is required but is not one of its properties`);
        }
    });
}

// ---- 3. examples and defaults against their schemas ---------------------------------------

// OpenAPI 3.0's schema dialect as JSON Schema draft-07, which Ajv reads.
function toJsonSchema(schema) {
    if (Array.isArray(schema)) return schema.map(toJsonSchema);
    if (!schema || typeof schema !== "object") return schema;
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
        if (key === "$ref") out.$ref = value.startsWith(SCHEMA_REF_PREFIX) ? "urn:aiband:openapi#/definitions/" + value.slice(SCHEMA_REF_PREFIX.length) : value;
        else if (key === "properties") out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
        else if (["items", "not", "additionalProperties", "allOf", "oneOf", "anyOf"].includes(key)) out[key] = toJsonSchema(value);
        else if (["nullable", "example", "exclusiveMinimum", "exclusiveMaximum", "discriminator", "xml", "externalDocs", "deprecated"].includes(key)) continue;
        else out[key] = value;
    }
    for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]]) {
        if (schema[flag] === true && typeof schema[bound] === "number") {
            out[flag] = schema[bound];
            delete out[bound];
        }
    }
    return schema.nullable === true ? { anyOf: [out, { type: "null" }] } : out;
}

function makeAjv(doc) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const format of ["int32", "int64", "float", "double", "byte", "binary", "password"]) ajv.addFormat(format, true);
    const definitions = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).map(([k, v]) => [k, toJsonSchema(v)]));
    ajv.addSchema({ $id: "urn:aiband:openapi", definitions });
    return ajv;
}

function describeAjvErrors(errors) {
    const shown = errors.slice(0, 6).map((e) => {
        let text = `${e.instancePath || "(the value)"} ${e.message}`;
        if (e.params?.allowedValues) text += ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
        if (e.params?.additionalProperty) text += ` ("${e.params.additionalProperty}")`;
        return text;
    });
    if (errors.length > shown.length) shown.push(`and ${errors.length - shown.length} more`);
    return shown.join("; ");
}

function checkExamples(doc) {
    const ajv = makeAjv(doc);
    const compiled = new WeakMap();
    let count = 0;
    let unresolved = 0;
    const check = (schema, value, where) => {
        if (!schema || typeof schema !== "object") return;
        if ("$ref" in schema && resolvePointer(doc, schema.$ref) === undefined) return; // reported already
        let validate = compiled.get(schema);
        if (!validate) {
            try {
                validate = ajv.compile(toJsonSchema(schema));
            } catch (error) {
                // A schema reaching a dangling $ref cannot be compiled; that $ref is reported once.
                if (error.missingRef) unresolved += 1;
                else problem(`${where}: its schema cannot be compiled: ${error.message}`);
                return;
            }
            compiled.set(schema, validate);
        }
        count += 1;
        if (!validate(value)) problem(`${where} does not match its schema: ${describeAjvErrors(validate.errors)}`);
    };

    // Defaults and examples written on schemas themselves.
    forEachSchema(doc, (schema, at) => {
        if ("example" in schema) check(schema, schema.example, `${pointer(at)}: example ${JSON.stringify(schema.example)}`);
        if ("default" in schema) check(schema, schema.default, `${pointer(at)}: default ${JSON.stringify(schema.default)}`);
    });

    // example / examples beside a schema: media types, parameters, headers.
    const checkHolder = (holder, schema, at) => {
        if (!holder) return;
        if ("example" in holder && "examples" in holder) problem(`${pointer(at)}: has both example and examples`);
        if ("example" in holder) check(schema, holder.example, `${pointer([...at, "example"])}`);
        for (const [key, ref] of Object.entries(holder.examples ?? {})) {
            const example = deref(doc, ref);
            if (example && "value" in example) check(schema, example.value, `${pointer([...at, "examples", key])}`);
        }
    };
    const checkContent = (content, at) => {
        for (const [type, media] of Object.entries(content ?? {})) checkHolder(media, media?.schema, [...at, "content", type]);
    };
    const checkParameter = (param, at) => {
        if (!param || "$ref" in param) return;
        checkHolder(param, param.schema, at);
        checkContent(param.content, at);
    };
    const checkResponse = (response, at) => {
        if (!response || "$ref" in response) return;
        checkContent(response.content, at);
        for (const [name, header] of Object.entries(response.headers ?? {})) checkParameter(header, [...at, "headers", name]);
    };
    const c = doc.components ?? {};
    for (const [key, param] of Object.entries(c.parameters ?? {})) checkParameter(param, ["components", "parameters", key]);
    for (const [key, header] of Object.entries(c.headers ?? {})) checkParameter(header, ["components", "headers", key]);
    for (const [key, response] of Object.entries(c.responses ?? {})) checkResponse(response, ["components", "responses", key]);
    for (const [key, body] of Object.entries(c.requestBodies ?? {})) checkContent(body?.content, ["components", "requestBodies", key]);
    for (const [route, item] of Object.entries(doc.paths ?? {})) {
        (item?.parameters ?? []).forEach((p, i) => checkParameter(p, ["paths", route, "parameters", i]));
        for (const method of HTTP_METHODS) {
            const op = item?.[method];
            if (!op) continue;
            const at = ["paths", route, method];
            (op.parameters ?? []).forEach((p, i) => checkParameter(p, [...at, "parameters", i]));
            if (op.requestBody && !("$ref" in op.requestBody)) checkContent(op.requestBody.content, [...at, "requestBody"]);
            for (const [status, response] of Object.entries(op.responses ?? {})) checkResponse(response, [...at, "responses", status]);
        }
    }
    if (unresolved) problem(`${unresolved} example(s) and default(s) were not checked: their schema reaches a dangling $ref`);
    return count;
}

// ---- 4. the routes the server answers ------------------------------------------------------

function readRoutes(file) {
    const routes = [];
    readText(file, "route list").split(/\r?\n/).forEach((raw, index) => {
        const line = raw.replace(/#.*/, "").trim();
        if (!line) return;
        const where = `${path.basename(file)}:${index + 1}`;
        const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(line);
        if (!match) return problem(`${where}: expected "METHOD /path", got "${raw.trim()}"`);
        const method = match[1].toUpperCase();
        if (method !== "WEBSOCKET" && !HTTP_METHODS.includes(method.toLowerCase())) return problem(`${where}: unknown method "${match[1]}"`);
        routes.push({ method, path: match[2], where });
    });
    return routes;
}

function checkRoutes(doc, routes, documentName, routesName) {
    // Templates compare by shape, so a renamed parameter is reported as such.
    const shape = (p) => p.replace(/\{[^}]*\}/g, "{}");
    const documented = operations(doc).map(({ route, method }) => ({ method: method.toUpperCase(), path: route }));
    const key = (r) => `${r.method} ${r.path}`;
    const listed = new Map();
    for (const route of routes) {
        if (listed.has(key(route))) problem(`${route.where}: ${key(route)} is listed twice (first at ${listed.get(key(route)).where})`);
        else listed.set(key(route), route);
    }
    const documentedKeys = new Set(documented.map(key));
    const description = doc.info?.description ?? "";

    for (const route of listed.values()) {
        if (route.method === "WEBSOCKET") {
            if (doc.paths?.[route.path]) problem(`${route.where}: the WebSocket path ${route.path} is documented as an HTTP path in ${documentName}`);
            if (!description.includes(route.path)) problem(`${route.where}: the WebSocket endpoint ${route.path} is not mentioned in info.description`);
            continue;
        }
        if (documentedKeys.has(key(route))) continue;
        const renamed = documented.find((d) => d.method === route.method && shape(d.path) === shape(route.path));
        if (renamed) problem(`${route.where}: ${key(route)} is not documented; ${documentName} has ${key(renamed)} (the path parameter names differ)`);
        else problem(`${route.where}: ${key(route)} is served but not documented in ${documentName}`);
    }
    for (const d of documented) {
        if (listed.has(key(d))) continue;
        const renamed = [...listed.values()].some((r) => r.method === d.method && shape(r.path) === shape(d.path));
        if (!renamed) problem(`${documentName} documents ${key(d)}, which is not in ${routesName} (the server does not answer it)`);
    }
    return documented.length;
}

// ---- main -----------------------------------------------------------------------------------

const [documentFile, routesFile] = process.argv.slice(2);
if (!documentFile || !routesFile || process.argv.length > 4) usage("expected two arguments");

let doc;
try {
    doc = JSON.parse(readText(documentFile, "OpenAPI document"));
} catch (error) {
    console.error(`${documentFile}: not JSON: ${error.message}`);
    process.exit(1);
}

const parserVersion = require("@apidevtools/swagger-parser/package.json").version;
try {
    // swagger-parser dereferences in place: give it its own copy.
    await SwaggerParser.validate(structuredClone(doc));
} catch (error) {
    problem(`swagger-parser ${parserVersion}: ${error.message.trim()}`);
}

let exampleCount = 0;
let operationCount = 0;
if (doc && typeof doc === "object" && !Array.isArray(doc)) {
    checkRefs(doc);
    checkOperations(doc);
    checkRequiredProperties(doc);
    exampleCount = checkExamples(doc);
    const routes = readRoutes(routesFile);
    operationCount = checkRoutes(doc, routes, path.basename(documentFile), path.basename(routesFile));
} else {
    problem("the document is not a JSON object");
}

if (problems.length) {
    for (const message of problems) console.error(`${documentFile}: ${message}`);
    console.error(`${problems.length} problem(s) found`);
    process.exit(1);
}
const ajvVersion = require("ajv/package.json").version;
console.log(`${documentFile}: valid OpenAPI ${doc.openapi} (swagger-parser ${parserVersion}, ajv ${ajvVersion}); ` +
            `${operationCount} operations match ${path.basename(routesFile)}; ${exampleCount} examples and defaults match their schemas`);
