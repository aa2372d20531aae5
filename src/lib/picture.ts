/** Sending the pictures (SVG): their type, a CSP that allows nothing to run, and absolute links. */
import type { Context } from "hono";
import { withOrigin } from "../compose/links";
import type { AppEnv } from "../env";
import { origin } from "./urls";

export const SVG_TYPE = "image/svg+xml; charset=utf-8";
/** An SVG opened on its own runs nothing and loads nothing (its styling is presentation attributes). */
export const SVG_CSP = "default-src 'none'; frame-ancestors 'none'";

export function sendSvg(c: Context<AppEnv>, body: string): Response {
  return c.body(withOrigin(body, origin(c)), 200, { "Content-Type": SVG_TYPE, "Content-Security-Policy": SVG_CSP });
}
