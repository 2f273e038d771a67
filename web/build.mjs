#!/usr/bin/env node
// Builds the web client with esbuild (CMake runs this; see web/CMakeLists.txt):
//   node web/build.mjs --out DIR           the page: DIR/index.html + DIR/assets/app-<hash>.{js,css}
//   node web/build.mjs --client-out DIR    the typed REST client as an npm package folder
//                                          (package.json, README.md, dist/index.{js,cjs,d.ts,d.cts})
// Both may be given. Asset names carry esbuild's content hash, so `lkstudy serve` can let browsers
// cache them for good; index.html names them and is revalidated on every load.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i];
    if (!['--out', '--client-out'].includes(k) || argv[i + 1] === undefined) {
      throw new Error(`usage: build.mjs [--out DIR] [--client-out DIR] (bad argument ${k})`);
    }
    out[k.slice(2)] = resolve(argv[i + 1]);
  }
  return out;
}

async function buildPage(out) {
  // Built beside the target and moved in place, so a half-written bundle is never served.
  const tmp = out + '.tmp';
  await rm(tmp, { recursive: true, force: true });
  const target = ['es2020', 'chrome100', 'firefox100', 'safari15'];
  // livekit-client's E2EE worker: its own bundle, whose hashed name the app is told.
  const worker = await build({
    absWorkingDir: here,
    entryPoints: [{ in: 'livekit-client/e2ee-worker', out: 'e2ee-worker' }],
    bundle: true,
    format: 'esm',
    minify: true,
    legalComments: 'linked',
    target,
    entryNames: '[name]-[hash]',
    outdir: join(tmp, 'assets'),
    metafile: true,
    logLevel: 'warning',
  });
  const workerJs = Object.keys(worker.metafile.outputs).find((p) => p.endsWith('.js'));
  const result = await build({
    absWorkingDir: here,
    entryPoints: [{ in: 'src/main.ts', out: 'app' }],
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    target,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir: join(tmp, 'assets'),
    metafile: true,
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': '"production"',
      __LKS_E2EE_WORKER__: JSON.stringify(relative(tmp, resolve(here, workerJs)).split('\\').join('/')),
    },
  });
  const [js, meta] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === 'src/main.ts');
  if (!meta.cssBundle)
    throw new Error('build.mjs: the page has no stylesheet (src/styles.css not imported?)');
  const rel = (p) => relative(tmp, resolve(here, p)).split('\\').join('/');
  const template = await readFile(join(here, 'index.html'), 'utf8');
  const html = template.replace('%APP_JS%', rel(js)).replace('%APP_CSS%', rel(meta.cssBundle));
  if (html.includes('%APP_')) throw new Error('build.mjs: index.html has a placeholder left');
  await writeFile(join(tmp, 'index.html'), html);
  await rm(out, { recursive: true, force: true });
  await rename(tmp, out);
  return { js: rel(js), css: rel(meta.cssBundle), bytes: meta.bytes };
}

async function buildClient(out) {
  await rm(out, { recursive: true, force: true });
  const dist = join(out, 'dist');
  const common = {
    absWorkingDir: here,
    entryPoints: ['client/src/index.ts'],
    bundle: true,
    // Hermes (React Native) and older browsers: no syntax newer than ES2019.
    target: 'es2019',
    logLevel: 'warning',
  };
  await build({ ...common, format: 'esm', outfile: join(dist, 'index.js') });
  await build({ ...common, format: 'cjs', outfile: join(dist, 'index.cjs') });
  const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(here, 'client', 'tsconfig.json'), '--outDir', dist], {
    stdio: 'inherit',
  });
  // The same declarations as CommonJS ones (.d.cts) for `require` consumers: TypeScript reads a
  // .d.ts in a "type": "module" package as ES module declarations.
  for (const name of ['index', 'types']) {
    const text = await readFile(join(dist, `${name}.d.ts`), 'utf8');
    await writeFile(join(dist, `${name}.d.cts`), text.replaceAll("from './types.js'", "from './types.cjs'"));
  }
  await copyFile(join(here, 'client', 'package.json'), join(out, 'package.json'));
  await copyFile(join(here, 'client', 'README.md'), join(out, 'README.md'));
}

const args = parseArgs(process.argv.slice(2));
if (!args.out && !args['client-out'])
  throw new Error('build.mjs: nothing to build (give --out and/or --client-out)');
if (args.out) {
  await mkdir(dirname(args.out), { recursive: true });
  const page = await buildPage(args.out);
  console.log(
    `web client: ${args.out}/index.html, ${page.js} (${(page.bytes / 1024).toFixed(0)} KiB), ${page.css}`,
  );
}
if (args['client-out']) {
  await buildClient(args['client-out']);
  console.log(`typed client package: ${args['client-out']}`);
}
