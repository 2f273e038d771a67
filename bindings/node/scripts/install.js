'use strict';
// `npm install` hook: builds the native addon with cmake-js from the sources in the package
// (src/ and the lkstudy library under lkstudy/), against the Node-API headers of the pinned
// node-api-headers package. Needs cmake, a C++20 compiler and lkstudy's system libraries
// (OpenSSL 3, RapidJSON, ...; see README.md). Downloads nothing.
//
// In a source checkout (no lkstudy/ folder, the repository two levels up) the project's own
// CMake build makes the addon (build/bindings/node/lkstudy.node), so this does nothing.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const packed = fs.existsSync(path.join(root, 'lkstudy', 'CMakeLists.txt'));
const checkout = fs.existsSync(path.join(root, '..', '..', 'capi', 'include', 'lks.h'));
if (!packed && checkout && !process.env.LKS_NODE_FORCE_BUILD) {
  console.log('lkstudy: source checkout; the project build (scripts/setup.sh) builds the addon');
  process.exit(0);
}

const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const jobs = String(Math.max(1, Math.min(require('node:os').availableParallelism?.() ?? 2, 4)));
const result = spawnSync(process.execPath, [cmakeJs, 'compile', '--log-level', 'warn', '--parallel', jobs], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error('lkstudy: building the native addon failed (see above); it needs cmake, g++ (C++20) and ' +
    'the development packages of OpenSSL 3 and RapidJSON');
  process.exit(result.status ?? 1);
}
