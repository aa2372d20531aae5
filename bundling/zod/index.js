/**
 * What the worker's bundle imports for "zod" and "zod/v4" (the aliases in wrangler.toml): zod's classic API
 * (zod/v4/classic/external.js, zod 4.6.7) without `z.locales` and `z.core.locales`. `import { z } from "zod"`
 * (as @hono/zod-openapi writes it) keeps the whole `z` namespace, so the bundler cannot drop the 63 locales
 * zod re-exports there (~260 KB minified, compiled by every isolate at startup); no code of this worker reads
 * them (English is zod's default, set by classic/schemas.js). The tests run the real "zod" (the alias is
 * wrangler's); test/node/zod-alias.test.ts checks that these files export what zod does, locales aside.
 */
import * as z from "./index.js";

export { z, z as default };
export * as core from "./core.js";
export * from "../../node_modules/zod/v4/classic/schemas.js";
export * from "../../node_modules/zod/v4/classic/checks.js";
export * from "../../node_modules/zod/v4/classic/errors.js";
export * from "../../node_modules/zod/v4/classic/parse.js";
export * from "../../node_modules/zod/v4/classic/compat.js";
export { globalRegistry, registry, config, memoizer, $output, $input, $brand, clone, regexes, treeifyError, prettifyError, formatError, flattenError, TimePrecision, util, NEVER, INVALID, toZod, compile, withParser, ZodCompileAsyncError, ZodCompileUnsupportedError, getDiscriminatedOption, } from "./core.js";
export { toJSONSchema } from "../../node_modules/zod/v4/core/json-schema-processors.js";
export { fromJSONSchema } from "../../node_modules/zod/v4/classic/from-json-schema.js";
export { deepPartial } from "../../node_modules/zod/v4/classic/deep-partial.js";
export { input, output } from "../../node_modules/zod/v4/classic/in-out.js";
export { ZodISODateTime, ZodISODate, ZodISOTime, ZodISODuration } from "../../node_modules/zod/v4/classic/iso.js";
export * as iso from "../../node_modules/zod/v4/classic/iso.js";
export * as coerce from "../../node_modules/zod/v4/classic/coerce.js";
