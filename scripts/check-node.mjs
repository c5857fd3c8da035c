// Fails early, with the fix, when the scripts run on a Node.js older than the toolchain needs.
// (npm puts node_modules/.bin first on PATH, so after the README's set-up this is the Node 24 from the `node` package.)
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `AIDAO needs Node.js >= 22.13; this is ${process.version}. Run the set-up command from README.md first.`,
  );
  process.exit(1);
}
