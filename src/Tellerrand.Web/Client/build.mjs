// Bundles every entry point src/<name>/index.ts into ../wwwroot/js/<name>.js.
// Run by the BuildClient target of Tellerrand.Web.csproj, so `dotnet build` and `dotnet run` need nothing else.
import { build } from "esbuild";
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const entryPoints = (existsSync("src") ? readdirSync("src", { withFileTypes: true }) : [])
  .filter((entry) => entry.isDirectory() && existsSync(join("src", entry.name, "index.ts")))
  .map((entry) => ({ in: join("src", entry.name, "index.ts"), out: entry.name }));

await build({
  entryPoints,
  outdir: "../wwwroot/js",
  bundle: true,
  format: "esm",
  target: "es2022",
  sourcemap: "linked",
  minify: process.env.TELLERRAND_CLIENT_MINIFY !== "0",
  logLevel: "warning",
});
