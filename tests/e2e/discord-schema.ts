/**
 * Discord's own OpenAPI description as request-body validators: given a method and an API path, the JSON
 * schema of the body Discord accepts there, checked with ajv (JSON Schema 2020-12). The spec is an unchanged
 * copy of ../shared/discord/openapi.json (see discord-api-spec/README.md), so a clean clone runs anywhere.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ajv2020 from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";

// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv2020 = ajv2020.default;

export const OPENAPI_PATH = path.resolve(import.meta.dirname, "discord-api-spec/openapi.json");

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: unknown }> } }>>;
  components: { schemas: Record<string, unknown> };
}

const spec = JSON.parse(readFileSync(OPENAPI_PATH, "utf8")) as OpenApi;

const ajv = new Ajv2020({ strict: false, allErrors: true });
// The formats worth checking are checked; Discord's own (snowflake, int64, ...) are accepted as they come.
ajv.addFormat("uri", (value: string) => URL.canParse(value));
ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
for (const format of new Set([...JSON.stringify(spec).matchAll(/"format":\s*"([^"]+)"/g)].map((m) => m[1]!)))
  if (format !== "uri" && format !== "date-time") ajv.addFormat(format, true);
ajv.addSchema(spec as object, "discord");

const compiled = new Map<string, ValidateFunction>();

/** A validator for `#/components/schemas/<name>`. */
export function schemaValidator(name: string): ValidateFunction {
  const ref = `discord#/components/schemas/${name}`;
  let validate = compiled.get(ref);
  if (!validate) {
    if (!(name in spec.components.schemas)) throw new Error(`no schema ${name} in openapi.json`);
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  return validate;
}

/** Path templates, those with fewer parameters first so `/messages/@original` wins over `/messages/{message_id}`. */
const routes = Object.keys(spec.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }))
  .sort((a, b) => a.params - b.params);

export function operationOf(method: string, apiPath: string): { template: string; validate: ValidateFunction | null } | null {
  const route = routes.find((r) => r.pattern.test(apiPath) && spec.paths[r.template]![method.toLowerCase()]);
  if (!route) return null;
  const key = `${method.toUpperCase()} ${route.template}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = spec.paths[route.template]![method.toLowerCase()]!.requestBody?.content?.["application/json"]?.schema;
    if (!schema) return { template: route.template, validate: null };
    // The operation's schema refers to components by local pointers: resolve them against the whole spec.
    validate = ajv.compile({ $ref: `discord#/paths/${pointerEscape(route.template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema` });
    compiled.set(key, validate);
  }
  return { template: route.template, validate };
}

function pointerEscape(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1").replace(/[{}@]/g, encodeURIComponent);
}

/** ajv's errors as short readable lines. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
}
