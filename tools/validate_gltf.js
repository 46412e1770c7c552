// Run the Khronos glTF validator on the given .glb/.gltf files.
// Prints one JSON line per file: {"file", "errors", "warnings", "infos", "messages": [first errors/warnings]}.
// Exit status: 0 when no file has errors, 1 when some file has errors, 2 on bad arguments or unreadable files.
//
//     node tools/validate_gltf.js assets/models/*.glb
"use strict";
const fs = require("fs");
const path = require("path");
const validator = require("gltf-validator");

async function validateFile(file) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const report = await validator.validateBytes(bytes, {
    uri: path.basename(file),
    maxIssues: 100,
    externalResourceFunction: (uri) => Promise.reject(new Error(`external resource ${uri} not allowed`)),
  });
  const issues = report.issues;
  return {
    file,
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    messages: issues.messages
      .filter((m) => m.severity <= 1)
      .slice(0, 20)
      .map((m) => `${m.severity === 0 ? "error" : "warning"} ${m.code} ${m.pointer || ""}: ${m.message}`),
  };
}

async function main(files) {
  if (files.length === 0) {
    console.error("error: validate_gltf.js: expected one or more .glb or .gltf files");
    return 2;
  }
  let status = 0;
  for (const file of files) {
    try {
      const result = await validateFile(file);
      console.log(JSON.stringify(result));
      if (result.errors > 0) status = Math.max(status, 1);
    } catch (err) {
      console.error(`error: ${file}: ${err.message || err}`);
      status = 2;
    }
  }
  return status;
}

main(process.argv.slice(2)).then((status) => process.exit(status));
