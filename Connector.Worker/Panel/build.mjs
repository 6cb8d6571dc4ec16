// Bundles the panel for the .NET build (Connector.Worker.csproj, target BundlePanel): node build.mjs OUTDIR.
// One ES module bundle for the panel, code-split so the ACS Calling SDK (large) loads only when the softphone starts;
// minified, with a metafile summary so the build log shows what the agent downloads.
import * as esbuild from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import path from "node:path";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node build.mjs OUTDIR");
  process.exit(2);
}

const result = await esbuild.build({
  // The supervisors' KPI dashboard (/dashboard, Kpis/) is a second page: its script and its CSS (uPlot's) come out
  // beside the panel's, and share its chunks.
  entryPoints: { app: "src/main.tsx", dashboard: "src/dashboard/main.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir,
  // Chunks are named by content hash: the panel's routes serve every file of the folder.
  chunkNames: "chunk-[hash]",
  metafile: true,
  logLevel: "warning",
});

for (const file of Object.keys(result.metafile.outputs)) {
  const bytes = readFileSync(file);
  console.log(`panel: ${path.basename(file)} ${bytes.length} bytes, ${gzipSync(bytes).length} gzipped`);
}
